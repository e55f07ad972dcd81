import { formatTicketNumber } from '../../core/domain.ts';
import type { CounterSchedule, DayPlan, PlannedPause } from './day-plan.ts';
import type { HistoryAction, Officer, PlannedTicket } from './history-actions.ts';
import type { HistoryHall } from './history-hall.ts';
import type { Prng } from './prng.ts';
import type { TrackingCodes } from './tracking-codes.ts';
import { MinHeap, WaitingLines, type WaitingEntry } from './waiting-lines.ts';

/**
 * Plays one planned day as a discrete-event simulation and returns the queue actions it made, in
 * time order. When a counter calls a visitor, what happens to that visitor is decided at once:
 * about 5% do not come (one or two recalls, then no-show; a quarter of them come back later and a
 * supervisor reactivates the ticket), 1% are returned to the queue, 10% come only after a recall;
 * the rest walk up, are served for a log-normal time around their service's median, and leave
 * served (96%) or pending, or are transferred (3%) to another service or another counter. A system
 * pause that falls during a service stretches it (a ticket spanning a pause); other pauses wait
 * until the visitor has left. Tickets still waiting when the hall closes are cancelled.
 */
const SEC = 1000;
const MIN = 60 * SEC;
const TRANSFER_REASONS = ['Layanan lain yang dibutuhkan', 'Salah ambil nomor antrean', 'Perlu verifikasi di loket lain', 'Berkas diproses instansi lain'];

interface CounterSim {
  s: CounterSchedule;
  state: 'closed' | 'idle' | 'busy' | 'paused' | 'done';
  officer: Officer;
  idleSince: number;
  pauses: PlannedPause[];
  swap: CounterSchedule['swap'];
}

interface Event {
  t: number;
  seq: number;
  run: () => void;
}

