import type { PriorityClass, QueuePolicy } from './domain.ts';

/**
 * The order in which a hall calls its waiting visitors (DESIGN.md §4). Pure: the hall server's
 * queue authority hands in the waiting tickets and the counter's situation, and gets back the
 * ticket to call. The same rules give the positions shown on `GET /queue` and on the tracking page.
 *
 * `pickNext` applies, in this order:
 *
 * 1. **Transfers to this counter first.** A ticket transferred to this very counter
 *    (`targetCounterId === counterId`) goes before everything else, oldest `queuedAt` first,
 *    whatever its service (the transferring officer chose the counter). A ticket targeted at
 *    another counter is never picked.
 * 2. **Only the counter's services.** Untargeted tickets count only if their service is in
 *    `weights` with a positive weight.
 * 3. **Aging.** If `policy.agingMinutes` is set, the oldest normal ticket goes first once it has
 *    waited at least that long (`now − queuedAt ≥ agingMinutes`), before any priority ticket.
 * 4. **Priority class.** `priority-first`: a priority ticket goes whenever one waits. `ratio`: a
 *    priority ticket goes when `normalsSincePriority ≥ normalPerPriority`, or when no normal ticket
 *    waits; otherwise a normal one.
 * 5. **Services by weight, tickets by arrival.** Within the chosen class, the counter takes from
 *    the service with the lowest `(calledToday[s] + 1) / weight[s]` (a weighted fair share of the
 *    counter's calls today), ties going to the service whose first ticket is oldest; within a
 *    service the oldest `queuedAt`, ties broken by ticket number order (`A-009` before `A-010`),
 *    then by id so the choice never depends on input order.
 */

/** A waiting ticket, as far as the order is concerned. */
export interface QueueCandidate {
  id: string;
  serviceId: string;
  priority: PriorityClass;
  /** Arrival: issue time, or a booking's slot time; transfers keep the original. Epoch ms. */
  queuedAt: number;
  /** Set when the ticket was transferred to one counter: only that counter calls it. */
  targetCounterId: string | null;
  /** The ticket number (`A-012`); breaks ties in `queuedAt`. Optional for callers without it. */
  number?: string;
}

export interface PickContext {
  counterId: string;
  /** The services this counter serves now, with their weights (positive integers). */
  weights: Readonly<Record<string, number>>;
  /** Tickets this counter has called today, per service. Missing = 0. */
  calledToday: Readonly<Record<string, number>>;
  /** Normal tickets this counter called since its last priority ticket (ratio mode). */
  normalsSincePriority: number;
  policy: QueuePolicy;
  /** Epoch ms, for aging. */
  now: number;
}

const MINUTE_MS = 60_000;

/** `A-012` → 12; NaN when the number has no trailing digits. (A loop, not a regex: sorting calls it often.) */
function sequenceOf(number: string | undefined): number {
  if (number === undefined) return Number.NaN;
  let i = number.length;
  while (i > 0) {
    const code = number.charCodeAt(i - 1);
    if (code < 48 || code > 57) break;
    i--;
  }
  return i === number.length ? Number.NaN : Number(number.slice(i));
}

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/**
 * Arrival order: oldest `queuedAt`, then ticket number order (the numeric part, then the whole
 * number), then id. Total, so sorting never depends on the input order.
 */
export function compareArrival(a: QueueCandidate, b: QueueCandidate): number {
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  const sa = sequenceOf(a.number);
  const sb = sequenceOf(b.number);
  if (sa !== sb && !(Number.isNaN(sa) && Number.isNaN(sb))) {
    if (Number.isNaN(sa)) return 1;
    if (Number.isNaN(sb)) return -1;
    return sa - sb;
  }
  return compareText(a.number, b.number) || compareText(a.id, b.id);
}

function oldest<T extends QueueCandidate>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of list) if (best === undefined || compareArrival(c, best) < 0) best = c;
  return best;
}

/** Rule 3: has this normal ticket waited `agingMinutes` or longer? */
function isAged(ticket: QueueCandidate, policy: QueuePolicy, now: number): boolean {
  return policy.agingMinutes !== null && now - ticket.queuedAt >= policy.agingMinutes * MINUTE_MS;
}

/**
 * Rules 3 and 4: which class goes next, given whether each line has a head and whether the normal
 * head has aged. Shared by `pickNext`, `orderWaiting` and `positionInLine` so the positions people
 * see match what counters call.
 */
function nextClass(
  hasNormal: boolean,
  normalAged: boolean,
  hasPriority: boolean,
  normalsSincePriority: number,
  policy: QueuePolicy,
): PriorityClass | null {
  if (!hasNormal) return hasPriority ? 'priority' : null;
  if (normalAged) return 'normal';
  if (!hasPriority) return 'normal';
  if (policy.mode === 'priority-first') return 'priority';
  return normalsSincePriority >= policy.normalPerPriority ? 'priority' : 'normal';
}

