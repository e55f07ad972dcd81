import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HallConfigSchema, type HallConfig } from '../../core/domain.ts';
import WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost, type HeadlessHostOptions } from '../../main/headless/host.ts';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = resolve(REPO, 'out', 'renderer');

export function starterHall(): HallConfig {
  return HallConfigSchema.parse(JSON.parse(readFileSync(resolve(REPO, 'resources/demo/starter-hall.json'), 'utf8')));
}

/** A real headless counter host (ledger on disk, browser bridge) on 127.0.0.1 with a free port. */
export function startCounterHost(
  dataDir: string,
  counterId = 'loket-1',
  port = 0,
  hall?: HeadlessHostOptions['hall'],
  serialPorts?: HeadlessHostOptions['serialPorts'],
): Promise<HeadlessHost> {
  return startHeadlessHost({
    dataDir,
    rendererDir: RENDERER_DIR,
    hallConfig: starterHall(),
    counterId,
    version: 'test',
    port,
    ...(hall ? { hall } : {}),
    ...(serialPorts ? { serialPorts } : {}),
  });
}

export type BridgeResult<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };

/** A page's view of a headless host: window.loket's calls and pushes over the browser bridge. */
export interface BridgeClient {
  call<T = unknown>(name: string, request?: unknown): Promise<BridgeResult<T>>;
  /** Resolves with the next push of that name (arriving after this call) that satisfies `match`. */
  nextPush<T = unknown>(name: string, match?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** Connects to the host's bridge as its own page would (same Origin). */
export async function connectBridge(host: HeadlessHost): Promise<BridgeClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, { origin: `http://127.0.0.1:${host.port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: BridgeResult) => void>();
  const waiters = new Set<{ name: string; match: (payload: unknown) => boolean; resolve: (payload: unknown) => void }>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { id?: number | null; result?: BridgeResult; push?: string; payload?: unknown };
    if (frame.push !== undefined) {
      for (const w of [...waiters]) {
        if (w.name === frame.push && w.match(frame.payload)) {
          waiters.delete(w);
          w.resolve(frame.payload);
        }
      }
      return;
    }
    if (typeof frame.id === 'number' && frame.result) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    }
  });
  return {
    call<T>(name: string, request: unknown = {}) {
      const id = nextId++;
      return new Promise<BridgeResult<T>>((resolve) => {
        pending.set(id, resolve as (r: BridgeResult) => void);
        ws.send(JSON.stringify({ id, name, request }));
      });
    },
    nextPush<T>(name: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000) {
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          name,
          match: match as (payload: unknown) => boolean,
          resolve: (payload: unknown) => {
            clearTimeout(timer);
            resolve(payload as T);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${name} push within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => ws.close(),
  };
}
