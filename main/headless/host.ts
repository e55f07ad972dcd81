import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HallConfig } from '../../core/domain.ts';
import { zodErrorInfo } from '../../core/errors.ts';
import { createAppServices, type AppServices, type AppServicesOptions, type PushSink } from '../app-services.ts';
import { dispatch } from '../ipc/dispatch.ts';
import { BridgeRequestSchema, type BridgePush, type BridgeReply } from './bridge-protocol.ts';
import { COUNTER_CSP, counterPageWithBridge, findBridgeScript } from './static-pages.ts';

export interface HeadlessHostOptions {
  dataDir: string;
  rendererDir: string;
  /** Until the PC is enrolled with a hall server: the starter configuration and counter. */
  hallConfig: HallConfig;
  counterId: string;
  version: string;
  /** Tuning of the hall-server link (tests: quick reconnects). */
  hall?: AppServicesOptions['hall'];
  /** Serial ports to offer besides the system's (a simulated device's PTY). */
  serialPorts?: AppServicesOptions['serialPorts'];
  /** 0 picks a free port. The host only ever binds 127.0.0.1. */
  port?: number;
  now?: () => number;
}

export interface HeadlessHost {
  readonly url: string;
  readonly port: number;
  readonly services: AppServices;
  close(): Promise<void>;
}

export const BRIDGE_PATH = '/bridge';
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The counter app's main-side services without Electron: serves the built counter UI and
 * implements window.loket over a WebSocket (the browser bridge, DESIGN.md §3). Loopback only, and
 * only pages it served itself may connect (Origin check), so no other web page can drive it.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const bridgeFile = findBridgeScript(options.rendererDir);
  const page = counterPageWithBridge(options.rendererDir, bridgeFile);
  const sockets = new Set<WebSocket>();
  const push: PushSink = (name, payload) => {
    const frame: BridgePush = { push: name, payload };
    const text = JSON.stringify(frame);
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(text);
  };
  const services = createAppServices({
    dataDir: options.dataDir,
    hallConfig: options.hallConfig,
    counterId: options.counterId,
    runtime: 'headless',
    version: options.version,
    push,
    ...(options.now ? { now: options.now } : {}),
    ...(options.hall ? { hall: options.hall } : {}),
    ...(options.serialPorts ? { serialPorts: options.serialPorts } : {}),
  });

  const assets = sirv(options.rendererDir, { dev: false, dotfiles: false, etag: true });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', COUNTER_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === '/counter' || path === '/counter/') {
      res.writeHead(302, { Location: '/counter/index.html' }).end();
      return;
    }
    if (path === '/counter/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
      return;
    }
    if (path?.startsWith('/.vite')) {
      res.writeHead(404).end();
      return;
    }
    assets(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    if (req.url !== BRIDGE_PATH || !allowed.includes(req.headers.origin ?? '')) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  const answer = async (ws: WebSocket, text: string): Promise<void> => {
    let reply: BridgeReply;
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = undefined;
    }
    const parsed = BridgeRequestSchema.safeParse(frame);
    if (!parsed.success) {
      reply = { id: null, result: { ok: false, error: zodErrorInfo(parsed.error, 'bridge message') } };
    } else {
      reply = { id: parsed.data.id, result: await dispatch(services.handlers, parsed.data.name, parsed.data.request, console) };
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/counter/index.html`;

  return {
    url,
    port,
    services,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Ends the hall link (live feed, pinned agent) and then the ledger.
      services.close();
    },
  };
}