export function simulateDay(hall: HistoryHall, plan: DayPlan, rng: Prng, codes: TrackingCodes): HistoryAction[] {
  const made: HistoryAction[] = [];
  const emit = (a: HistoryAction): void => void made.push(a);
  const events = new MinHeap<Event>((a, b) => a.t < b.t || (a.t === b.t && a.seq < b.seq));
  let seq = 0;
  const at = (t: number, run: () => void): void => events.push({ t, seq: seq++, run });

  const tickets = new Map<string, PlannedTicket>();
  const lines = new WaitingLines();
  let order = 0;
  const sims = new Map<string, CounterSim>();
  const byService = new Map<string, CounterSim[]>();
  const sequences = new Map<string, number>();
  const serviceById = new Map(hall.services.map((s) => [s.id, s]));
  let lastClose = 0;

  const enqueue = (t: number, ticket: PlannedTicket, targetCounterId: string | null): void => {
    lines.add({ ticketId: ticket.id, serviceId: ticket.serviceId, priority: ticket.priority, queuedAt: ticket.queuedAt, order: order++, targetCounterId, since: t });
    const target = targetCounterId === null ? undefined : sims.get(targetCounterId);
    const candidates = targetCounterId === null ? (byService.get(ticket.serviceId) ?? []) : target === undefined ? [] : [target];
    // The counter idle longest calls first; one that pauses or closes instead lets the next try.
    let tried: Set<CounterSim> | null = null;
    for (;;) {
      let best: CounterSim | undefined;
      for (const c of candidates) if (c.state === 'idle' && !tried?.has(c) && (best === undefined || c.idleSince < best.idleSince)) best = c;
      if (best === undefined || tryCall(best, t)) return;
      (tried ??= new Set()).add(best);
    }
  };

  const close = (c: CounterSim, t: number): void => {
    emit({ t, kind: 'close', counterId: c.s.counter.id });
    c.state = 'done';
    lastClose = Math.max(lastClose, t);
  };

  const becomeIdle = (c: CounterSim, t: number): void => {
    c.state = 'idle';
    c.idleSince = t;
    tryCall(c, t);
  };

  function tryCall(c: CounterSim, t: number): boolean {
    if (c.state !== 'idle') return false;
    const id = c.s.counter.id;
    if (c.swap !== null && t >= c.swap.at) {
      c.officer = c.swap.officer;
      c.swap = null;
      emit({ t, kind: 'update', counterId: id, officer: c.officer, serviceIds: c.s.counter.serviceIds });
    }
    while (c.pauses.length > 0 && (c.pauses[0] as PlannedPause).at <= t) {
      const pause = c.pauses.shift() as PlannedPause;
      if (t >= c.s.closesAt) continue;
      emit({ t, kind: 'pause', counterId: id, reason: pause.reason });
      c.state = 'paused';
      at(t + pause.ms, () => {
        emit({ t: t + pause.ms, kind: 'resume', counterId: id });
        becomeIdle(c, t + pause.ms);
      });
      return false;
    }
    const entry = t < plan.hardClose ? lines.take(id, c.s.counter.serviceIds) : undefined;
    if (entry === undefined) {
      if (t >= c.s.closesAt) close(c, t);
      return false;
    }
    serve(c, entry, t);
    return true;
  }

  function serve(c: CounterSim, entry: WaitingEntry, t: number): void {
    c.state = 'busy';
    const counterId = c.s.counter.id;
    const ticket = tickets.get(entry.ticketId) as PlannedTicket;
    const ticketId = ticket.id;
    emit({ t, kind: 'call', counterId, officerId: c.officer.id, ticketId });
    let free: number;
    const r = rng.next();
    if (r < 0.05) {
      let last = t;
      const recalls = 1 + rng.int(2);
      for (let i = 0; i < recalls; i++) emit({ t: (last += Math.round(rng.uniform(50, 70) * SEC)), kind: 'recall', counterId, ticketId });
      const noShowAt = last + Math.round(rng.uniform(40, 90) * SEC);
      emit({ t: noShowAt, kind: 'no_show', counterId, ticketId });
      free = noShowAt;
      const back = noShowAt + Math.round(rng.uniform(10, 50) * MIN);
      if (rng.chance(0.3) && back < plan.hardClose - 20 * MIN) {
        emit({ t: back, kind: 'reactivate', ticketId, actorId: hall.supervisorId });
        at(back, () => enqueue(back, ticket, null));
      }
    } else if (r < 0.06) {
      const returnedAt = t + Math.round(rng.uniform(30, 80) * SEC);
      emit({ t: returnedAt, kind: 'return', counterId, ticketId });
      at(returnedAt, () => enqueue(returnedAt, ticket, null));
      free = returnedAt;
    } else {
      let came = t;
      if (rng.chance(0.1)) emit({ t: (came = t + Math.round(rng.uniform(40, 90) * SEC)), kind: 'recall', counterId, ticketId });
      const started = came + Math.round(rng.uniform(10, 60) * SEC);
      emit({ t: started, kind: 'start', counterId, ticketId });
      const median = serviceById.get(ticket.serviceId)?.medianServiceMs ?? 5 * MIN;
      let ends = started + Math.round(Math.min(75 * MIN, Math.max(40 * SEC, rng.logNormal(median, 0.45))));
      const sys = c.pauses.findIndex((p) => p.reason === 'system' && p.at >= started && p.at < ends);
      if (sys >= 0) {
        const pause = c.pauses.splice(sys, 1)[0] as PlannedPause;
        emit({ t: pause.at, kind: 'pause', counterId, reason: 'system' });
        emit({ t: pause.at + pause.ms, kind: 'resume', counterId });
        ends += pause.ms;
      }
      if (rng.chance(0.03)) transfer(c, ticket, ends);
      else {
        const pending = rng.chance(0.04);
        emit({ t: ends, kind: 'finish', counterId, ticketId, outcome: pending ? 'pending' : 'served', note: pending ? 'Berkas belum lengkap' : null });
      }
      free = ends;
    }
    free += Math.round(rng.uniform(3, 20) * SEC);
    at(free, () => becomeIdle(c, free));
  }

  function transfer(c: CounterSim, ticket: PlannedTicket, t: number): void {
    const colleagues = (byService.get(ticket.serviceId) ?? []).filter((x) => x !== c && x.state !== 'done' && x.state !== 'closed');
    const others = hall.services.filter((s) => s.id !== ticket.serviceId && byService.has(s.id));
    let toCounterId: string | null = null;
    let toServiceId: string | null = null;
    if (colleagues.length > 0 && (others.length === 0 || rng.chance(0.25))) toCounterId = rng.pick(colleagues).s.counter.id;
    else if (others.length > 0) toServiceId = rng.weighted(others, (s) => s.weight).id;
    else {
      emit({ t, kind: 'finish', counterId: c.s.counter.id, ticketId: ticket.id, outcome: 'served', note: null });
      return;
    }
    const moved: PlannedTicket = { ...ticket, id: rng.uuid7(t), serviceId: toServiceId ?? ticket.serviceId };
    tickets.set(moved.id, moved);
    emit({ t, kind: 'transfer', counterId: c.s.counter.id, ticketId: ticket.id, toServiceId, toCounterId, reason: rng.pick(TRANSFER_REASONS), newTicketId: moved.id });
    at(t, () => enqueue(t, moved, toCounterId));
  }

  for (const s of plan.schedules) {
    const c: CounterSim = { s, state: 'closed', officer: s.officer, idleSince: 0, pauses: [...s.pauses], swap: s.swap };
    sims.set(s.counter.id, c);
    for (const serviceId of s.counter.serviceIds) {
      const list = byService.get(serviceId) ?? [];
      list.push(c);
      byService.set(serviceId, list);
    }
    at(s.opensAt, () => {
      emit({ t: s.opensAt, kind: 'open', counterId: s.counter.id, officer: c.officer, serviceIds: s.counter.serviceIds });
      becomeIdle(c, s.opensAt);
    });
    for (const wake of [...s.pauses.map((p) => p.at), s.swap?.at, s.closesAt, plan.hardClose]) {
      if (wake !== undefined) at(wake, () => tryCall(c, wake));
    }
  }
  for (const a of plan.arrivals) {
    at(a.t, () => {
      const seqNo = (sequences.get(a.service.id) ?? 0) + 1;
      if (a.service.dailyQuota !== null && seqNo > a.service.dailyQuota) return; // the quota is reached: the visitor is turned away
      sequences.set(a.service.id, seqNo);
      const ticket: PlannedTicket = {
        id: rng.uuid7(a.t),
        serviceId: a.service.id,
        number: formatTicketNumber(a.service.prefix, seqNo),
        seqNo,
        serviceDay: plan.day,
        channel: a.channel,
        priority: a.priority,
        trackingCode: codes.next(),
        queuedAt: a.t,
      };
      tickets.set(ticket.id, ticket);
      emit({ t: a.t, kind: 'issue', ticket });
      enqueue(a.t, ticket, null);
    });
  }
  for (let e = events.pop(); e !== undefined; e = events.pop()) e.run();

  for (const entry of lines.drain()) {
    emit({ t: Math.max(lastClose, entry.since) + MIN, kind: 'cancel', ticketId: entry.ticketId, actorId: hall.supervisorId });
  }
  // Stable: actions of one moment keep the order they were decided in (a transfer before the new ticket's call).
  const sorted = Array.from(made.keys()).sort((x, y) => (made[x] as HistoryAction).t - (made[y] as HistoryAction).t || x - y);
  return sorted.map((i) => made[i] as HistoryAction);
}
