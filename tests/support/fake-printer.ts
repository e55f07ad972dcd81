import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A network thermal printer's raw port on 127.0.0.1: every connection is one job, its bytes kept
 * once the sender closes. `nextJob()` waits for the next finished job.
 */
export interface FakePrinter {
  readonly host: string;
  readonly port: number;
  readonly jobs: Uint8Array[];
  nextJob(timeoutMs?: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function startFakePrinter(port = 0): Promise<FakePrinter> {
  const jobs: Uint8Array[] = [];
  const waiting: Array<(job: Uint8Array) => void> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const job = new Uint8Array(Buffer.concat(chunks));
      jobs.push(job);
      waiting.shift()?.(job);
      socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const taken = { count: 0 };
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    jobs,
    nextJob(timeoutMs = 10_000) {
      const index = taken.count++;
      const ready = jobs[index];
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the printer received no job #${index + 1} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve(jobs[index] as Uint8Array);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
