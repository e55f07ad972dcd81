import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Content-Security-Policy for the counter pages; the same policy the page's meta tag declares. */
export const COUNTER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ManifestSchema = z.record(z.string(), z.object({ file: z.string(), isEntry: z.boolean().optional() }));

/** Finds the built bridge script through Vite's manifest, so hashed file names need no guessing. */
export function findBridgeScript(rendererDir: string): string {
  const manifestFile = join(rendererDir, '.vite', 'manifest.json');
  let raw: string;
  try {
    raw = readFileSync(manifestFile, 'utf8');
  } catch {
    throw new Error(`The counter UI is not built (${manifestFile} is missing). Run \`npm run build\` first.`);
  }
  const manifest = ManifestSchema.parse(JSON.parse(raw));
  const entry = Object.entries(manifest).find(([src]) => src.endsWith('bridge/index.ts'));
  if (!entry) throw new Error(`The build has no bridge entry (${manifestFile}). Run \`npm run build\` again.`);
  return entry[1].file;
}

/** The counter page with the bridge script loaded first, so window.loket exists before the app runs. */
export function counterPageWithBridge(rendererDir: string, bridgeFile: string): string {
  const html = readFileSync(join(rendererDir, 'counter', 'index.html'), 'utf8');
  const tag = `<script type="module" src="../${bridgeFile}"></script>`;
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('The built counter page has no script tag; the build is broken. Run `npm run build`.');
  return html.slice(0, at) + tag + '\n    ' + html.slice(at);
}
