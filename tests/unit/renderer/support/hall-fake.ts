import type { CounterState, WaitingEntry } from '../../../../core/api.ts';
import type { Service, Ticket } from '../../../../core/domain.ts';
import type { ErrorInfo, Result } from '../../../../core/errors.ts';
import type { ConnectionState, InvokeName, LoketApi, PushPayloadOf, RequestOf } from '../../../../core/ipc.ts';
import { createFakeHardware } from './fake-hardware.ts';

// ---------------------------------------------------------------------------------------------
// A FAKE LoketApi for the hall flow: enrollment, sign-in, opening, and the shared queue, in
// memory. The real one (headless host + hall server) is driven end to end by hall-flow.spec.ts.
// ---------------------------------------------------------------------------------------------

export const NOW = Date.UTC(2025, 0, 6, 2, 0, 0); // 09:00 in Asia/Jakarta
export const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');

const service = (id: string, prefix: string, name: string, requirements = ''): Service => ({
  id,
  agencyId: 'dukcapil',
  name,
  prefix,
  requirements,
  targetWaitMinutes: 20,
  targetServiceMinutes: 10,
  dailyQuota: null,
});
export const SERVICES = [
  service('ktp-el', 'A', 'Perekaman & Cetak KTP-el', 'Fotokopi Kartu Keluarga'),
  service('kk', 'B', 'Kartu Keluarga', 'KK lama'),
  service('akta-lahir', 'C', 'Akta Kelahiran'),
];

export type Stage = 'unenrolled' | 'enrolled' | 'signedIn' | 'open';

