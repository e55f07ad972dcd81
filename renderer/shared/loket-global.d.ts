import type { LoketApi } from '../../core/ipc.ts';

declare global {
  interface Window {
    /**
     * The one bridge to the counter service (core/ipc.ts), put there by preload in Electron or by
     * the browser bridge script. Optional on purpose: a page opened on its own has none, and the
     * screen must say so instead of crashing.
     */
    loket?: LoketApi;
  }
}

export {};
