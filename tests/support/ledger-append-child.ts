import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { NewLedgerEvent } from '../../core/events.ts';
import { Ledger } from '../../main/ledger/ledger.ts';

/**
 * Child process for the ledger crash and backup tests:
 *   node --import tsx tests/support/ledger-append-child.ts FILE [COUNT]
 * Opens the ledger, prints `ready`, then appends events (forever, or COUNT of them) and prints
 * each returned seq on its own line, synchronously, only after `append` has returned: every line
 * the parent reads is an append the ledger promised was durable.
 */
const [file, countArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: ledger-append-child.ts FILE [COUNT]\n');
  process.exit(2);
}
const count = countArg === undefined ? Number.POSITIVE_INFINITY : Number(countArg);

function nextEvent(i: number, ticketId: string): NewLedgerEvent {
  const base = { ticketId, counterId: 'loket-03', officerId: 'officer-1', leaseEpoch: null };
  switch (i % 3) {
    case 0:
      return { ...base, type: 'walkin.served', data: { serviceId: 'ktp-el', number: `W-${String((i % 999) + 1).padStart(3, '0')}` } };
    case 1:
      return { ...base, type: 'ticket.finished', data: { outcome: 'served', note: i % 2 ? null : 'berkas lengkap' } };
    default:
      return { ticketId: null, counterId: 'loket-03', officerId: 'officer-1', leaseEpoch: null, type: 'counter.paused', data: { reason: 'break' } };
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes a whole line to stdout before returning. The pipe from the parent is non-blocking, so a
 * busy parent that lets it fill up gives EAGAIN: wait a millisecond and write the rest.
 */
function writeLine(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

const ledger = Ledger.open({ file, timeZone: 'Asia/Jakarta' });
writeLine('ready');
let ticketId = randomUUID();
for (let i = 0; i < count; i++) {
  if (i % 3 === 0) ticketId = randomUUID();
  const e = ledger.append(nextEvent(i, ticketId));
  writeLine(String(e.seq));
}
ledger.close();
