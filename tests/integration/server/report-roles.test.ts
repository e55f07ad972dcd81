import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../../core/api.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

/**
 * Reports and the live dashboard are for supervisors and admins: every other role and every
 * device is refused (403), and nobody identified gets 401 — on every report route, exports
 * included. Table-driven, like role-matrix.test.ts.
 */
type Who = 'anonymous' | 'counterPc' | 'kiosk' | 'board' | 'officer' | 'technician' | 'supervisor' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'counterPc', 'kiosk', 'board', 'officer', 'technician', 'supervisor', 'admin'];
const ALLOWED: Who[] = ['supervisor', 'admin'];

const RANGE = 'from=2025-03-01&to=2025-03-31';
const ROUTES = [
  `/reports?${RANGE}`,
  `/reports?${RANGE}&groupBy=hour&agencyId=disdukcapil`,
  `/reports/export.csv?${RANGE}&groupBy=officer`,
  `/reports/export.xlsx?${RANGE}`,
  '/dashboard/live',
];

describe('report routes: who may read them', () => {
  let hall: TestHall;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    hall = await startTestHall();
    const pc = await hall.enroll('counter', 'loket-1');
    tokens.counterPc = pc;
    tokens.kiosk = await hall.enroll('kiosk');
    tokens.board = await hall.enroll('board');
    tokens.officer = await hall.login('petugas01', pc);
    tokens.technician = await hall.login('teknisi', pc);
    tokens.supervisor = await hall.login('supervisor');
    tokens.admin = await hall.login('admin');
  });
  afterAll(() => hall.close());

  const cases = ROUTES.flatMap((path) => EVERYONE.map((who) => [path, who, ALLOWED.includes(who)] as const));

  it.each(cases)('GET %s as %s → allowed: %s', async (path, who, allowed) => {
    const token = tokens[who];
    const res = await fetch(`${hall.server.url}${API_BASE}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body = Buffer.from(await res.arrayBuffer());
    if (allowed) {
      expect(res.status, `${path} as ${who}: ${body.toString().slice(0, 200)}`).toBe(200);
    } else {
      expect(res.status, `${path} as ${who}`).toBe(who === 'anonymous' ? 401 : 403);
      expect((JSON.parse(body.toString()) as { error: { code: string } }).error.code).toBe(who === 'anonymous' ? 'unauthorized' : 'forbidden');
    }
  });
});
