import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportRow } from '../../../core/reports-api.ts';
import { saveHallConfig } from '../../../server/store/hall-config-store.ts';
import { rebuildRollups } from '../../../server/reports/rebuild-rollups.ts';
import { computeReport, type ReportRequest } from '../../../server/reports/report.ts';
import { hallConfig, makeHall, MINUTE, MONDAY_0800_WIB, officer, PRIORITY_FIRST, type TestHall } from './fixtures.ts';

/**
 * Every report figure against numbers worked out by hand for one scripted Monday (hall time,
 * Asia/Jakarta) at the small test hall:
 *
 *   08:00 counter 1 opens (petugas-1; KTP, KK). A-001, A-002 (KTP) and B-001 (KK) are issued.
 *   08:10 A-001 called, 08:12 recalled (the last call counts), 08:13 started, 08:25 served.
 *   08:25 A-002 called, 08:28 no-show; 08:40 a supervisor reactivates it.
 *   08:30 B-001 called, 08:31 started, 08:40 transferred to KTP (new ticket, entering at 08:40).
 *   08:41 counter 2 opens (petugas-2; KTP). 08:42 calls the transferred ticket, 08:43 starts,
 *         08:48 finishes it pending. 08:50 calls A-002 (reactivated), 08:51 starts, 09:06 served.
 *   09:00 4K-001 issued (Samsat; nobody calls it; cancelled at 12:00). 09:10 counter 2 closes.
 *   09:20 B-002 issued; 09:30 called by counter 1, 09:31 returned to the queue, 09:45 called
 *         again (the last call counts), 09:46 started, 09:56 served.
 *   11:40 A-003 issued; 11:50 called, 11:52 started, 11:55 counter 1 pauses for prayer while
 *         serving, 12:20 resumes, 12:25 served (the service spans the pause).
 *   12:30 counter 1 closes (signed in across five hours).
 *
 * Waits (s): A-001 720, B-001 1500, transferred 120, A-002 2880, B-002 1500, A-003 600.
 * Services (s): 720, 540, 300, 900, 600, 1980. Targets: 20 min for KTP and KK.
 */
const DAY = '2025-03-10';
const NOW = MONDAY_0800_WIB + 10 * 60 * MINUTE; // 18:00

const row = (key: string, label: string, figures: Partial<ReportRow>): ReportRow => ({
  key,
  label,
  served: 0,
  pending: 0,
  noShow: 0,
  transferred: 0,
  noShowPct: null,
  waitN: 0,
  waitAvgS: null,
  waitMedianS: null,
  waitP90S: null,
  withinTargetPct: null,
  serviceN: 0,
  serviceAvgS: null,
  serviceMedianS: null,
  serviceP90S: null,
  signedInS: 0,
  busyS: 0,
  utilisationPct: null,
  pauseBreakS: 0,
  pausePrayerS: 0,
  pauseSystemS: 0,
  pauseOtherS: 0,
  servedPerOpenHour: null,
  ...figures,
});
const noTime = { signedInS: null, busyS: null, utilisationPct: null, pauseBreakS: null, pausePrayerS: null, pauseSystemS: null, pauseOtherS: null, servedPerOpenHour: null };

const TOTAL: Partial<ReportRow> = {
  served: 4, pending: 1, noShow: 1, transferred: 1, noShowPct: 14.3,
  waitN: 6, waitAvgS: 1220, waitMedianS: 720, waitP90S: 2880, withinTargetPct: 50,
  serviceN: 6, serviceAvgS: 840, serviceMedianS: 600, serviceP90S: 1980,
  signedInS: 17940, busyS: 5040, utilisationPct: 28.1, pausePrayerS: 1500, servedPerOpenHour: 0.8,
};
const COUNTER_1: Partial<ReportRow> = {
  served: 3, noShow: 1, transferred: 1, noShowPct: 20,
  waitN: 4, waitAvgS: 1080, waitMedianS: 720, waitP90S: 1500, withinTargetPct: 50,
  serviceN: 4, serviceAvgS: 960, serviceMedianS: 600, serviceP90S: 1980,
  signedInS: 16200, busyS: 3840, utilisationPct: 23.7, pausePrayerS: 1500, servedPerOpenHour: 0.67,
};
const COUNTER_2: Partial<ReportRow> = {
  served: 1, pending: 1, noShowPct: 0,
  waitN: 2, waitAvgS: 1500, waitMedianS: 120, waitP90S: 2880, withinTargetPct: 50,
  serviceN: 2, serviceAvgS: 600, serviceMedianS: 300, serviceP90S: 900,
  signedInS: 1740, busyS: 1200, utilisationPct: 69, servedPerOpenHour: 2.07,
};

