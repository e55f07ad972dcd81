import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

/**
 * Every role × every route: allowed, or refused with 401 (nobody identified) / 403 (wrong role or
 * device). "Allowed" means the request got past the access check: whatever it answers then
 * (200, 204, 404 for an unknown ticket, 409 for a state conflict) is not an access refusal.
 */
type Who = 'anonymous' | 'counterPc' | 'kiosk' | 'board' | 'officer' | 'otherOfficer' | 'supervisor' | 'technician' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'counterPc', 'kiosk', 'board', 'officer', 'otherOfficer', 'supervisor', 'technician', 'admin'];
const ALL_BUT_ANONYMOUS = EVERYONE.filter((w) => w !== 'anonymous');

const TICKET = '00000000-0000-4000-8000-000000000000';
const LEASE = { leaseEpoch: 1 };

// The table: route → who may call it. Officers act for the counter they signed in at (loket-1).
const ROUTES: [method: string, path: string, body: unknown, allowed: Who[]][] = [
  ['GET', '/health', undefined, EVERYONE],
  ['GET', '/track/ABCDEFGH', undefined, EVERYONE],
  ['POST', '/devices/enroll', { code: 'AAAA-BBBB', name: 'x' }, EVERYONE],
  ['POST', '/sessions', { username: 'nobody', pin: '0000' }, EVERYONE],
  ['DELETE', '/sessions/current', undefined, ['officer', 'otherOfficer', 'supervisor', 'technician', 'admin']],
  ['GET', '/config', undefined, ALL_BUT_ANONYMOUS],
  ['POST', '/admin/enroll-codes', { kind: 'kiosk' }, ['admin']],
  ['POST', '/admin/users', { username: 'x', name: 'x', role: 'officer', pin: 'bad' }, ['admin']],
  ['POST', '/tickets', { serviceId: 'ktp-el', channel: 'kiosk' }, ['kiosk', 'officer', 'otherOfficer', 'supervisor', 'admin']],
  ['GET', '/queue', undefined, ['counterPc', 'officer', 'otherOfficer', 'supervisor', 'admin']],
  ['GET', '/counters', undefined, ['counterPc', 'board', 'officer', 'otherOfficer', 'supervisor', 'admin']],
  ['GET', '/board', undefined, ['counterPc', 'kiosk', 'board', 'officer', 'otherOfficer', 'supervisor', 'admin']],
  ['POST', '/counters/loket-1/open', { serviceIds: ['ktp-el'] }, ['officer']],
  ['POST', '/counters/loket-1/pause', { reason: 'break' }, ['officer']],
  ['POST', '/counters/loket-1/resume', {}, ['officer']],
  ['POST', '/counters/loket-1/call-next', undefined, ['officer']],
  ['POST', '/counters/loket-1/call', { ticketId: TICKET }, ['officer']],
  ['POST', '/counters/loket-1/close', {}, ['officer']],
  ['POST', `/tickets/${TICKET}/recall`, LEASE, ['officer', 'otherOfficer']],
  ['POST', `/tickets/${TICKET}/start`, LEASE, ['officer', 'otherOfficer']],
  ['POST', `/tickets/${TICKET}/finish`, { ...LEASE, outcome: 'served' }, ['officer', 'otherOfficer']],
  ['POST', `/tickets/${TICKET}/no-show`, LEASE, ['officer', 'otherOfficer']],
  ['POST', `/tickets/${TICKET}/return`, LEASE, ['officer', 'otherOfficer']],
  ['POST', `/tickets/${TICKET}/transfer`, { ...LEASE, toServiceId: 'kk', reason: 'x' }, ['officer', 'otherOfficer']],
  ['POST', `/tickets/${TICKET}/reactivate`, undefined, ['supervisor', 'admin']],
  ['POST', `/tickets/${TICKET}/cancel`, undefined, ['supervisor', 'admin']],
  // The visitor's side (core/visitor-api.ts). Bodies are refused after the access check, so nothing is stored.
  ['GET', '/public/services', undefined, EVERYONE],
  ['GET', '/public/services/ktp-el/slots?date=2025-03-10', undefined, EVERYONE],
  ['POST', '/public/bookings', { serviceId: 'ktp-el' }, EVERYONE],
  ['GET', '/public/bookings/ZZZZZZZZ', undefined, EVERYONE],
  ['POST', '/public/bookings/ZZZZZZZZ/cancel', { phoneLast4: '0000' }, EVERYONE],
  ['GET', '/track/ZZZZZZZZ/stream', undefined, EVERYONE],
  ['POST', '/public/skm', { trackingCode: 'ZZZZZZZZ' }, EVERYONE],
  ['POST', '/bookings/ZZZZZZZZ/check-in', {}, ['kiosk', 'supervisor', 'admin']],
  ['GET', '/reports/ikm?from=2025-03-01&to=2025-03-31', undefined, ['supervisor', 'admin']],
  ['GET', '/reports/ikm.xlsx?from=2025-03-01', undefined, ['supervisor', 'admin']], // 400 after the check: the helper reads JSON
  ['POST', '/counters/loket-1/quick-rating', { value: 9 }, ['officer']],
  ['GET', '/admin/services/ktp-el/info', undefined, ['admin']],
  ['PUT', '/admin/services/ktp-el/info', { cost: 'Gratis' }, ['admin']],
  ['GET', '/admin/holidays', undefined, ['admin']],
  ['PUT', '/admin/holidays', { holidays: 'none' }, ['admin']],
  ['GET', '/admin/webhook', undefined, ['admin']],
  ['PUT', '/admin/webhook', { enabled: 'yes' }, ['admin']],
  // Kiosk printers (core/kiosk-printing.ts). Bad bodies are refused after the access check.
  ['GET', '/kiosk/printer', undefined, ['kiosk']],
  ['PUT', '/kiosk/printer', { kind: 'usb' }, ['kiosk']],
  ['POST', '/kiosk/printer/test', undefined, ['kiosk']],
  ['POST', `/tickets/${TICKET}/print`, undefined, ['kiosk']],
  ['GET', '/admin/kiosks', undefined, ['technician', 'admin']],
  ['PUT', '/admin/kiosks/no-such-kiosk/printer', { kind: 'usb' }, ['technician', 'admin']],
];

