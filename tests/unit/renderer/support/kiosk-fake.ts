/**
 * A FAKE hall server behind a fake fetch for the kiosk's DOM tests of check-in and printing: the
 * hall configuration, tickets (with what became of their print), booking check-in, the booking
 * lookup, reprints and the kiosk's printer. Each route's answer can be replaced by a test; every
 * request is recorded.
 */

export const NOW = Date.UTC(2025, 2, 10, 2, 0, 0); // Monday 10 March 2025, 09:00 in Asia/Jakarta

export const CONFIG = {
  hall: { id: 'mpp', name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
  agencies: [{ id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1565c0' }],
  services: [
    {
      id: 'ktp', agencyId: 'dukcapil', name: 'Perekaman KTP-el', prefix: 'A', requirements: 'Fotokopi Kartu Keluarga',
      cost: 'Gratis', timeStandard: '15 menit', targetWaitMinutes: 15, targetServiceMinutes: 10, dailyQuota: 150,
    },
    {
      id: 'kk', agencyId: 'dukcapil', name: 'Perubahan Kartu Keluarga', prefix: 'B', requirements: '',
      targetWaitMinutes: 20, targetServiceMinutes: 15, openingHours: { days: [1, 2, 3, 4, 5], open: '13:00', close: '15:00' },
    },
  ],
  counters: [],
};

export const ENROLLED = { 'loket.device.kiosk': JSON.stringify({ deviceId: 'dev-k1', token: 'ldv_kiosk', kind: 'kiosk' }) };

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

export type FakeAnswer = { status: number; body: unknown } | 'network';

export const ticketBody = (over: Record<string, unknown> = {}) => ({
  id: '0b7c2f5e-8a41-4b8e-9a0f-000000000012',
  serviceId: 'ktp',
  number: 'A-012',
  serviceDay: '2025-03-10',
  channel: 'kiosk',
  priority: 'normal',
  status: 'waiting',
  counterId: null,
  officerId: null,
  callCount: 0,
  outcome: null,
  note: null,
  issuedAt: NOW,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  trackingCode: 'K7QX4M2P',
  peopleAhead: 3,
  ...over,
});

export const bookingBody = (over: Record<string, unknown> = {}) => ({
  code: 'K7QX4M2P',
  qrPayload: 'K7QX4M2P',
  trackingCode: 'K7QX4M2P',
  status: 'booked',
  serviceId: 'ktp',
  serviceName: 'Perekaman KTP-el',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  date: '2025-03-10',
  slotStart: Date.UTC(2025, 2, 10, 3, 0), // 10:00
  slotEnd: Date.UTC(2025, 2, 10, 3, 30),
  slotTime: '10:00',
  checkInOpensAt: Date.UTC(2025, 2, 10, 2, 30), // 09:30
  checkInClosesAt: Date.UTC(2025, 2, 10, 3, 15), // 10:15
  phoneMasked: '+62812****7890',
  createdAt: NOW - 86_400_000,
  ticket: null,
  ...over,
});

const err = (status: number, code: string, message: string): FakeAnswer => ({ status, body: { error: { code, message } } });

export function createKioskFake() {
  const requests: SeenRequest[] = [];
  const fake = {
    requests,
    print: { kind: 'none' } as unknown,
    tickets: (body: { serviceId: string; priority: string }): FakeAnswer | Promise<FakeAnswer> => ({
      status: 201,
      body: { ...ticketBody({ serviceId: body.serviceId, priority: body.priority }), print: fake.print },
    }),
    checkIn: (code: string, body: { priority: string }): FakeAnswer | Promise<FakeAnswer> => ({
      status: 201,
      body: {
        ticket: ticketBody({ channel: 'online', priority: body.priority, trackingCode: code, number: 'A-004' }),
        booking: bookingBody({ code, status: 'checked_in' }),
        visitorName: 'Siti Aminah',
        print: fake.print,
      },
    }),
    booking: (code: string): FakeAnswer => ({ status: 200, body: bookingBody({ code }) }),
    reprint: (_ticketId: string): FakeAnswer | Promise<FakeAnswer> => ({ status: 200, body: { print: { kind: 'network', ok: true, paper: 80 } } }),
    printer: { kind: 'none' } as unknown,
    savePrinter: (body: unknown): FakeAnswer => {
      fake.printer = body;
      return { status: 200, body: { deviceId: 'dev-k1', name: 'Kiosk 1', printer: body, updatedAt: NOW } };
    },
    testPrint: (): FakeAnswer => ({ status: 200, body: { print: { kind: 'network', ok: true, paper: 80 } } }),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).replace(/^.*\/api\/v1/, '');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      requests.push({ method, path, body });
      const route = `${method} ${path}`;
      const param = (pattern: RegExp): string | null => {
        const found = pattern.exec(route)?.[1];
        return found === undefined ? null : decodeURIComponent(found);
      };
      const checkInCode = param(/^POST \/bookings\/([^/]+)\/check-in$/);
      const bookingCode = param(/^GET \/public\/bookings\/([^/]+)$/);
      const reprintId = param(/^POST \/tickets\/([^/]+)\/print$/);
      const answer: FakeAnswer = await (route === 'GET /config'
        ? { status: 200, body: CONFIG }
        : route === 'POST /tickets'
          ? fake.tickets(body)
          : checkInCode !== null
            ? fake.checkIn(checkInCode, body)
            : bookingCode !== null
              ? fake.booking(bookingCode)
              : reprintId !== null
                ? fake.reprint(reprintId)
                : route === 'GET /kiosk/printer'
                  ? { status: 200, body: { deviceId: 'dev-k1', name: 'Kiosk 1', printer: fake.printer, updatedAt: null } }
                  : route === 'PUT /kiosk/printer'
                    ? fake.savePrinter(body)
                    : route === 'POST /kiosk/printer/test'
                      ? fake.testPrint()
                      : err(404, 'no_such_route', `no ${route}`));
      if (answer === 'network') throw new TypeError('Failed to fetch');
      const text = JSON.stringify(answer.body);
      return { status: answer.status, text: async () => text } as Response;
    }) as typeof fetch,
    err,
  };
  return fake;
}
