import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveDashboardSchema, type LiveDashboard } from '../../../core/reports-api.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

/** `GET /dashboard/live`: what the supervisor's live view shows, as the hall changes. */
const MONDAY_0800_WIB = Date.UTC(2025, 2, 10, 1, 0);
const MIN = 60_000;

describe('live dashboard', () => {
  const clock = { t: MONDAY_0800_WIB };
  let hall: TestHall;
  let kiosk: string;
  let officer: string;
  let supervisor: string;
  const live = async (): Promise<LiveDashboard> => {
    const res = await hall.api('GET', '/dashboard/live', { token: supervisor });
    expect(res.status).toBe(200);
    return LiveDashboardSchema.parse(res.body);
  };
  const issue = async (serviceId: string): Promise<void> => {
    expect((await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId, channel: 'kiosk' } })).status).toBe(201);
  };

  beforeAll(async () => {
    hall = await startTestHall({ now: () => clock.t });
    kiosk = await hall.enroll('kiosk');
    const pc = await hall.enroll('counter', 'loket-1');
    officer = await hall.login('petugas01', pc);
    supervisor = await hall.login('supervisor');
  });
  afterAll(() => hall.close());

  it('shows counters, waiting lines, waits past their target, and replication alarms', async () => {
    let view = await live();
    expect(view.counters).toHaveLength(20);
    expect(view.counters[0]).toMatchObject({ counterId: 'loket-1', status: 'closed', officer: null, serving: null, idleSince: null });

    expect((await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el', 'kk'] } })).status).toBe(200);
    await issue('ktp-el');
    clock.t += 2 * MIN;
    await issue('ktp-el');
    await issue('kk');
    view = await live();
    expect(view.counters[0]).toMatchObject({ status: 'open', officer: { name: 'Rina Marlina' }, serving: null, idleSince: MONDAY_0800_WIB });
    expect(view.services.find((s) => s.serviceId === 'ktp-el')).toMatchObject({ waiting: 2, longestWaitS: 120, targetWaitMinutes: 20, overTarget: 0 });
    expect(view.alerts).toEqual([]);

    clock.t += 3 * MIN;
    const called = await hall.api<{ ticket: { id: string; number: string } }>('POST', '/counters/loket-1/call-next', { token: officer });
    expect(called.status).toBe(200);
    clock.t += 20 * MIN;
    expect((await hall.api('POST', '/counters/loket-1/pause', { token: officer, body: { reason: 'prayer' } })).status).toBe(200);
    view = await live();
    expect(view.at).toBe(clock.t);
    expect(view.counters[0]).toMatchObject({
      status: 'paused',
      pauseReason: 'prayer',
      serving: { ticketId: called.body.ticket.id, number: called.body.ticket.number, status: 'called' },
      idleSince: null,
    });
    // 25 minutes after issue, the next KTP and the KK visitor are past their 20-minute target.
    expect(view.alerts.map((a) => [a.serviceId, a.waitedS, a.targetWaitMinutes])).toEqual(
      expect.arrayContaining([['ktp-el', 23 * 60, 20], ['kk', 23 * 60, 20]]),
    );
    expect(view.services.find((s) => s.serviceId === 'ktp-el')).toMatchObject({ waiting: 1, longestWaitS: 23 * 60, overTarget: 1 });

    hall.server.ctx.db
      .prepare(`INSERT INTO sync_alarms (at, kind, ledger_id, device_id, counter_id, seq, detail) VALUES (?, 'restored_copy', 'L1', NULL, 'loket-1', NULL, '{"serverSeq":9}')`)
      .run(clock.t);
    view = await live();
    expect(view.alarms).toEqual([expect.objectContaining({ kind: 'restored_copy', counterId: 'loket-1', detail: { serverSeq: 9 } })]);
  });
});
