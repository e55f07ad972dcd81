import { connect } from 'node:net';
import type { PrintErrorCode } from '../../core/kiosk-printing.ts';

/**
 * Sends one print job to a network printer's raw port (JetDirect / "port 9100"): connect, write
 * the ESC/POS bytes, close. Done when the bytes are handed over and our side is closed; the
 * printer then prints and closes its side (a socket it leaves open is dropped a little later).
 * Never throws: every failure is a code the kiosk can explain, and the job never outlives
 * `timeoutMs`. The bytes (a visitor's ticket) are never logged or put into a message.
 */

export type RawPrintResult = { ok: true } | { ok: false; code: PrintErrorCode; message: string };

export interface RawPrintTarget {
  host: string;
  port: number;
}

/** How long a printer that took the job may keep its side open before we drop the connection. */
const LINGER_MS = 2_000;

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTDOWN']);

export function sendRaw(target: RawPrintTarget, bytes: Uint8Array, timeoutMs: number): Promise<RawPrintResult> {
  const where = `${target.host}:${target.port}`;
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    const socket = connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);

    const finish = (result: RawPrintResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (result.ok) {
        // Let the printer close first; drop the connection if it does not.
        setTimeout(() => socket.destroy(), LINGER_MS).unref();
      } else {
        socket.destroy();
      }
      resolve(result);
    };

    const deadline = setTimeout(() => {
      finish(
        connected
          ? { ok: false, code: 'printer_timeout', message: `The printer at ${where} took the connection but not the whole ticket within ${timeoutMs} ms (out of paper, cover open, or busy).` }
          : { ok: false, code: 'printer_timeout', message: `The printer at ${where} did not answer within ${timeoutMs} ms (switched off, unplugged, or a wrong address).` },
      );
    }, timeoutMs);

    socket.once('connect', () => {
      connected = true;
      socket.end(bytes);
    });
    // 'finish': every byte handed to the network and our side closed.
    socket.once('finish', () => finish({ ok: true }));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'unknown';
      finish(
        !connected && UNREACHABLE.has(code)
          ? { ok: false, code: 'printer_unreachable', message: `Cannot reach the printer at ${where} (${code}).` }
          : { ok: false, code: 'printer_failed', message: `The connection to the printer at ${where} failed (${code}).` },
      );
    });
    // A printer that closes on us before the job went out.
    socket.once('close', () => finish({ ok: false, code: 'printer_failed', message: `The printer at ${where} closed the connection before taking the ticket.` }));
  });
}
