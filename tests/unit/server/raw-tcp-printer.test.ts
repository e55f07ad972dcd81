import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../core/escpos-decode.ts';
import { encodeTicket } from '../../../core/escpos.ts';
import { sendRaw } from '../../../server/printing/raw-tcp-printer.ts';
import { startFakePrinter, type FakePrinter } from '../../support/fake-printer.ts';

const TICKET = encodeTicket({
  hallName: 'MPP Kabupaten Lebong',
  agencyName: 'Disdukcapil',
  serviceName: 'Perekaman KTP-el',
  number: 'A-012',
  issuedAt: '10/03/2025 09:05',
  peopleAhead: 3,
  trackingUrl: 'http://127.0.0.1:7420/visitor/track/?code=K7QX4M2P',
  skmUrl: 'http://127.0.0.1:7420/visitor/skm/?code=K7QX4M2P',
  paper: 80,
});

let printer: FakePrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

/** A port nothing listens on: listen, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sendRaw (raw TCP, port 9100 style)', () => {
  it('hands the whole ticket to the printer and closes', async () => {
    printer = await startFakePrinter();
    expect(await sendRaw(printer, TICKET, 2_000)).toEqual({ ok: true });
    const job = await printer.nextJob();
    expect(job).toEqual(TICKET);
    expect(decodeEscPos(job).find((op) => op.kind === 'qr')).toMatchObject({ data: 'http://127.0.0.1:7420/visitor/track/?code=K7QX4M2P' });
  });

  it('a printer that is off (connection refused) is unreachable, at once', async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await sendRaw({ host: '127.0.0.1', port }, TICKET, 2_000);
    expect(result).toMatchObject({ ok: false, code: 'printer_unreachable', message: expect.stringContaining(`127.0.0.1:${port}`) });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('an unknown host name is unreachable', async () => {
    const result = await sendRaw({ host: 'printer.invalid', port: 9100 }, TICKET, 3_000);
    expect(result).toMatchObject({ ok: false });
    expect(['printer_unreachable', 'printer_timeout']).toContain(result.ok ? '' : result.code);
  });

  it('a printer that takes the connection but not the bytes times out, without the ticket in the message', async () => {
    // Accepts, never reads: the job cannot leave once the socket buffers are full.
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      socket.pause();
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const huge = new Uint8Array(64 * 1024 * 1024).fill(0x41);
      const started = Date.now();
      const result = await sendRaw({ host: '127.0.0.1', port }, huge, 500);
      expect(result).toMatchObject({ ok: false, code: 'printer_timeout', message: expect.stringContaining('took the connection') });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