function playMonday(h: TestHall): void {
  const q = h.queue;
  const at = (hh: number, mm: number): void => {
    h.clock.t = MONDAY_0800_WIB + ((hh - 8) * 60 + mm) * MINUTE;
  };
  const issue = (serviceId: string) => q.issueTicket({ serviceId, channel: 'kiosk', priority: 'normal' }).id;
  at(8, 0);
  q.openCounter('loket-1', officer(1), ['ktp', 'kk']);
  const a1 = issue('ktp');
  at(8, 2);
  const a2 = issue('ktp');
  at(8, 5);
  const b1 = issue('kk');
  at(8, 10);
  const l1 = q.callTicket('loket-1', officer(1).id, a1).leaseEpoch;
  at(8, 12);
  q.recall(a1, 'loket-1', l1);
  at(8, 13);
  q.start(a1, 'loket-1', l1);
  at(8, 25);
  q.finish(a1, 'loket-1', l1, 'served');
  const l2 = q.callTicket('loket-1', officer(1).id, a2).leaseEpoch;
  at(8, 28);
  q.noShow(a2, 'loket-1', l2);
  at(8, 30);
  const l3 = q.callTicket('loket-1', officer(1).id, b1).leaseEpoch;
  at(8, 31);
  q.start(b1, 'loket-1', l3);
  at(8, 40);
  const moved = q.transfer(b1, 'loket-1', l3, { toServiceId: 'ktp', reason: 'KTP dulu' }).newTicket.id;
  q.reactivate(a2, 'supervisor-1');
  at(8, 41);
  q.openCounter('loket-2', officer(2), ['ktp']);
  at(8, 42);
  const l4 = q.callTicket('loket-2', officer(2).id, moved).leaseEpoch;
  at(8, 43);
  q.start(moved, 'loket-2', l4);
  at(8, 48);
  q.finish(moved, 'loket-2', l4, 'pending', 'Fotokopi KK kurang');
  at(8, 50);
  const l5 = q.callTicket('loket-2', officer(2).id, a2).leaseEpoch;
  at(8, 51);
  q.start(a2, 'loket-2', l5);
  at(9, 0);
  const pkb = issue('pkb');
  at(9, 6);
  q.finish(a2, 'loket-2', l5, 'served');
  at(9, 10);
  q.closeCounter('loket-2');
  at(9, 20);
  const b2 = issue('kk');
  at(9, 30);
  const l6 = q.callTicket('loket-1', officer(1).id, b2).leaseEpoch;
  at(9, 31);
  q.returnToQueue(b2, 'loket-1', l6);
  at(9, 45);
  const l7 = q.callTicket('loket-1', officer(1).id, b2).leaseEpoch;
  at(9, 46);
  q.start(b2, 'loket-1', l7);
  at(9, 56);
  q.finish(b2, 'loket-1', l7, 'served');
  at(11, 40);
  const a3 = issue('ktp');
  at(11, 50);
  const l8 = q.callTicket('loket-1', officer(1).id, a3).leaseEpoch;
  at(11, 52);
  q.start(a3, 'loket-1', l8);
  at(11, 55);
  q.pauseCounter('loket-1', 'prayer');
  at(12, 0);
  q.cancel(pkb, 'supervisor-1');
  at(12, 20);
  q.resumeCounter('loket-1');
  at(12, 25);
  q.finish(a3, 'loket-1', l8, 'served');
  at(12, 30);
  q.closeCounter('loket-1');
}

