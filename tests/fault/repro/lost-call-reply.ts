import type { Ticket } from '../../../core/domain.ts';
import { startFaultProxy } from '../../support/fault-proxy.ts';
import { startTestHall } from '../../support/hall-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { describeResult, reproCounter } from './repro-support.ts';

/**
 * Reproduction (fault suite, e.g. seeds 2 and 9): the answer to call-next is lost (or the counter
 * PC dies between the server's commit and the ledger append). The server has marked the ticket
 * called at loket-1 under a new lease; the ledger has no `ticket.called`. From then on the counter
 * holds nothing in its own eyes, and every call-next is refused by the server with counter_busy:
 * the counter can never call again, and nothing it can do releases the ticket.
 *
 * Run: npx tsx tests/fault/repro/lost-call-reply.ts   (exit 1: reproduced)
 */
const hall = await startTestHall();
const dir = makeTempDir('loket-repro-');
const proxy = await startFaultProxy({ targetPort: hall.server.port, seed: 1 });
let reproduced: boolean;
try {
  const counter = await reproCounter(hall, proxy.url, dir.path);
  const kiosk = await hall.enroll('kiosk');
  for (let i = 0; i < 2; i++) await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } });

  proxy.set({ replyLostProbability: 1 });
  console.log('callNext, answer lost:', describeResult(await counter.call('callNext')));
  proxy.clear();
  await counter.waitOnline();

  const held = hall.server.ctx.db.prepare(`SELECT current_ticket_id AS id FROM counter_state WHERE counter_id = 'loket-1'`).get() as { id: string | null };
  const mine = await counter.call<Ticket | null>('getCurrentTicket');
  console.log('server: loket-1 holds', held.id, '| ledger: holds', mine.ok ? (mine.value?.id ?? null) : mine.error.code);
  const again = await counter.call('callNext');
  console.log('callNext again:', describeResult(again));
  for (const action of ['returnToQueue', 'markNoShow']) console.log(`${action}:`, describeResult(await counter.call(action)));
  reproduced = held.id !== null && mine.ok && mine.value === null && !again.ok && again.error.code === 'counter_busy';
  counter.services.close();
} finally {
  await proxy.close();
  await hall.close();
  dir.remove();
}
console.log(reproduced ? 'REPRODUCED: the counter is stuck behind a call it never recorded' : 'not reproduced');
process.exit(reproduced ? 1 : 0);
