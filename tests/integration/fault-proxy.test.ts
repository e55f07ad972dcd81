import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { seededRandom } from '../support/seeded-random.ts';

interface Answer {
  status: number;
  body: Buffer;
  /** The connection it came over (kept by a keep-alive agent). */
  socket: net.Socket | null;
}

function request(url: string, path: string, o: { method?: string; body?: Buffer; timeoutMs?: number; agent?: http.Agent } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: o.method ?? 'GET', agent: o.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), socket: req.socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.timeoutMs) req.setTimeout(o.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.end(o.body);
  });
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

/** Connects, sends `ping` and reports whether the echo came back or the connection was reset. */
function ping(port: number): Promise<'ok' | 'reset'> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('ping'));
    socket.on('error', () => {});
    socket.once('data', () => {
      resolve('ok');
      socket.destroy();
    });
    socket.once('close', () => resolve('reset'));
  });
}

const MB = (() => {
  const random = seededRandom(7);
  const bytes = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
})();

describe('fault proxy', () => {
  let handled = 0;
  let byeSentAt = 0;
  const upstream = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/echo') return void req.pipe(res);
    if (url.pathname === '/count') handled++;
    if (url.pathname === '/bytes') return void res.end(MB.subarray(0, Number(url.searchParams.get('n'))));
    res.end('hello');
  });
  const echo = net.createServer({ allowHalfOpen: true }, (s) => {
    s.on('error', () => {});
    s.on('data', (d) => s.write(d));
    s.on('end', () => s.end());
  });
  const bye = net.createServer((s) => {
    s.on('error', () => {});
    byeSentAt = performance.now();
    s.end('bye');
  });
  let httpPort = 0;
  let echoPort = 0;
  let byePort = 0;
  const proxies: FaultProxy[] = [];
  const proxyTo = async (targetPort: number, seed = 1): Promise<FaultProxy> => {
    const proxy = await startFaultProxy({ targetPort, seed });
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    [httpPort, echoPort, byePort] = await Promise.all([listen(upstream), listen(echo), listen(bye)]);
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await Promise.all([upstream, echo, bye].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('passes requests and 1 MB bodies through intact and in order, also with random latency', async () => {
    const proxy = await proxyTo(httpPort);
    expect((await request(proxy.url, '/hello')).body.toString()).toBe('hello');
    expect((await request(proxy.url, '/echo', { method: 'POST', body: MB })).body.equals(MB)).toBe(true);
    proxy.set({ latencyMs: { min: 0, max: 5 } });
    expect((await request(proxy.url, '/bytes?n=1048576')).body.equals(MB)).toBe(true);
    expect((await request(proxy.url, '/echo', { method: 'POST', body: MB })).body.equals(MB)).toBe(true);
    expect(proxy.stats.bytesUp).toBeGreaterThan(2 * MB.length);
    expect(proxy.stats.bytesDown).toBeGreaterThan(3 * MB.length);
  });

  it('delays each direction by at least the minimum latency', async () => {
    const proxy = await proxyTo(httpPort);
    proxy.set({ latencyMs: { min: 60, max: 80 } });
    const started = performance.now();
    await request(proxy.url, '/hello');
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 60 - 4);
  });

  it('caps the throughput', async () => {
    const proxy = await proxyTo(httpPort);
    proxy.set({ bandwidthBytesPerS: 100_000 });
    const started = performance.now();
    const answer = await request(proxy.url, '/bytes?n=60000');
    expect(performance.now() - started).toBeGreaterThanOrEqual(540);
    expect(answer.body.equals(MB.subarray(0, 60_000))).toBe(true);
  });

  it('resets connections', async () => {
    const proxy = await proxyTo(httpPort);
    proxy.set({ resetProbability: 1 });
    const error = (await request(proxy.url, '/hello').catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(['ECONNRESET', 'EPIPE']).toContain(error.code);
    expect(proxy.stats.resets).toBe(1);
  });

  it('loses the reply after the server handled the request', async () => {
    const proxy = await proxyTo(httpPort);
    proxy.set({ replyLostProbability: 1 });
    const before = handled;
    await expect(request(proxy.url, '/count')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(handled).toBe(before + 1);
    expect(proxy.stats.repliesLost).toBe(1);
  });

  it('blackholes traffic without closing anything, and forwards new connections once lifted', async () => {
    const proxy = await proxyTo(echoPort);
    proxy.set({ blackhole: true });
    const socket = net.connect(proxy.port, '127.0.0.1');
    socket.on('error', () => {});
    const seen: string[] = [];
    socket.on('data', () => seen.push('data')).on('end', () => seen.push('end')).on('close', () => seen.push('close'));
    socket.write('anyone?');
    const httpProxy = await proxyTo(httpPort);
    httpProxy.set({ blackhole: true });
    await expect(request(httpProxy.url, '/hello', { timeoutMs: 300 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(seen).toEqual([]);
    socket.destroy();
    httpProxy.clear();
    expect((await request(httpProxy.url, '/hello', { timeoutMs: 2000 })).body.toString()).toBe('hello');
  });

  it('down() cuts open connections and refuses new ones until up()', async () => {
    const proxy = await proxyTo(httpPort);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await request(proxy.url, '/hello', { agent });
    const socket = first.socket as net.Socket;
    let cutWith: NodeJS.ErrnoException | undefined;
    socket.on('error', (e) => (cutWith = e));
    const cut = new Promise((resolve) => socket.once('close', resolve));
    proxy.down();
    await cut;
    expect(cutWith?.code).toBe('ECONNRESET');
    await expect(request(proxy.url, '/hello')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.up();
    expect((await request(proxy.url, '/hello', { agent })).body.toString()).toBe('hello');
    agent.destroy();
  });

  it('passes a close on no sooner than slowCloseMs', async () => {
    const proxy = await proxyTo(byePort);
    proxy.set({ slowCloseMs: 200 });
    const socket = net.connect(proxy.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.resume();
    await once(socket, 'end');
    expect(performance.now() - byeSentAt).toBeGreaterThanOrEqual(195);
    socket.destroy();
  });

  it('makes the same reset decisions for the same seed', async () => {
    const run = async (seed: number): Promise<{ outcomes: string[]; resets: number }> => {
      const proxy = await proxyTo(echoPort, seed);
      proxy.set({ resetProbability: 0.5 });
      const outcomes: string[] = [];
      for (let i = 0; i < 16; i++) outcomes.push(await ping(proxy.port));
      return { outcomes, resets: proxy.stats.resets };
    };
    const first = await run(42);
    const second = await run(42);
    expect(second).toEqual(first);
    expect(first.outcomes).toContain('ok');
    expect(first.outcomes).toContain('reset');
    expect(first.resets).toBe(first.outcomes.filter((o) => o === 'reset').length);
    expect((await run(43)).outcomes).not.toEqual(first.outcomes);
  });

  it('close() resolves with connections open and data in flight', async () => {
    const proxy = await startFaultProxy({ targetPort: echoPort, seed: 1 });
    proxy.set({ latencyMs: { min: 5000, max: 5000 } });
    const sockets = [net.connect(proxy.port, '127.0.0.1'), net.connect(proxy.port, '127.0.0.1')];
    for (const s of sockets) s.on('error', () => {});
    await Promise.all(sockets.map((s) => once(s, 'connect')));
    sockets[0]?.write('held back by latency');
    const closedSockets = Promise.all(sockets.map((s) => new Promise((resolve) => s.once('close', resolve))));
    await proxy.close();
    await closedSockets;
  });
});
