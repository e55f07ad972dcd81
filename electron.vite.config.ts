import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The display board's voice-call clips are made with the pages: scripts/make-audio.ts writes them
 * to build/audio/ (the hall server serves them at /audio/). It returns at once when they are up to
 * date, and makes nothing, saying why, where espeak-ng is not installed.
 */
function announcementClips(): Plugin {
  return {
    name: 'loket-announcement-clips',
    apply: 'build',
    buildStart() {
      const made = spawnSync(process.execPath, ['--import', 'tsx', resolve(root, 'scripts/make-audio.ts')], { cwd: root, stdio: 'inherit' });
      if (made.status !== 0) this.error('scripts/make-audio.ts failed (see above)');
    },
  };
}

/**
 * One build for the counter app from the top-level folders (DESIGN.md §2):
 * main/index.ts → out/main, preload/index.ts → out/preload (CommonJS, self-contained: a sandboxed
 * preload can only require electron), renderer pages → out/renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), announcementClips()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      manifest: true,
      minify: true,
      rolldownOptions: {
        input: {
          counter: resolve(root, 'renderer/counter/index.html'),
          // Hall pages: the hall server serves out/renderer/{kiosk,board,dashboard}/ at /kiosk/, /board/ and /dashboard/.
          kiosk: resolve(root, 'renderer/kiosk/index.html'),
          board: resolve(root, 'renderer/board/index.html'),
          dashboard: resolve(root, 'renderer/dashboard/index.html'),
          // The visitor's public pages: /visitor/ (information, booking), /visitor/track/, /visitor/skm/.
          visitor: resolve(root, 'renderer/visitor/index.html'),
          'visitor-track': resolve(root, 'renderer/visitor/track/index.html'),
          'visitor-skm': resolve(root, 'renderer/visitor/skm/index.html'),
          // The browser bridge (window.loket over a WebSocket); the headless host injects it.
          bridge: resolve(root, 'renderer/bridge/index.ts'),
        },
      },
    },
  },
});