describe('role matrix: every role × every route', () => {
  let hall: TestHall;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    hall = await startTestHall();
    const pc1 = await hall.enroll('counter', 'loket-1');
    const pc2 = await hall.enroll('counter', 'loket-2');
    tokens.counterPc = pc1;
    tokens.kiosk = await hall.enroll('kiosk');
    tokens.board = await hall.enroll('board');
    tokens.officer = await hall.login('petugas01', pc1);
    tokens.otherOfficer = await hall.login('petugas02', pc2);
    tokens.supervisor = await hall.login('supervisor');
    tokens.technician = await hall.login('teknisi', pc1);
    tokens.admin = await hall.login('admin');
  });
  afterAll(() => hall.close());

  const cases = ROUTES.flatMap(([method, path, _body, allowed]) =>
    EVERYONE.map((who) => [`${method} ${path}`, who, allowed.includes(who)] as const),
  );

  it.each(cases)('%s as %s → allowed: %s', async (route, who, allowed) => {
    const [method, path] = route.split(' ') as [string, string];
    const body = ROUTES.find(([m, p]) => m === method && p === path)?.[2];
    // Sign-out would end the session the other cases use: sign in afresh for it.
    const token = route === 'DELETE /sessions/current' && who !== 'anonymous' && tokens[who]?.startsWith('lss_')
      ? await freshSession(hall, who)
      : (tokens[who] ?? null);
    const res = await hall.api<{ error?: { code: string } }>(method, path, { token, body });
    const code = res.body?.error?.code;
    if (allowed) {
      expect(code === 'unauthorized' || code === 'forbidden', `${route} as ${who}: ${res.status} ${JSON.stringify(res.body)}`).toBe(false);
    } else {
      expect(res.status, `${route} as ${who}: ${JSON.stringify(res.body)}`).toBe(who === 'anonymous' ? 401 : 403);
      expect(code).toBe(who === 'anonymous' ? 'unauthorized' : 'forbidden');
    }
  });
});

async function freshSession(hall: TestHall, who: Who): Promise<string> {
  const user = { officer: 'petugas01', otherOfficer: 'petugas02', supervisor: 'supervisor', technician: 'teknisi', admin: 'admin' }[who as 'officer'];
  const device = who === 'officer' || who === 'technician' ? await hall.enroll('counter', 'loket-1') : who === 'otherOfficer' ? await hall.enroll('counter', 'loket-2') : null;
  return hall.login(user, device);
}
