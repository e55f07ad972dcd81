import type { PauseReason } from '../../core/events.ts';
import type { HallClock, HallTime } from './hall-clock.ts';
import { bucketOf, Histogram } from './histogram.ts';

/**
 * What the roll-ups are made of, and where each fact goes. Both the live hook (one transition at a
 * time) and the rebuild (every raw row) describe what happened as these facts and add them to a
 * RollupAccumulator, which spreads each over the grains of migration 0004:
 *
 * - a ticket outcome (served, pending, no-show, transferred) at the day and hour it was recorded,
 *   with its wait (last call − entry into the line) and its service time (finished − started);
 * - counter time: signed-in sessions, pauses by reason, and serving (each started → finished),
 *   cut at the hall's hour boundaries.
 */
export const MEASURES = [
  'served',
  'pending',
  'no_show',
  'transferred',
  'wait_n',
  'wait_ms',
  'service_n',
  'service_ms',
  'busy_ms',
  'signed_in_ms',
  'pause_break_ms',
  'pause_prayer_ms',
  'pause_system_ms',
  'pause_other_ms',
] as const;
export type Measure = (typeof MEASURES)[number];
const M = Object.fromEntries(MEASURES.map((m, i) => [m, i])) as Record<Measure, number>;

export type Grain = 'ud' | 'um' | 'dd' | 'hd' | 'hm';

export interface RollupRow {
  grain: Grain;
  period: string;
  hour: number;
  counterId: string;
  officerId: string;
  serviceId: string;
  /** Values in MEASURES order. */
  values: number[];
  wait: Histogram | null;
  service: Histogram | null;
}

export type TicketOutcome = 'served' | 'pending' | 'no_show' | 'transferred';

export interface OutcomeFact {
  /** When the outcome was recorded (finished, marked no-show, transferred). */
  at: number;
  counterId: string;
  officerId: string;
  serviceId: string;
  outcome: TicketOutcome;
  /** Last call − entry into the line; null for a no-show (the visitor never came). */
  waitMs: number | null;
  /** When service started, if it did; it ended at `at`. */
  startedAt: number | null;
}

export type SpanFact = { counterId: string; officerId: string; start: number; end: number } & (
  | { kind: 'session' }
  | { kind: 'pause'; reason: PauseReason }
);

const SEP = '\u0001';

/** Roll-up rows and arrivals summed in memory, keyed by their primary key. */
export class RollupAccumulator {
  readonly rows = new Map<string, RollupRow>();
  readonly arrivals = new Map<string, { day: string; hour: number; serviceId: string; n: number }>();
  /** The five rows of a ticket figure / of counter time, by their shared key: one lookup instead of five. */
  private readonly ticketBundles = new Map<string, RollupRow[]>();
  private readonly timeBundles = new Map<string, RollupRow[]>();

  constructor(private readonly clock: HallClock) {}

  get size(): number {
    return this.rows.size + this.arrivals.size;
  }

  clear(): void {
    this.rows.clear();
    this.arrivals.clear();
    this.ticketBundles.clear();
    this.timeBundles.clear();
  }

  private row(grain: Grain, period: string, hour: number, counterId: string, officerId: string, serviceId: string): RollupRow {
    const key = grain + SEP + period + SEP + hour + SEP + counterId + SEP + officerId + SEP + serviceId;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { grain, period, hour, counterId, officerId, serviceId, values: new Array<number>(MEASURES.length).fill(0), wait: null, service: null };
      this.rows.set(key, row);
    }
    return row;
  }

  /** The five rows a ticket figure goes to. */
  private ticketRows(at: number, counterId: string, officerId: string, serviceId: string): RollupRow[] {
    const t = this.clock.at(at);
    const key = t.day + SEP + t.hour + SEP + counterId + SEP + officerId + SEP + serviceId;
    let rows = this.ticketBundles.get(key);
    if (rows === undefined) {
      rows = [
        this.row('ud', t.day, -1, counterId, officerId, serviceId),
        this.row('um', t.month, -1, counterId, officerId, serviceId),
        this.row('dd', t.day, -1, '', '', serviceId),
        this.row('hd', t.day, t.hour, '', '', serviceId),
        this.row('hm', t.month, t.hour, '', '', serviceId),
      ];
      this.ticketBundles.set(key, rows);
    }
    return rows;
  }

  private timeRows(t: HallTime, counterId: string, officerId: string): RollupRow[] {
    const key = t.day + SEP + t.hour + SEP + counterId + SEP + officerId;
    let rows = this.timeBundles.get(key);
    if (rows === undefined) {
      rows = [
        this.row('ud', t.day, -1, counterId, officerId, ''),
        this.row('um', t.month, -1, counterId, officerId, ''),
        this.row('dd', t.day, -1, counterId, '', ''),
        this.row('hd', t.day, t.hour, counterId, '', ''),
        this.row('hm', t.month, t.hour, counterId, '', ''),
      ];
      this.timeBundles.set(key, rows);
    }
    return rows;
  }

  /** Adds counter time [start, end) to one measure, cut at hour boundaries, in the five counter-time rows. */
  private addTime(measure: Measure, counterId: string, officerId: string, start: number, end: number): void {
    const i = M[measure];
    this.clock.split(start, end, (t, ms) => {
      for (const row of this.timeRows(t, counterId, officerId)) (row.values[i] as number) += ms;
    });
  }

  addOutcome(f: OutcomeFact): void {
    const outcome = M[f.outcome];
    const waitBucket = f.waitMs === null ? -1 : bucketOf(f.waitMs);
    const serviceMs = f.startedAt === null ? null : f.at - f.startedAt;
    const serviceBucket = serviceMs === null ? -1 : bucketOf(serviceMs);
    for (const row of this.ticketRows(f.at, f.counterId, f.officerId, f.serviceId)) {
      const v = row.values;
      (v[outcome] as number) += 1;
      if (f.waitMs !== null) {
        (v[M.wait_n] as number) += 1;
        (v[M.wait_ms] as number) += f.waitMs;
        (row.wait ??= new Histogram()).add(waitBucket);
      }
      if (serviceMs !== null) {
        (v[M.service_n] as number) += 1;
        (v[M.service_ms] as number) += serviceMs;
        (row.service ??= new Histogram()).add(serviceBucket);
      }
    }
    if (f.startedAt !== null) this.addTime('busy_ms', f.counterId, f.officerId, f.startedAt, f.at);
  }

  addSpan(f: SpanFact): void {
    const measure: Measure = f.kind === 'session' ? 'signed_in_ms' : `pause_${f.reason}_ms`;
    this.addTime(measure, f.counterId, f.officerId, f.start, f.end);
  }

  addArrival(at: number, serviceId: string): void {
    const t = this.clock.at(at);
    const key = t.day + SEP + t.hour + SEP + serviceId;
    const entry = this.arrivals.get(key);
    if (entry === undefined) this.arrivals.set(key, { day: t.day, hour: t.hour, serviceId, n: 1 });
    else entry.n += 1;
  }
}