describe('report figures against a hand-computed day', () => {
  let h: TestHall;
  beforeEach(() => {
    h = makeHall();
    playMonday(h);
  });
  afterEach(() => h.close());

  /** The report from the roll-ups, after checking the plain GROUP BY gives exactly the same. */
  const report = (q: Omit<ReportRequest, 'from' | 'to'> & Partial<Pick<ReportRequest, 'from' | 'to'>>, now = NOW) => {
    const query = { from: DAY, to: DAY, ...q };
    const fromRollups = computeReport(h.db, query, { now });
    expect(computeReport(h.db, query, { now, source: 'naive' })).toEqual(fromRollups);
    return fromRollups;
  };

  it('per counter: counts, waits (last call), services across a pause, signed-in time, utilisation', () => {
    const r = report({ groupBy: 'counter' });
    expect(r.timeFigures).toBe(true);
    expect(r.rows).toEqual([row('loket-1', 'Loket 1', COUNTER_1), row('loket-2', 'Loket 2', COUNTER_2)]);
    expect(r.totals).toEqual(row('total', 'Total', TOTAL));
  });

  it('per officer, agency and day: the same figures under other keys', () => {
    expect(report({ groupBy: 'officer' }).rows).toEqual([row('petugas-1', 'petugas-1', COUNTER_1), row('petugas-2', 'petugas-2', COUNTER_2)]);
    expect(report({ groupBy: 'agency' }).rows).toEqual([row('disdukcapil', 'Disdukcapil', TOTAL)]);
    expect(report({ groupBy: 'day' }).rows).toEqual([row(DAY, DAY, TOTAL)]);
  });

  it('per hour: outcomes at the hour they were recorded, time cut at the hour boundaries', () => {
    expect(report({ groupBy: 'hour' }).rows).toEqual([
      row('8', '08:00–09:00', {
        served: 1, pending: 1, noShow: 1, transferred: 1, noShowPct: 25,
        waitN: 3, waitAvgS: 780, waitMedianS: 720, waitP90S: 1500, withinTargetPct: 66.7,
        serviceN: 3, serviceAvgS: 520, serviceMedianS: 540, serviceP90S: 720,
        signedInS: 4740, busyS: 2100, utilisationPct: 44.3, servedPerOpenHour: 0.76,
      }),
      row('9', '09:00–10:00', {
        served: 2, noShowPct: 0,
        waitN: 2, waitAvgS: 2190, waitMedianS: 1500, waitP90S: 2880, withinTargetPct: 0,
        serviceN: 2, serviceAvgS: 750, serviceMedianS: 600, serviceP90S: 900,
        signedInS: 4200, busyS: 960, utilisationPct: 22.9, servedPerOpenHour: 1.71,
      }),
      row('10', '10:00–11:00', { signedInS: 3600, utilisationPct: 0, servedPerOpenHour: 0 }),
      row('11', '11:00–12:00', { signedInS: 3600, busyS: 480, utilisationPct: 13.3, pausePrayerS: 300, servedPerOpenHour: 0 }),
      row('12', '12:00–13:00', {
        served: 1, noShowPct: 0,
        waitN: 1, waitAvgS: 600, waitMedianS: 600, waitP90S: 600, withinTargetPct: 100,
        serviceN: 1, serviceAvgS: 1980, serviceMedianS: 1980, serviceP90S: 1980,
        signedInS: 1800, busyS: 1500, utilisationPct: 83.3, pausePrayerS: 1200, servedPerOpenHour: 2,
      }),
    ]);
  });

  it('per service: ticket figures only (a counter’s time is shared by its services)', () => {
    const r = report({ groupBy: 'service' });
    expect(r.timeFigures).toBe(false);
    expect(r.rows).toEqual([
      row('ktp', 'Perekaman KTP-el', {
        ...noTime, served: 3, pending: 1, noShow: 1, noShowPct: 20,
        waitN: 4, waitAvgS: 1080, waitMedianS: 600, waitP90S: 2880, withinTargetPct: 75,
        serviceN: 4, serviceAvgS: 975, serviceMedianS: 720, serviceP90S: 1980,
      }),
      row('kk', 'Kartu Keluarga', {
        ...noTime, served: 1, transferred: 1, noShowPct: 0,
        waitN: 2, waitAvgS: 1500, waitMedianS: 1500, waitP90S: 1500, withinTargetPct: 0,
        serviceN: 2, serviceAvgS: 570, serviceMedianS: 540, serviceP90S: 600,
      }),
    ]);
  });

  it('filters by service and by agency; the heat map counts issued tickets, not transfers', () => {
    const kk = report({ groupBy: 'counter', serviceId: 'kk' });
    expect(kk.rows).toEqual([
      row('loket-1', 'Loket 1', {
        ...noTime, served: 1, transferred: 1, noShowPct: 0,
        waitN: 2, waitAvgS: 1500, waitMedianS: 1500, waitP90S: 1500, withinTargetPct: 0,
        serviceN: 2, serviceAvgS: 570, serviceMedianS: 540, serviceP90S: 600,
      }),
    ]);
    const all = report({ groupBy: 'counter' });
    expect(all.heatMap.days).toEqual([DAY]);
    expect(all.heatMap.arrivals[0]?.slice(7, 13)).toEqual([0, 3, 2, 0, 1, 0]);
    const samsat = report({ groupBy: 'counter', agencyId: 'samsat' });
    expect(samsat.rows).toEqual([]);
    expect(samsat.totals).toEqual(row('total', 'Total', { servedPerOpenHour: null }));
    expect(samsat.heatMap.arrivals[0]?.slice(7, 13)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('judges waits against the target as it is set now', () => {
    saveHallConfig(h.db, hallConfig(PRIORITY_FIRST, { ktp: { targetWaitMinutes: 11 } }));
    // KTP waits 720, 120, 2880, 600: with an 11-minute target only 120 and 600 are within.
    expect(report({ groupBy: 'service' }).rows[0]?.withinTargetPct).toBe(50);
  });

  it('a counter still signed in (and paused) counts up to now', () => {
    h.clock.t = MONDAY_0800_WIB + 5 * 60 * MINUTE; // 13:00
    h.queue.openCounter('loket-3', officer(3), ['pkb']);
    h.clock.advance(10);
    h.queue.pauseCounter('loket-3', 'system');
    const r = report({ groupBy: 'counter', agencyId: 'samsat' }, MONDAY_0800_WIB + 5.5 * 60 * MINUTE);
    expect(r.rows).toEqual([row('loket-3', 'Loket 3', { signedInS: 1800, pauseSystemS: 1200, utilisationPct: 0, servedPerOpenHour: 0 })]);
  });

  it('a range without this day, or a day later, reports nothing', () => {
    const r = report({ from: '2025-03-11', to: '2025-03-31', groupBy: 'day' });
    expect(r.rows).toEqual([]);
    expect(r.heatMap.days).toHaveLength(21);
  });

  it('the roll-ups kept as events arrived are exactly what a rebuild recomputes', () => {
    expect(rebuildRollups(h.db, { compare: true }).differences).toBe(0);
  });
});
