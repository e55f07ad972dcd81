import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallNextResponse } from '../../../../core/api.ts';
import type { Ticket } from '../../../../core/domain.ts';
import type { NewLedgerEvent } from '../../../../core/events.ts';
import { calledEventFor } from '../../../../main/counter/hall-handlers.ts';
import { Ledger } from '../../../../main/ledger/ledger.ts';
import { createDelivery } from '../../../../main/sync/delivery.ts';
import type { HallLink } from '../../../../main/sync/hall-link.ts';
import type { Replicator } from '../../../../main/sync/replicator.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/**
 * A call's answer on its way to the display and the ledger, with the hall server faked (the whole
 * of delivery runs against a real one in tests/integration/counter-hall): the number display is
 * told before the ledger's durable write, and a display that fails costs no record.
 */

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

function counterWithDisplay(display: (event: NewLedgerEvent, ledger: Ledger) => void) {
  const dir = makeTempDir('loket-delivery-');
  const ledger = Ledger.open({ file: join(dir.path, 'ledger.sqlite'), timeZone: 'Asia/Jakarta', now: Date.now, serverOffsetMs: () => 0 });
  cleanup.push(() => dir.remove(), () => ledger.close());
  const ticket = { id: randomUUID(), number: 'A-001', serviceId: 'ktp-el', status: 'called', calledAt: Date.now() } as Ticket;
  const answer: CallNextResponse = { ticket, leaseEpoch: 1 };
  const link = { online: true, clock: { sample: () => undefined }, request: async () => answer } as unknown as HallLink;
  const replicator = { flush: async () => true } as unknown as Replicator;
  const delivery = createDelivery({ link, ledger, replicator, now: Date.now, onLedgerChanged: () => undefined, onCalled: (event) => display(event, ledger) });
  const callNext = () => delivery.call({ path: '/counters/loket-1/call-next', body: {} }, (a) => calledEventFor('loket-1', 'petugas01', a));
  return { ledger, ticket, callNext };
}

describe('a call answered by the hall server', () => {
  it('is on its way to the display before the ledger has written it', async () => {
    const shown: { number: string; recordedBefore: number }[] = [];
    const { ledger, ticket, callNext } = counterWithDisplay((event, l) => {
      shown.push({ number: (event.data as { number: string }).number, recordedBefore: l.lastSeq() });
    });
    await callNext();
    expect(shown).toEqual([{ number: 'A-001', recordedBefore: 0 }]);
    expect(ledger.eventsAfter(0, 10).map((e) => [e.type, e.ticketId])).toEqual([['ticket.called', ticket.id]]);
  });

  it('is recorded even when the display fails', async () => {
    const { ledger, ticket, callNext } = counterWithDisplay(() => {
      throw new Error('the display is gone');
    });
    expect((await callNext())?.answer.ticket.id).toBe(ticket.id);
    expect(ledger.eventsAfter(0, 10).map((e) => e.type)).toEqual(['ticket.called']);
  });
});
