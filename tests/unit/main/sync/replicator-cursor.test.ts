import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../main/ledger/ledger.ts';
import { Replicator, type ReplicatorLink } from '../../../../main/sync/replicator.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/**
 * On a reconnect the counter tells the hall server its last seq (`/sync/cursor`); a push that
 * overtakes that question makes the PC look restored from an old copy (a false `restored_copy`
 * alarm for the supervisors). With the link fake (the real exchange runs in the fault suite), two
 * reconnects whose questions overlap must both be answered before anything is pushed.
 */

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

describe('the outbox after a reconnect', () => {
  it('pushes nothing while any cursor question is on its way, even when two reconnects overlap', async () => {
    const dir = makeTempDir('loket-cursor-');
    const ledger = Ledger.open({ file: join(dir.path, 'ledger.sqlite'), timeZone: 'Asia/Jakarta', now: Date.now, serverOffsetMs: () => 0 });
    cleanup.push(() => dir.remove(), () => ledger.close());
    const walkIn = (number: string) =>
      ledger.append({ type: 'walkin.served', ticketId: randomUUID(), counterId: 'loket-1', officerId: 'o-1', leaseEpoch: null, data: { serviceId: 'ktp', number } });

    const seen: string[] = [];
    const answers: (() => void)[] = [];
    const link = {
      enrolled: true,
      clock: { sample: () => undefined },
      request: (_caller: string, method: string, path: string, _schema: unknown, body?: { events: { seq: number }[] }) => {
        if (method === 'GET') {
          seen.push(`cursor lastSeq=${new URL(path, 'http://x').searchParams.get('lastSeq')}`);
          // The hall answers each question when the test lets it.
          return new Promise((resolve) => answers.push(() => resolve({ ackedThrough: 0, serverTime: Date.now() })));
        }
        seen.push(`push ${(body?.events ?? []).map((e) => e.seq).join(',')}`);
        return Promise.resolve({ ackedThrough: body?.events.at(-1)?.seq ?? 0, rejected: [], serverTime: Date.now() });
      },
    } as unknown as ReplicatorLink;
    const outbox = new Replicator({ ledger, link, now: Date.now, onStatus: () => undefined });
    cleanup.push(() => outbox.close());

    const first = outbox.reconnected();
    const second = outbox.reconnected();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['cursor lastSeq=0', 'cursor lastSeq=0']);
    walkIn('L1-001'); // recorded while both questions are out
    (answers.shift() as () => void)();
    await first;
    outbox.kick();
    await new Promise((r) => setTimeout(r, 10));
    // The second question still says lastSeq=0: a push of seq 1 now would overtake it.
    expect(seen).toEqual(['cursor lastSeq=0', 'cursor lastSeq=0']);
    (answers.shift() as () => void)();
    await second;
    await outbox.flush(1000);
    expect(seen).toEqual(['cursor lastSeq=0', 'cursor lastSeq=0', 'push 1']);
  });
});