/** Rule 5 across services: lowest (calledToday + 1) / weight, ties to the oldest head. */
function fairShare<T extends QueueCandidate>(
  tickets: readonly T[],
  weights: Readonly<Record<string, number>>,
  calledToday: Readonly<Record<string, number>>,
): T | null {
  const heads = new Map<string, T>();
  for (const t of tickets) {
    const head = heads.get(t.serviceId);
    if (head === undefined || compareArrival(t, head) < 0) heads.set(t.serviceId, t);
  }
  let best: { head: T; used: number; weight: number } | null = null;
  for (const [serviceId, head] of heads) {
    const used = (calledToday[serviceId] ?? 0) + 1;
    const weight = weights[serviceId] ?? 0;
    if (best === null) {
      best = { head, used, weight };
      continue;
    }
    // used/weight < best.used/best.weight, in integers (no floating-point ties).
    const diff = used * best.weight - best.used * weight;
    if (diff < 0 || (diff === 0 && compareArrival(head, best.head) < 0)) best = { head, used, weight };
  }
  return best?.head ?? null;
}

const serves = (weights: Readonly<Record<string, number>>, serviceId: string): boolean =>
  Object.hasOwn(weights, serviceId) && (weights[serviceId] ?? 0) > 0;

/** The ticket `ctx.counterId` should call next (rules 1–5 above), or null when none is eligible. */
export function pickNext<T extends QueueCandidate>(candidates: readonly T[], ctx: PickContext): T | null {
  const mine = oldest(candidates.filter((c) => c.targetCounterId === ctx.counterId));
  if (mine !== undefined) return mine;

  const eligible = candidates.filter((c) => c.targetCounterId === null && serves(ctx.weights, c.serviceId));
  const normals = eligible.filter((c) => c.priority === 'normal');
  const priorities = eligible.filter((c) => c.priority === 'priority');
  const normalHead = oldest(normals);
  // Aging takes the oldest normal ticket itself, not the service the weights would choose.
  if (normalHead !== undefined && isAged(normalHead, ctx.policy, ctx.now)) return normalHead;
  const cls = nextClass(normalHead !== undefined, false, priorities.length > 0, ctx.normalsSincePriority, ctx.policy);
  if (cls === null) return null;
  return fairShare(cls === 'normal' ? normals : priorities, ctx.weights, ctx.calledToday);
}

/**
 * Every waiting ticket with its 1-based position within its service, in the order the hall would
 * call them: as a counter serving only that service would, starting fresh (no normal tickets
 * called since the last priority one) at `now`. Tickets transferred to a counter come first (that
 * counter calls them next). Sorted by service id, then position. It is an estimate for people:
 * real counters serve several services and carry their own ratio count.
 */
export function orderWaiting<T extends QueueCandidate>(
  candidates: readonly T[],
  policy: QueuePolicy,
  now: number,
): (T & { position: number })[] {
  const byService = new Map<string, T[]>();
  for (const c of candidates) {
    const list = byService.get(c.serviceId);
    if (list === undefined) byService.set(c.serviceId, [c]);
    else list.push(c);
  }
  const out: (T & { position: number })[] = [];
  for (const serviceId of [...byService.keys()].sort()) {
    const all = byService.get(serviceId) ?? [];
    const targeted = all.filter((c) => c.targetCounterId !== null).sort(compareArrival);
    const normals = all.filter((c) => c.targetCounterId === null && c.priority === 'normal').sort(compareArrival);
    const priorities = all.filter((c) => c.targetCounterId === null && c.priority === 'priority').sort(compareArrival);
    const order: T[] = [...targeted];
    let n = 0;
    let p = 0;
    let normalsSincePriority = 0;
    for (;;) {
      const head = normals[n];
      const cls = nextClass(head !== undefined, head !== undefined && isAged(head, policy, now), p < priorities.length, normalsSincePriority, policy);
      if (cls === null) break;
      if (cls === 'normal') {
        order.push(normals[n++] as T);
        normalsSincePriority++;
      } else {
        order.push(priorities[p++] as T);
        normalsSincePriority = 0;
      }
    }
    order.forEach((c, i) => out.push({ ...c, position: i + 1 }));
  }
  return out;
}

/** How many tickets of one service wait in each part of its line, as `orderWaiting` splits it. */
export interface LineCounts {
  /** Transferred to a counter: they go first. */
  targeted: number;
  normals: number;
  priorities: number;
  /** Normal tickets that have waited `agingMinutes` or longer: the oldest, so the first normals. */
  agedNormals: number;
}

/**
 * The position `orderWaiting` gives one ticket, from counts alone: the ticket is the `ahead + 1`-th
 * of its part of the line (targeted, normal or priority, each in arrival order). The hall answers
 * "people ahead" for a new ticket with it, without reading the whole line.
 */
export function positionInLine(line: LineCounts, part: 'targeted' | PriorityClass, ahead: number, policy: QueuePolicy): number {
  if (part === 'targeted') return ahead + 1;
  let position = line.targeted;
  let n = 0;
  let p = 0;
  let normalsSincePriority = 0;
  for (;;) {
    const cls = nextClass(n < line.normals, n < line.agedNormals, p < line.priorities, normalsSincePriority, policy);
    if (cls === null) throw new RangeError(`ticket ${ahead + 1} of the ${part} line is not among the ${part === 'normal' ? line.normals : line.priorities} counted`);
    position++;
    if (cls === 'normal') {
      if (part === 'normal' && n === ahead) return position;
      n++;
      normalsSincePriority++;
    } else {
      if (part === 'priority' && p === ahead) return position;
      p++;
      normalsSincePriority = 0;
    }
  }
}
