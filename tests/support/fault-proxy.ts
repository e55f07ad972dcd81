import net, { type Server, type Socket } from 'node:net';
import { seededRandom } from './seeded-random.ts';

/**
 * A TCP proxy on 127.0.0.1 that puts Toxiproxy's faults between counter PCs (HTTP, WebSocket) and
 * the hall server, so the fault suite can break the network in-process and replay a failure from
 * its seed.
 *
 * Determinism: every random choice comes from `seededRandom`. Each accepted connection draws two
 * seeds from the proxy's stream (accept order), one per direction, and each direction draws its
 * decisions per chunk, in arrival order, only for the faults that are set. So the same seed, the
 * same fault settings and the same sequence of chunks give the same decisions, however the
 * connections interleave in time.
 *
 * Transparency: bytes keep their order in each direction; half-closes (FIN) are passed on as FIN
 * and resets (RST) as RST. When the upstream refuses, the accepted client connection is reset: a
 * proxy cannot refuse a connection it has already accepted.
 */
export interface Faults {
  /** Extra delay per chunk, each direction, uniformly in [min,max] ms, counted from when the previous chunk was written. */
  latencyMs?: { min: number; max: number };
  /** Throughput cap per connection and direction, bytes/s. */
  bandwidthBytesPerS?: number;
  /** Probability, per chunk received, that both sides of the connection are reset (RST). */
  resetProbability?: number;
  /**
   * A pulled cable: connections are accepted, data in both directions is dropped, and no FIN or RST
   * is passed on. When lifted, new data flows again and held closes are delivered; the dropped
   * data is gone, so such a connection is usually broken for its protocol.
   */
  blackhole?: boolean;
  /**
   * Probability, per response (the first upstream chunk after client data was forwarded), that
   * the response is dropped and both sides are reset: the server processed the request, the client
   * never learns it.
   */
  replyLostProbability?: number;
  /** Delay before a FIN from either side is passed on to the other side. */
  slowCloseMs?: number;
}

export interface FaultProxyStats {
  connections: number;
  /** Connections reset by `resetProbability` (not those of `replyLostProbability`, `down()` or `close()`). */
  resets: number;
  repliesLost: number;
  /** Bytes written to the upstream (bytesUp) and to clients (bytesDown). */
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Replaces the active faults, for existing and new connections. */
  set(faults: Faults): void;
  clear(): void;
  /** The server "unplugged": resets every open connection and stops listening, so new connections are refused. */
  down(): void;
  /** Listens again on the same port; resolves once connections are accepted. */
  up(): Promise<void>;
  /** Sends new connections to another upstream port (the server restarted elsewhere). */
  retarget(port: number): void;
  /** A snapshot. */
  readonly stats: FaultProxyStats;
  /** Destroys every connection and closes the listener; never waits on a peer. */
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  targetPort: number;
  targetHost?: '127.0.0.1';
  seed: number;
  /** 0 (default): any free port. */
  listenPort?: number;
}

const HIGH_WATER = 64 * 1024;

/** RST to the peer; a socket still connecting has nothing to reset. */
function reset(socket: Socket): void {
  if (socket.pending) socket.destroy();
  else if (!socket.destroyed) socket.resetAndDestroy();
}

interface Link {
  client: Socket;
  upstream: Socket;
  pipes: Pipe[];
  /** Closes that a blackhole kept from being passed on. */
  held: (() => void)[];
  awaitingReply: boolean;
  openSockets: number;
  dead: boolean;
}

type Pipe = ReturnType<typeof makePipe>;

/**
 * One direction: a FIFO written in order, pausing the reader while the queue or the writer is
 * full. `end(then)` runs `then` once everything queued is written (or dropped) and slowCloseMs
 * has passed.
 */
