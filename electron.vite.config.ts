import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

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
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      manifest: true,
      minify: true,
      rolldownOptions: {
        input: {
          counter: resolve(root, 'renderer/counter/index.html'),
          // Hall pages: the hall server serves out/renderer/{kiosk,board}/ at /kiosk/ and /board/.
          kiosk: resolve(root, 'renderer/kiosk/index.html'),
          board: resolve(root, 'renderer/board/index.html'),
          // The browser bridge (window.loket over a WebSocket); the headless host injects it.
          bridge: resolve(root, 'renderer/bridge/index.ts'),
        },
      },
    },
  },
});
