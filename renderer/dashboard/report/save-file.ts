import type { DownloadedFile } from '../supervisor-api.ts';

/** Hands a downloaded file to the person (the browser's save), injected so tests can catch it. */
export type SaveFile = (file: DownloadedFile) => void;

/**
 * The browser's save: the exports need the session's Authorization header, so they are fetched,
 * then saved through a temporary link to a blob URL (which is released a minute later).
 */
export function browserSaveFile(doc: Document = document): SaveFile {
  return ({ blob, fileName }) => {
    const url = URL.createObjectURL(blob);
    const link = doc.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.hidden = true;
    doc.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
}