function makePipe(from: Socket, to: Socket, faults: () => Faults, onWritten: (bytes: number) => void) {
  const queue: { data: Buffer; delayMs: number; ready: boolean }[] = [];
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let endTimer: ReturnType<typeof setTimeout> | null = null;
  let waitingDrain = false;
  let paused = false;
  let stopped = false;
  let bandwidthFreeAt = 0;
  const onEnd: (() => void)[] = [];
  let endState: 'open' | 'ending' | 'ended' = 'open';

  const flow = (): void => {
    const shouldPause = waitingDrain || queued >= HIGH_WATER;
    if (shouldPause === paused) return;
    paused = shouldPause;
    if (paused) from.pause();
    else from.resume();
  };
  const finishIfIdle = (): void => {
    if (endState !== 'ending' || queue.length > 0 || timer || waitingDrain || endTimer) return;
    const finish = (): void => {
      endTimer = null;
      endState = 'ended';
      for (const then of onEnd.splice(0)) if (!stopped) then();
    };
    const slow = faults().slowCloseMs ?? 0;
    if (slow > 0) endTimer = setTimeout(finish, slow);
    else finish();
  };
  const pump = (): void => {
    while (!stopped && !timer && !waitingDrain) {
      const head = queue[0];
      if (!head) break;
      if (!head.ready) {
        head.ready = true;
        const now = performance.now();
        let at = now + head.delayMs;
        const bps = faults().bandwidthBytesPerS;
        if (bps) {
          const slice = Math.max(1, Math.ceil(bps / 20));
          if (head.data.length > slice) {
            queue.splice(1, 0, { data: head.data.subarray(slice), delayMs: 0, ready: false });
            head.data = head.data.subarray(0, slice);
          }
          bandwidthFreeAt = Math.max(bandwidthFreeAt, now) + (head.data.length * 1000) / bps;
          at = Math.max(at, bandwidthFreeAt);
        }
        if (at - now >= 1) {
          timer = setTimeout(() => {
            timer = null;
            pump();
          }, at - now);
          break;
        }
      }
      queue.shift();
      queued -= head.data.length;
      if (faults().blackhole || to.destroyed || to.writableEnded) continue;
      onWritten(head.data.length);
      if (!to.write(head.data)) {
        waitingDrain = true;
        to.once('drain', () => {
          waitingDrain = false;
          pump();
        });
      }
    }
    flow();
    finishIfIdle();
  };
  return {
    push(data: Buffer, delayMs: number): void {
      queue.push({ data, delayMs, ready: false });
      queued += data.length;
      pump();
    },
    end(then: () => void): void {
      if (endState === 'ended') return then();
      onEnd.push(then);
      endState = 'ending';
      finishIfIdle();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (endTimer) clearTimeout(endTimer);
    },
  };
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const host = options.targetHost ?? '127.0.0.1';
  let targetPort = options.targetPort;
  let faults: Faults = {};
  let listening = true;
  let closed = false;
  const nextSeed = seededRandom(options.seed);
  const links = new Set<Link>();
  const stats: FaultProxyStats = { connections: 0, resets: 0, repliesLost: 0, bytesUp: 0, bytesDown: 0 };

  const kill = (link: Link, how: 'reset' | 'destroy'): void => {
    if (link.dead) return;
    link.dead = true;
    links.delete(link);
    for (const pipe of link.pipes) pipe.stop();
    for (const socket of [link.client, link.upstream]) {
      if (how === 'reset') reset(socket);
      else socket.destroy();
    }
  };
  const deliver = (link: Link, action: () => void): void => {
    if (link.dead) return;
    if (faults.blackhole) link.held.push(action);
    else action();
  };

  const onConnection = (client: Socket): void => {
    client.on('error', () => {});
    if (!listening) return reset(client);
    stats.connections++;
    const upstream = net.connect({ host, port: targetPort, allowHalfOpen: true });
    upstream.on('error', () => {});
    const link: Link = { client, upstream, pipes: [], held: [], awaitingReply: false, openSockets: 2, dead: false };
    links.add(link);
    const sides = [
      { from: client, to: upstream, random: seededRandom(nextSeed() * 2 ** 32) },
      { from: upstream, to: client, random: seededRandom(nextSeed() * 2 ** 32) },
    ];
    for (const { from, to, random } of sides) {
      const isUp = from === client;
      const pipe = makePipe(from, to, () => faults, (bytes) => {
        if (!isUp) return void (stats.bytesDown += bytes);
        stats.bytesUp += bytes;
        link.awaitingReply = true;
      });
      link.pipes.push(pipe);
      from.on('data', (data: Buffer) => {
        if (link.dead || faults.blackhole) return;
        const f = faults;
        if (!isUp && link.awaitingReply) {
          link.awaitingReply = false;
          if (f.replyLostProbability && random() < f.replyLostProbability) {
            stats.repliesLost++;
            return kill(link, 'reset');
          }
        }
        if (f.resetProbability && random() < f.resetProbability) {
          stats.resets++;
          return kill(link, 'reset');
        }
        const delayMs = f.latencyMs ? f.latencyMs.min + random() * (f.latencyMs.max - f.latencyMs.min) : 0;
        pipe.push(data, delayMs);
      });
      from.on('end', () => pipe.end(() => deliver(link, () => to.end())));
      from.on('close', (hadError) => {
        if (link.dead) return;
        if (hadError) return deliver(link, () => kill(link, 'reset'));
        if (--link.openSockets === 0) links.delete(link);
        else pipe.end(() => deliver(link, () => to.end(() => to.destroy())));
      });
    }
  };

  const listen = (port: number): Promise<Server> =>
    new Promise((resolve, reject) => {
      const server = net.createServer({ allowHalfOpen: true }, onConnection).once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server.off('error', reject).on('error', () => {})));
    });

  let server = await listen(options.listenPort ?? 0);
  const port = (server.address() as net.AddressInfo).port;
  let relisten: Promise<void> | null = null;

  const proxy: FaultProxy = {
    port,
    url: `http://127.0.0.1:${port}`,
    set(next) {
      const wasBlackhole = faults.blackhole === true;
      faults = { ...next };
      if (!wasBlackhole || faults.blackhole) return;
      for (const link of [...links]) for (const action of link.held.splice(0)) deliver(link, action);
    },
    clear() {
      proxy.set({});
    },
    down() {
      if (!listening) return;
      listening = false;
      server.close();
      for (const link of [...links]) kill(link, 'reset');
    },
    up() {
      if (listening || closed) return Promise.resolve();
      relisten ??= listen(port)
        .then((next) => {
          server = next;
          listening = !closed;
          if (closed) next.close();
        })
        .finally(() => (relisten = null));
      return relisten;
    },
    retarget(next) {
      targetPort = next;
    },
    get stats() {
      return { ...stats };
    },
    async close() {
      closed = true;
      listening = false;
      for (const link of [...links]) kill(link, 'destroy');
      if (!server.listening) return;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
