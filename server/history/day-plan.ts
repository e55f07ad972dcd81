import type { Channel, PriorityClass } from '../../core/domain.ts';
import type { PauseReason } from '../../core/events.ts';
import type { Officer } from './history-actions.ts';
import type { HistoryCounter, HistoryHall, HistoryService } from './history-hall.ts';
import type { Prng } from './prng.ts';

/**
 * What a day of the hall looks like before anyone is served: whether it opens (Monday to Friday,
 * Saturday mornings), each counter's officer (a relief officer when the regular one is away, a
 * hand-over after lunch now and then), when it opens and closes, its pauses (a snack break, the
 * midday prayer — Friday's is long —, now and then a system problem, sometimes hall-wide), and the
 * visitors: more on busy weekdays and months, arriving mostly between 08:00 and 10:00.
 */
const MIN = 60_000;

export interface PlannedPause {
  at: number;
  reason: PauseReason;
  ms: number;
}

export interface CounterSchedule {
  counter: HistoryCounter;
  officer: Officer;
  opensAt: number;
  closesAt: number;
  /** In time order. */
  pauses: PlannedPause[];
  swap: { at: number; officer: Officer } | null;
}

export interface Arrival {
  t: number;
  service: HistoryService;
  channel: Channel;
  priority: PriorityClass;
}

export interface DayPlan {
  day: string;
  /** Tickets are issued until then. */
  issueEnd: number;
  /** Nobody is called after this. */
  hardClose: number;
  schedules: CounterSchedule[];
  arrivals: Arrival[];
}

/** Arrival density per half-open segment [from, to) of hall time in minutes, relative. */
const WEEKDAY_PROFILE: [number, number, number][] = [[450, 480, 0.6], [480, 600, 1.4], [600, 720, 1.15], [720, 780, 0.55], [780, 900, 0.75]];
const FRIDAY_PROFILE: [number, number, number][] = [[450, 480, 0.6], [480, 600, 1.4], [600, 690, 1.15], [690, 780, 0.35], [780, 870, 0.75]];
const SATURDAY_PROFILE: [number, number, number][] = [[450, 480, 0.6], [480, 600, 1.5], [600, 690, 0.9]];
const WEEKDAY_LOAD = [0, 1.08, 1, 0.97, 0.95, 0.9, 0.85];
/** January (new year paperwork) and July (school enrolment) are busy; December quiet. */
const MONTH_LOAD = [1.05, 1, 1, 1, 1, 1, 1.08, 1, 1, 1, 1, 0.9];
const BASE_LOAD = 0.78;

