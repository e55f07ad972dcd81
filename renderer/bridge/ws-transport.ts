import type { ErrorInfo, Result } from '../../core/errors.ts';
import type { ApiTransport, InvokeName, PushName } from '../../core/ipc.ts';

type Pending = { resolve: (result: Result<unknown>) => void };

const disconnected: ErrorInfo = {
  code: 'bridge_disconnected',
  message: 'The connection to the counter service was lost. Wait a moment; it reconnects by itself.',
};

/**
 * window.loket over a WebSocket to the headless host. Calls made before the socket opens are
 * queued; after a drop it reconnects with capped backoff and tells listeners to re-read
 * (a synthetic ledgerChanged), since pushes may have been missed meanwhile.
 */
export function createWebSocketTransport(url: string, reconnectedEvent: PushName): ApiTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let everOpened = false;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const emit = (name: string, payload: unknown): void => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      for (const frame of queue.splice(0)) ws.send(frame);
      if (everOpened) emit(reconnectedEvent, { lastSeq: 0 });
      everOpened = true;
    });
    ws.addEventListener('message', (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as { id?: number | null; result?: Result<unknown>; push?: string; payload?: unknown };
      if (typeof frame.push === 'string') emit(frame.push, frame.payload);
      else if (typeof frame.id === 'number' && frame.result) {
        pending.get(frame.id)?.resolve(frame.result);
        pending.delete(frame.id);
      }
    });
    ws.addEventListener('close', () => {
      // Unsent calls are dropped with their callers told: an action must never run later unseen.
      queue.length = 0;
      for (const p of pending.values()) p.resolve({ ok: false, error: disconnected });
      pending.clear();
      const delay = Math.min(5000, 250 * 2 ** attempt++) * (0.75 + Math.random() * 0.5);
      setTimeout(connect, delay);
    });
  };
  connect();

  return {
    invoke(name: InvokeName, request: unknown): Promise<Result<unknown>> {
      const id = nextId++;
      const frame = JSON.stringify({ id, name, request });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    subscribe(name: PushName, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
}
