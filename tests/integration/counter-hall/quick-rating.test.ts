import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core/domain.ts';
import { sendQuickRating } from '../../../main/counter/quick-rating.ts';
import { counterAt, eventually, hallWithKiosk, type Cleanup } from '../../support/counter-services.ts';

/**
 * A score from the counter's rating pad (`$RATE`) reaches the hall server as a quick rating for the
 * visitor the counter served last, kept apart from the SKM survey (real counter services, real hall
 * server on 127.0.0.1; the pad's frames through the driver are in tests/unit/main/hardware).
 */
let cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('quick rating from the pad', () => {
  it('is stored for the visitor just finished, and never as an SKM response', async () => {
    const { hall, issue } = await hallWithKiosk(cleanup);
    const counter = await counterAt(cleanup, hall, hall.server.url);
    const ticket = await issue();
    await counter.must<Ticket>('callNext');
    await counter.must('startServing');
    await counter.must('finishTicket', { ticketId: ticket.id, outcome: 'served', note: null });

    const { link, ledger } = counter.services;
    expect(await sendQuickRating(link, ledger, 'loket-1', 4)).toContain(ticket.id);
    const rows = hall.server.ctx.db.prepare('SELECT counter_id, ticket_id, value FROM quick_ratings').all();
    expect(rows).toEqual([{ counter_id: 'loket-1', ticket_id: ticket.id, value: 4 }]);
    expect(hall.server.ctx.db.prepare('SELECT COUNT(*) AS n FROM skm_responses').get()).toEqual({ n: 0 });
  });

  it('with nobody signed in it is dropped with a reason, and nothing is stored', async () => {
    const { hall } = await hallWithKiosk(cleanup);
    const counter = await counterAt(cleanup, hall, hall.server.url);
    await counter.must('signOut');
    await eventually('signed out', () => counter.connection().officer === null);
    expect(await sendQuickRating(counter.services.link, counter.services.ledger, 'loket-1', 3)).toMatch(/^not sent/);
    expect(hall.server.ctx.db.prepare('SELECT COUNT(*) AS n FROM quick_ratings').get()).toEqual({ n: 0 });
  });
});