export function planDay(hall: HistoryHall, day: string, midnight: number, rng: Prng): DayPlan | null {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0) return null;
  const at = (minutes: number): number => midnight + Math.round(minutes * MIN);
  const saturday = weekday === 6;
  const friday = weekday === 5;
  const profile = saturday ? SATURDAY_PROFILE : friday ? FRIDAY_PROFILE : WEEKDAY_PROFILE;
  const issueEnd = at((profile[profile.length - 1] as [number, number, number])[1]);
  const hardClose = at(saturday ? 780 : friday ? 990 : 1020);
  const outage = rng.chance(0.01) ? { at: at(rng.uniform(540, 840)), ms: Math.round(rng.uniform(8, 25) * MIN) } : null;

  const freeRelief = [...hall.relief];
  const schedules: CounterSchedule[] = [];
  for (const counter of hall.counters) {
    let officer: Officer = counter.officer;
    if (rng.chance(0.03)) {
      // A relief officer stands in; now and then nobody can, and the counter stays closed.
      if (freeRelief.length === 0 || rng.chance(0.25)) continue;
      officer = freeRelief.shift() as Officer;
    }
    const opensAt = at(rng.uniform(460, 490));
    const closesAt = at(saturday ? rng.uniform(720, 735) : friday ? rng.uniform(920, 940) : rng.uniform(950, 970));
    const pauses: PlannedPause[] = [];
    if (!saturday && rng.chance(0.5)) pauses.push({ at: at(rng.uniform(585, 645)), reason: 'break', ms: Math.round(rng.uniform(10, 20) * MIN) });
    if (friday && rng.chance(0.85)) pauses.push({ at: at(rng.uniform(680, 695)), reason: 'prayer', ms: Math.round(rng.uniform(70, 90) * MIN) });
    else if (!saturday && rng.chance(0.85)) pauses.push({ at: at(rng.uniform(715, 740)), reason: 'prayer', ms: Math.round(rng.uniform(15, 30) * MIN) });
    if (rng.chance(0.04)) pauses.push({ at: at(rng.uniform(520, saturday ? 690 : 900)), reason: 'system', ms: Math.round(rng.uniform(5, 25) * MIN) });
    if (rng.chance(0.05)) pauses.push({ at: at(rng.uniform(540, saturday ? 690 : 900)), reason: 'other', ms: Math.round(rng.uniform(5, 15) * MIN) });
    if (outage !== null) pauses.push({ at: outage.at, reason: 'system', ms: outage.ms });
    pauses.sort((a, b) => a.at - b.at);
    let swap: CounterSchedule['swap'] = null;
    if (!saturday && rng.chance(0.05) && freeRelief.length > 0) swap = { at: at(rng.uniform(750, 800)), officer: freeRelief.shift() as Officer };
    schedules.push({ counter, officer, opensAt, closesAt, pauses, swap });
  }

  const load = BASE_LOAD * (WEEKDAY_LOAD[weekday] as number) * (MONTH_LOAD[Number(day.slice(5, 7)) - 1] as number) * rng.uniform(0.92, 1.08);
  return { day, issueEnd, hardClose, schedules, arrivals: planArrivals(hall, schedules, profile, at, load, rng) };
}

/** Enough visitors per agency to keep its counters about `load` busy, at times drawn from the day's profile. */
function planArrivals(
  hall: HistoryHall,
  schedules: CounterSchedule[],
  profile: [number, number, number][],
  at: (minutes: number) => number,
  load: number,
  rng: Prng,
): Arrival[] {
  const arrivals: Arrival[] = [];
  const agencies = [...new Set(hall.counters.map((c) => c.agencyId))];
  const weightTotal = profile.reduce((sum, [a, b, w]) => sum + (b - a) * w, 0);
  for (const agencyId of agencies) {
    const services = hall.services.filter((s) => s.agencyId === agencyId && hall.counters.some((c) => c.agencyId === agencyId && c.serviceIds.includes(s.id)));
    if (services.length === 0) continue;
    const capacityMs = schedules
      .filter((s) => s.counter.agencyId === agencyId)
      .reduce((sum, s) => sum + (s.closesAt - s.opensAt) - s.pauses.reduce((p, x) => p + x.ms, 0), 0);
    const weights = services.reduce((sum, s) => sum + s.weight, 0);
    // Mean time a visitor holds a counter: service (log-normal, σ 0.45) plus call, walk and hand-over.
    const cycleMs = services.reduce((sum, s) => sum + s.weight * (s.medianServiceMs * Math.exp(0.45 ** 2 / 2) + 50_000), 0) / weights;
    // A closed agency still issues a few tickets: they are cancelled at the end of the day.
    const expected = Math.max(capacityMs / cycleMs, 2) * load;
    const count = Math.max(0, Math.round(expected * (1 + 0.05 * rng.normal())));
    for (let i = 0; i < count; i++) {
      let r = rng.next() * weightTotal;
      let minute = profile[0]?.[0] ?? 450;
      for (const [a, b, w] of profile) {
        if (r < (b - a) * w) {
          minute = a + r / w;
          break;
        }
        r -= (b - a) * w;
      }
      arrivals.push({
        t: at(minute),
        service: rng.weighted(services, (s) => s.weight),
        channel: rng.chance(0.12) ? 'online' : 'kiosk',
        priority: rng.chance(0.07) ? 'priority' : 'normal',
      });
    }
  }
  return arrivals.sort((a, b) => a.t - b.t);
}
