import type { PauseReason } from '../../core/events.ts';
import type { ReportRow } from '../../core/reports-api.ts';
import { DenseHistogram } from './histogram.ts';

/**
 * The sums behind one row of a report, and how a row's figures are made from them. Both report
 * paths (roll-ups and the plain GROUP BY over raw rows) fill these with integers (counts and
 * milliseconds), so equal sums give byte-equal rows.
 */
export class GroupSums {
  served = 0;
  pending = 0;
  noShow = 0;
  transferred = 0;
  waitN = 0;
  waitMs = 0;
  within = 0;
  readonly wait = new DenseHistogram();
  serviceN = 0;
  serviceMs = 0;
  readonly service = new DenseHistogram();
  busyMs = 0;
  signedInMs = 0;
  readonly pauseMs: Record<PauseReason, number> = { break: 0, prayer: 0, system: 0, other: 0 };

  addAll(o: GroupSums): void {
    this.served += o.served;
    this.pending += o.pending;
    this.noShow += o.noShow;
    this.transferred += o.transferred;
    this.waitN += o.waitN;
    this.waitMs += o.waitMs;
    this.within += o.within;
    this.wait.addAll(o.wait);
    this.serviceN += o.serviceN;
    this.serviceMs += o.serviceMs;
    this.service.addAll(o.service);
    this.busyMs += o.busyMs;
    this.signedInMs += o.signedInMs;
    for (const r of Object.keys(this.pauseMs) as PauseReason[]) this.pauseMs[r] += o.pauseMs[r];
  }
}

/** Sums per row key, created on first use. */
export class Groups {
  readonly map = new Map<string, GroupSums>();

  get(key: string): GroupSums {
    let sums = this.map.get(key);
    if (sums === undefined) {
      sums = new GroupSums();
      this.map.set(key, sums);
    }
    return sums;
  }

  total(): GroupSums {
    const total = new GroupSums();
    for (const sums of this.map.values()) total.addAll(sums);
    return total;
  }
}

/** `part / whole` as a percentage with one decimal; null when there is no whole. */
const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);
/** Average of `sumMs` over `n`, in seconds with one decimal. */
const avgS = (sumMs: number, n: number): number | null => (n === 0 ? null : Math.round(sumMs / n / 100) / 10);
const seconds = (ms: number): number => Math.round(ms / 1000);
const percentileS = (h: DenseHistogram, p: number): number | null => {
  const ms = h.percentileMs(p);
  return ms === null ? null : ms / 1000;
};

/** The figures of one row. `timeFigures` false: counter time is not given (grouped or filtered by service). */
export function toRow(key: string, label: string, s: GroupSums, timeFigures: boolean): ReportRow {
  const time = (value: number | null): number | null => (timeFigures ? value : null);
  return {
    key,
    label,
    served: s.served,
    pending: s.pending,
    noShow: s.noShow,
    transferred: s.transferred,
    noShowPct: pct(s.noShow, s.served + s.pending + s.noShow + s.transferred),
    waitN: s.waitN,
    waitAvgS: avgS(s.waitMs, s.waitN),
    waitMedianS: percentileS(s.wait, 50),
    waitP90S: percentileS(s.wait, 90),
    withinTargetPct: pct(s.within, s.waitN),
    serviceN: s.serviceN,
    serviceAvgS: avgS(s.serviceMs, s.serviceN),
    serviceMedianS: percentileS(s.service, 50),
    serviceP90S: percentileS(s.service, 90),
    signedInS: time(seconds(s.signedInMs)),
    busyS: time(seconds(s.busyMs)),
    utilisationPct: time(pct(s.busyMs, s.signedInMs)),
    pauseBreakS: time(seconds(s.pauseMs.break)),
    pausePrayerS: time(seconds(s.pauseMs.prayer)),
    pauseSystemS: time(seconds(s.pauseMs.system)),
    pauseOtherS: time(seconds(s.pauseMs.other)),
    servedPerOpenHour: time(s.signedInMs === 0 ? null : Math.round((s.served * 360_000_000) / s.signedInMs) / 100),
  };
}
