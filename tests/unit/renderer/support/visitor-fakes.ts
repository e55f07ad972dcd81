import type { TrackResponse } from '../../../../core/api.ts';
import type { PublicBooking, PublicServicesResponse, Slot, SlotsResponse, TrackStreamData } from '../../../../core/visitor-api.ts';
import type { EventSourceLike } from '../../../../renderer/visitor/track/use-track-stream.ts';

/**
 * A FAKE hall server for the visitor pages' DOM tests: the public routes behind a fake fetch, each
 * answer replaceable per test, every request recorded; and a fake EventSource the test drives.
 */

export const NOW = Date.UTC(2025, 2, 10, 1, 0, 0); // Monday 10 March 2025, 08:00 in Asia/Jakarta
export const CODE = 'K7QX4M2P';
const MINUTE = 60_000;

export const SERVICES: PublicServicesResponse = {
  hall: { name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
  agencies: [
    {
      id: 'dukcapil',
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      shortName: 'Disdukcapil',
      color: '#1f6feb',
      services: [
        {
          id: 'ktp-el',
          agencyId: 'dukcapil',
          name: 'Perekaman KTP-el',
          prefix: 'A',
          requirements: 'Fotokopi Kartu Keluarga; surat keterangan kehilangan',
          cost: 'Gratis',
          timeStandard: '15 menit',
          legalBasis: 'UU No. 24 Tahun 2013',
          openingHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' },
          booking: { enabled: true, slotMinutes: 30, capacityPerSlot: 4, dailyQuota: 40 },
        },
      ],
    },
    {
      id: 'polres',
      name: 'Polres Kota Contoh',
      shortName: 'Polres',
      color: null,
      services: [
        {
          id: 'skck',
          agencyId: 'polres',
          name: 'SKCK',
          prefix: 'P',
          requirements: '',
          cost: 'Rp30.000 (PNBP)',
          timeStandard: '',
          legalBasis: '',
          openingHours: null,
          booking: { enabled: false, slotMinutes: 30, capacityPerSlot: 4, dailyQuota: null },
        },
      ],
    },
  ],
  rules: { checkInOpensBeforeMinutes: 30, checkInClosesAfterMinutes: 15, horizonDays: 30, maxBookingsPerPhonePerDay: 3 },
};

const slot = (hhmm: string, remaining: number, reason: Slot['unavailableReason'] = null): Slot => {
  const [h, m] = hhmm.split(':').map(Number);
  const start = Date.UTC(2025, 2, 10, (h ?? 0) - 7, m ?? 0);
  return { start, end: start + 30 * MINUTE, time: hhmm, capacity: 4, remaining, available: reason === null && remaining > 0, unavailableReason: remaining === 0 && reason === null ? 'full' : reason };
};

export function slotsOf(date: string): SlotsResponse {
  return {
    serviceId: 'ktp-el',
    date,
    timeZone: 'Asia/Jakarta',
    hours: 'Mon–Fri 08:00–15:00',
    closed: null,
    dailyQuota: 40,
    bookedThatDay: 5,
    slots: [slot('08:00', 4, 'past'), slot('08:30', 0), slot('09:00', 3), slot('09:30', 4)],
  };
}

export function bookingOf(overrides: Partial<PublicBooking> = {}): PublicBooking {
  const slotStart = Date.UTC(2025, 2, 10, 2, 0); // 09:00 Jakarta
  return {
    code: CODE,
    qrPayload: CODE,
    trackingCode: CODE,
    status: 'booked',
    serviceId: 'ktp-el',
    serviceName: 'Perekaman KTP-el',
    agencyName: 'Disdukcapil',
    date: '2025-03-10',
    slotStart,
    slotEnd: slotStart + 30 * MINUTE,
    slotTime: '09:00',
    checkInOpensAt: slotStart - 30 * MINUTE,
    checkInClosesAt: slotStart + 15 * MINUTE,
    phoneMasked: '+62812****7890',
    createdAt: NOW,
    ticket: null,
    ...overrides,
  };
}

export function trackOf(overrides: Partial<TrackResponse> = {}): TrackResponse {
  return {
    number: 'A-012',
    status: 'waiting',
    serviceId: 'ktp-el',
    serviceName: 'Perekaman KTP-el',
    agencyName: 'Disdukcapil',
    peopleAhead: 2,
    estimatedWaitMinutes: 6,
    counterNumber: null,
    issuedAt: NOW,
    ...overrides,
  };
}

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

export type FakeAnswer = { status: number; body: unknown; headers?: Record<string, string> } | 'network';
type Route = (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>;

const error = (status: number, code: string, message: string, field?: string): FakeAnswer => ({
  status,
  body: { error: { code, message, ...(field ? { field } : {}) } },
});
export const refusal = error;

export function createFakePublicServer() {
  const requests: SeenRequest[] = [];
  const routes: Record<string, Route> = {
    'GET /public/services': () => ({ status: 200, body: SERVICES, headers: { date: new Date(NOW).toUTCString() } }),
    'GET /public/services/ktp-el/slots': (r) => ({ status: 200, body: slotsOf(new URLSearchParams(r.path.split('?')[1]).get('date') ?? '') }),
    'POST /public/bookings': (r) => {
      const body = r.body as { slotStart: number };
      const start = body.slotStart;
      return { status: 201, body: { ...bookingOf({ slotStart: start, checkInOpensAt: start - 30 * MINUTE, checkInClosesAt: start + 15 * MINUTE }), trackingUrl: `http://hall/visitor/track/?code=${CODE}` } };
    },
    [`GET /public/bookings/${CODE}`]: () => ({ status: 200, body: bookingOf() }),
    [`POST /public/bookings/${CODE}/cancel`]: (r) =>
      (r.body as { phoneLast4: string }).phoneLast4 === '7890'
        ? { status: 200, body: bookingOf({ status: 'cancelled' }) }
        : error(403, 'phone_mismatch', 'These are not the last 4 digits of the phone number this booking was made with.', 'phoneLast4'),
    [`GET /track/${CODE}`]: () => ({ status: 200, body: trackOf({ status: 'done', peopleAhead: null, estimatedWaitMinutes: null, counterNumber: 3 }) }),
    [`GET /track/${CODE}/stream`]: () => ({ status: 200, body: '' }),
    'POST /public/skm': () => ({ status: 201, body: { id: 1, ticketNumber: 'A-012', serviceName: 'Perekaman KTP-el', createdAt: NOW } }),
  };
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).replace(/^.*\/api\/v1/, '');
    const request: SeenRequest = {
      method: init?.method ?? 'GET',
      path,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: new Headers(init?.headers),
    };
    requests.push(request);
    const route = routes[`${request.method} ${path.split('?')[0]}`];
    const answer = route ? await route(request) : error(404, 'no_such_route', `no ${request.method} ${path}`);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const headers = new Headers(answer.headers ?? {});
    return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, headers, text: async () => text } as Response;
  }) as typeof fetch;
  return { requests, routes, fakeFetch, sent: (method: string, prefix: string) => requests.filter((r) => r.method === method && r.path.startsWith(prefix)) };
}

/** A fake EventSource: the test sends states, drops the connection or closes it for good. */
export class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }

  static get last(): FakeEventSource {
    const last = FakeEventSource.all.at(-1);
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  /** The server sends a state (`event: track`). */
  send(data: TrackStreamData | string): void {
    this.readyState = 1;
    const event = new MessageEvent('track', { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const listener of this.listeners.get('track') ?? []) listener(event);
  }

  /** The connection dropped; `reconnecting`: the browser tries again by itself, else it gave up. */
  fail(reconnecting: boolean): void {
    this.readyState = reconnecting ? 0 : 2;
    this.onerror?.(new Event('error'));
  }
}
