import { buildLoketApi } from '../../core/ipc.ts';
import { createWebSocketTransport } from './ws-transport.ts';

// Served only by the headless host, loaded before the page's own script: window.loket for browsers.
const url = new URL('/bridge', window.location.href);
url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
Object.defineProperty(window, 'loket', {
  value: buildLoketApi(createWebSocketTransport(url.href, 'ledgerChanged')),
  writable: false,
  configurable: false,
});
