import { COUNTER_CSP } from '../headless/static-pages.ts';

/**
 * Electron security checklist, as plain values so tests can check them without the binary:
 * the app's pages come only from the privileged `loket://app/` scheme (not file://), run
 * sandboxed with context isolation and no Node, under a strict CSP.
 */
export const APP_SCHEME = 'loket';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const COUNTER_PAGE_URL = `${APP_ORIGIN}/counter/index.html`;
export const APP_CSP = COUNTER_CSP;

export function counterWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** Only frames showing our own pages may call the main process (IPC sender check). */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Maps a `loket://app/...` request to a file under the renderer folder, or null when the path
 * would escape it (`..`, encoded separators) or is not ours.
 */
export function resolveAppAsset(requestUrl: string, rendererDir: string, sep = '/'): string | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p === '..' || p === '.' || p.includes('\\') || p.includes('\0'))) return null;
  if (parts[0] === '.vite') return null;
  return [rendererDir.replace(/[\\/]+$/, ''), ...parts].join(sep);
}