export function createHallFake(stage: Stage = 'open') {
  let enrolled = stage !== 'unenrolled';
  let officer = stage === 'signedIn' || stage === 'open' ? { id: 'u1', name: 'Rina Marlina' } : null;
  let status: CounterState['status'] = stage === 'open' ? 'open' : 'closed';
  let pauseReason: CounterState['pauseReason'] = null;
  let pending = 0;
  let openServices = SERVICES.map((s) => s.id);
  let online = true;
  let current: Ticket | null = null;
  let sequence = 0;
  let now = NOW;
  const queue: WaitingEntry[] = [];
  const hardware = createFakeHardware();
  const listeners: { [K in 'ledgerChanged' | 'queueChanged' | 'connectionChanged']: Set<(payload: PushPayloadOf<K>) => void> } = {
    ledgerChanged: new Set(),
    queueChanged: new Set(),
    connectionChanged: new Set(),
  };
  const failures = new Map<InvokeName, ErrorInfo>();
  const holds = new Map<InvokeName, Promise<void>>();
  const calls: Array<{ name: InvokeName; request: unknown }> = [];

  const counter = (): CounterState => ({
    counterId: 'loket-1',
    number: 1,
    agencyId: 'dukcapil',
    status,
    pauseReason,
    officer,
    serviceIds: openServices,
    current: current ? { ticketId: current.id, number: current.number, status: current.status } : null,
    since: now,
  });
  const connection = (): ConnectionState => ({
    enrolled,
    serverUrl: enrolled ? 'https://192.168.1.10:7420' : null,
    fingerprint256: enrolled ? FINGERPRINT : null,
    hallName: enrolled ? 'MPP Kabupaten Lebong' : null,
    counterId: enrolled ? 'loket-1' : null,
    online,
    officer,
    counter: enrolled ? counter() : null,
    sync: { pending, sending: false, ackedThrough: 0, lastError: null, rejected: [] },
    walkInNumbersLeft: enrolled ? 50 : null,
  });
  const emit = <K extends keyof typeof listeners>(name: K, payload: PushPayloadOf<K>): void => {
    for (const listener of listeners[name]) listener(payload);
  };
  const connectionChanged = (): ConnectionState => {
    const state = connection();
    emit('connectionChanged', state);
    return state;
  };
  const ledgerChanged = (): void => emit('ledgerChanged', { lastSeq: calls.length });

  const answer = async <T,>(name: InvokeName, request: unknown, value: () => T): Promise<Result<T>> => {
    calls.push({ name, request });
    await holds.get(name);
    holds.delete(name);
    const failure = failures.get(name);
    failures.delete(name);
    if (failure) return { ok: false, error: failure };
    try {
      return { ok: true, value: value() };
    } catch (error) {
      return { ok: false, error: error as ErrorInfo };
    }
  };
  const held = (): Ticket => {
    if (!current) throw { code: 'ticket_not_held', message: 'Counter 1 holds no visitor now.' };
    return current;
  };
  const call = (entry: WaitingEntry): Ticket => {
    queue.splice(queue.indexOf(entry), 1);
    current = {
      id: entry.ticketId,
      serviceId: entry.serviceId,
      number: entry.number,
      serviceDay: '2025-01-06',
      channel: 'kiosk',
      priority: entry.priority,
      status: 'called',
      counterId: 'loket-1',
      officerId: 'u1',
      callCount: 1,
      outcome: null,
      note: null,
      issuedAt: entry.queuedAt,
      calledAt: now,
      startedAt: null,
      finishedAt: null,
    };
    ledgerChanged();
    emit('queueChanged', { at: now });
    return current;
  };
  const change = (next: Partial<Ticket>, release = false): Ticket => {
    const ticket = { ...held(), ...next };
    current = release ? null : ticket;
    ledgerChanged();
    return ticket;
  };

  const api: LoketApi = {
    getAppInfo: (r) => answer('getAppInfo', r, () => ({ version: 'test', runtime: 'headless' as const })),
    getCounterContext: (r) =>
      answer('getCounterContext', r, () => ({
        deviceId: 'pc-1',
        hallName: enrolled ? 'MPP Kabupaten Lebong' : 'Starter',
        timeZone: 'Asia/Jakarta',
        counter: { id: 'loket-1', number: 1 },
        services: SERVICES,
        recallsBeforeNoShow: 3,
        otherCounters: [{ id: 'loket-2', number: 2, agencyName: 'Disdukcapil' }],
      })),
    getCurrentTicket: (r) => answer('getCurrentTicket', r, () => current),
    getToday: (r) =>
      answer('getToday', r, () => ({
        day: '2025-01-06',
        served: [],
        summary: { day: '2025-01-06', served: 0, pending: 0, noShow: 0, averageServiceMs: null },
      })),
    startWalkIn: (r) => answer('startWalkIn', r, () => change({}) /* walk-ins: counter.dom.test.tsx */),
    finishTicket: (r) => answer('finishTicket', r, () => change({ status: 'done', outcome: r.outcome, finishedAt: now }, true)),
    getConnection: (r) => answer('getConnection', r, connection),
    probeServer: (r) =>
      answer('probeServer', r, () => ({
        url: r.url,
        fingerprint256: r.url.startsWith('https:') ? FINGERPRINT : null,
        version: '0.1.0',
      })),
    enrollDevice: (r) =>
      answer('enrollDevice', r, () => {
        enrolled = true;
        return connectionChanged();
      }),
    signIn: (r) =>
      answer('signIn', r, () => {
        officer = { id: 'u1', name: 'Rina Marlina' };
        return connectionChanged();
      }),
    signOut: (r) =>
      answer('signOut', r, () => {
        officer = null;
        status = 'closed';
        return connectionChanged();
      }),
    pauseCounter: (r) =>
      answer('pauseCounter', r, () => {
        status = 'paused';
        pauseReason = r.reason;
        return connectionChanged();
      }),
    resumeCounter: (r) =>
      answer('resumeCounter', r, () => {
        status = 'open';
        pauseReason = null;
        return connectionChanged();
      }),
    closeCounter: (r) =>
      answer('closeCounter', r, () => {
        if (current) throw { code: 'counter_busy', message: `Ticket ${current.number} is still at this counter.` };
        status = 'closed';
        return connectionChanged();
      }),
    openCounter: (r) =>
      answer('openCounter', r, () => {
        status = 'open';
        openServices = [...r.serviceIds];
        return connectionChanged();
      }),
    getQueue: (r) => answer('getQueue', r, () => queue.filter((w) => openServices.includes(w.serviceId))),
    callNext: (r) =>
      answer('callNext', r, () => {
        if (current) throw { code: 'counter_busy', message: 'Ticket still at this counter.' };
        const next = queue.find((w) => openServices.includes(w.serviceId));
        return next ? call(next) : null;
      }),
    callTicket: (r) =>
      answer('callTicket', r, () => {
        const entry = queue.find((w) => w.ticketId === r.ticketId);
        if (!entry) throw { code: 'not_found', message: 'not waiting' };
        return call(entry);
      }),
    recallTicket: (r) => answer('recallTicket', r, () => change({ callCount: held().callCount + 1, calledAt: now })),
    startServing: (r) => answer('startServing', r, () => change({ status: 'serving', startedAt: now })),
    markNoShow: (r) => answer('markNoShow', r, () => change({ status: 'no_show' }, true)),
    returnToQueue: (r) =>
      answer('returnToQueue', r, () => {
        const ticket = change({ status: 'waiting' }, true);
        queue.unshift({ ticketId: ticket.id, number: ticket.number, serviceId: ticket.serviceId, priority: ticket.priority, channel: 'kiosk', queuedAt: ticket.issuedAt, position: 1, targetCounterId: null });
        return ticket;
      }),
    transferTicket: (r) => answer('transferTicket', r, () => change({ status: 'transferred' }, true)),
    ...hardware.api,
    on: {
      ...hardware.on,
      ledgerChanged: (l) => (listeners.ledgerChanged.add(l), () => void listeners.ledgerChanged.delete(l)),
      queueChanged: (l) => (listeners.queueChanged.add(l), () => void listeners.queueChanged.delete(l)),
      connectionChanged: (l) => (listeners.connectionChanged.add(l), () => void listeners.connectionChanged.delete(l)),
    },
  };

  return {
    api,
    calls: <K extends InvokeName>(name: K): Array<RequestOf<K>> => calls.filter((c) => c.name === name).map((c) => c.request as RequestOf<K>),
    failNext(name: InvokeName, error: ErrorInfo): void {
      failures.set(name, error);
    },
    hold(name: InvokeName): () => void {
      let release = (): void => {};
      holds.set(name, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    /** A ticket issued at the kiosk: the hall's live feed says the queue changed. */
    issue(serviceId: string, priority: 'normal' | 'priority' = 'normal', minutesAgo = 0): WaitingEntry {
      const s = SERVICES.find((x) => x.id === serviceId);
      sequence++;
      const entry: WaitingEntry = {
        ticketId: crypto.randomUUID(),
        number: `${s?.prefix ?? 'X'}-${String(sequence).padStart(3, '0')}`,
        serviceId,
        priority,
        channel: 'kiosk',
        queuedAt: now - minutesAgo * 60_000,
        position: queue.filter((w) => w.serviceId === serviceId).length + 1,
        targetCounterId: null,
      };
      queue.push(entry);
      emit('queueChanged', { at: now });
      return entry;
    },
    /** Actions recorded and not yet acknowledged by the hall server. */
    setPending(value: number): void {
      pending = value;
      connectionChanged();
    },
    setOnline(value: boolean): void {
      online = value;
      connectionChanged();
    },
    advance(ms: number): void {
      now += ms;
    },
    get current() {
      return current;
    },
  };
}
