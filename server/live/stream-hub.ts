import type { WebSocket } from 'ws';
import type { StreamMessage } from '../../core/stream.ts';
import { StreamAuthSchema } from '../../core/stream.ts';
import type { Principal } from '../auth/principal.ts';

export interface StreamHubDeps {
  authenticate: (token: string) => Principal | null;
  version: string;
  now: () => number;
  /** How long a new socket may take to send its auth frame. */
  authTimeoutMs?: number;
}

/** Who may watch the live feed: devices, and people whose work is the queue (not technicians). */
function mayWatch(p: Principal): boolean {
  return p.kind === 'device' || p.user.role !== 'technician';
}

/**
 * The live feed: each socket authenticates with its first frame, then receives every ticket and
 * counter change as one JSON text frame, serialised once for all sockets.
 */
export class StreamHub {
  private readonly live = new Set<WebSocket>();
  private readonly listeners = new Set<(message: StreamMessage) => void>();

  constructor(private readonly deps: StreamHubDeps) {}

  get size(): number {
    return this.live.size;
  }

  attach(socket: WebSocket): void {
    const timer = setTimeout(() => socket.close(4401, 'authenticate first'), this.deps.authTimeoutMs ?? 5000);
    socket.once('message', (data) => {
      clearTimeout(timer);
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        frame = null;
      }
      const auth = StreamAuthSchema.safeParse(frame);
      const principal = auth.success ? this.deps.authenticate(auth.data.token) : null;
      if (!principal) {
        socket.close(4401, 'send {"type":"auth","token":"…"} with a valid device or session token');
        return;
      }
      if (!mayWatch(principal)) {
        socket.close(4403, 'this role may not watch the queue');
        return;
      }
      this.live.add(socket);
      socket.on('close', () => this.live.delete(socket));
      const hello: StreamMessage = { type: 'hello', at: this.deps.now(), version: this.deps.version };
      socket.send(JSON.stringify(hello));
    });
    socket.on('error', () => socket.terminate());
  }

  /** In-process listeners (visitor tracking, webhooks) see every message too; returns the unsubscribe. */
  listen(listener: (message: StreamMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: StreamMessage): void {
    // A failing listener must not keep the message from the others or from the sockets.
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        console.error('Loket: a live-feed listener failed', error);
      }
    }
    if (this.live.size === 0) return;
    const text = JSON.stringify(message);
    for (const socket of this.live) if (socket.readyState === socket.OPEN) socket.send(text);
  }

  close(): void {
    for (const socket of this.live) socket.close(1001, 'server shutting down');
    this.live.clear();
  }
}
