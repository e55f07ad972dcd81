import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallNextResponse, IssuedTicket } from '../../../core/api.ts';
import type { IkmReport } from '../../../core/visitor-api.ts';
import { dumpDatabase, startTestHall, type TestHall } from '../../support/hall-server.ts';

type Err = { error: { code: string; message: string; field?: string } };

const MON_0900 = Date.UTC(2025, 2, 10, 2, 0);
const all = (n: number) => ({ u1: n, u2: n, u3: n, u4: n, u5: n, u6: n, u7: n, u8: n, u9: n });

describe('SKM survey, IKM report and quick ratings', () => {
  let hall: TestHall;
  const clock = MON_0900;
  let kiosk: string;
  let officer: string;
  let supervisor: string;
  const served: Record<string, IssuedTicket> = {};
  let waiting: IssuedTicket;

  const serve = async (serviceId: string): Promise<IssuedTicket> => {
    const t = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId } })).body;
    const call = (await hall.api<CallNextResponse>('POST', '/counters/loket-1/call', { token: officer, body: { ticketId: t.id } })).body;
    await hall.api('POST', `/tickets/${t.id}/start`, { token: officer, body: { leaseEpoch: call.leaseEpoch } });
    const done = await hall.api('POST', `/tickets/${t.id}/finish`, { token: officer, body: { leaseEpoch: call.leaseEpoch, outcome: 'served' } });
    expect(done.status).toBe(200);
    return t;
  };
  const survey = (body: Record<string, unknown>) => hall.api<{ id: number; ticketNumber: string } & Err>('POST', '/public/skm', { body });
  const refusedUnchanged = async (body: Record<string, unknown>, status: number, code: string, field?: string) => {
    const before = dumpDatabase(hall);
    const res = await survey(body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(20);
    if (field !== undefined) expect(res.body.error.field).toBe(field);
    expect(dumpDatabase(hall)).toEqual(before);
  };
  const report = (query: string) => hall.api<IkmReport & Err>('GET', `/reports/ikm?${query}`, { token: supervisor });

  beforeAll(async () => {
    hall = await startTestHall({ now: () => clock });
    kiosk = await hall.enroll('kiosk');
    officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    supervisor = await hall.login('supervisor');
    await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el', 'kk'] } });
    served['ktp1'] = await serve('ktp-el');
    served['ktp2'] = await serve('ktp-el');
    served['kk'] = await serve('kk');
    waiting = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
  });
  afterAll(() => hall.close());

  it('takes one survey per finished ticket, by its tracking code', async () => {
    const first = await survey({
      trackingCode: served['ktp1']?.trackingCode.toLowerCase(),
      answers: all(4),
      profile: { ageGroup: '30-39', sex: 'Perempuan', education: 'S1', occupation: 'PNS' },
      comment: '  Pelayanan cepat dan ramah.  ',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ ticketNumber: served['ktp1']?.number, serviceName: 'Perekaman & Cetak KTP-el' });
    const row = hall.server.ctx.db.prepare('SELECT ticket_id, counter_id, u1, u9, sex, comment, source, raw FROM skm_responses').get();
    expect(row).toEqual({
      ticket_id: served['ktp1']?.id,
      counter_id: 'loket-1',
      u1: 4,
      u9: 4,
      sex: 'Perempuan',
      comment: 'Pelayanan cepat dan ramah.',
      source: 'link',
      raw: JSON.stringify({ answers: all(4), profile: { ageGroup: '30-39', sex: 'Perempuan', education: 'S1', occupation: 'PNS' }, comment: 'Pelayanan cepat dan ramah.' }),
    });
    expect((await survey({ trackingCode: served['ktp2']?.trackingCode, answers: { ...all(3), u4: 4 }, source: 'counter_tablet' })).status).toBe(201);
    expect((await survey({ trackingCode: served['kk']?.trackingCode, answers: all(2) })).status).toBe(201);
  });

  it('refuses bad surveys clearly, storing nothing', async () => {
    const code = served['ktp1']?.trackingCode;
    await refusedUnchanged({ trackingCode: code, answers: all(4) }, 409, 'already_answered', 'trackingCode');
    await refusedUnchanged({ trackingCode: 'ZZZZZZZZ', answers: all(4) }, 404, 'not_found', 'trackingCode');
    await refusedUnchanged({ trackingCode: waiting.trackingCode, answers: all(4) }, 409, 'not_finished', 'trackingCode');
    await refusedUnchanged({ trackingCode: waiting.trackingCode, answers: { ...all(4), u5: 5 } }, 400, 'invalid_request', 'answers.u5');
    const { u9: _u9, ...eight } = all(3);
    await refusedUnchanged({ trackingCode: waiting.trackingCode, answers: eight }, 400, 'invalid_request', 'answers.u9');
    await refusedUnchanged({ trackingCode: waiting.trackingCode }, 400, 'invalid_request', 'answers');
    await refusedUnchanged({ trackingCode: 'abc', answers: all(4) }, 400, 'invalid_request', 'trackingCode');
    await refusedUnchanged({ trackingCode: waiting.trackingCode, answers: all(4), profile: { sex: 'X' } }, 400, 'invalid_request', 'profile.sex');
    await refusedUnchanged({ trackingCode: waiting.trackingCode, answers: all(4), comment: 'x'.repeat(501) }, 400, 'invalid_request', 'comment');
  });

  it('reports NRR, IKM and grade per service and per agency, on hand-computed data', async () => {
    // KTP-el: 4×9 and (3×8 + 4) → 64 answers-points over 2×9 answers: IKM = 25 × 64 / 18 = 88,89 (A).
    // KK: 2×9 → 50,00 (D). Disdukcapil: 82 / 27 × 25 = 75,93 (C).
    const byService = await report('from=2025-03-10&to=2025-03-10&groupBy=service');
    expect(byService.status, JSON.stringify(byService.body)).toBe(200);
    const [ktp, kk] = byService.body.groups;
    expect(ktp).toMatchObject({ key: 'ktp-el', respondents: 2, ikm: 88.89, grade: { grade: 'A', label: 'Sangat Baik' } });
    expect(ktp?.elements.map((e) => e.nrr)).toEqual([3.5, 3.5, 3.5, 4, 3.5, 3.5, 3.5, 3.5, 3.5]);
    expect(ktp?.elements[3]).toMatchObject({ id: 'u4', name: 'Biaya/Tarif', total: 8, score: 100 });
    expect(ktp?.profile.ageGroup).toMatchObject({ '30-39': 1, '': 1 });
    expect(kk).toMatchObject({ key: 'kk', respondents: 1, ikm: 50, grade: { grade: 'D' } });
    expect(byService.body.total).toMatchObject({ respondents: 3, ikm: 75.93, grade: { grade: 'C' } });

    const byAgency = await report('from=2025-03-01&to=2025-03-31&groupBy=agency');
    expect(byAgency.body.groups).toHaveLength(1);
    expect(byAgency.body.groups[0]).toMatchObject({ key: 'disdukcapil', label: 'Dinas Kependudukan dan Pencatatan Sipil', respondents: 3, ikm: 75.93 });
    expect(byAgency.body.groups[0]?.elements[0]?.nrr).toBe(3);
    expect(byAgency.body.groups[0]?.elements[3]?.nrr).toBeCloseTo(10 / 3, 10);

    const empty = await report('from=2025-03-11&to=2025-03-12');
    expect(empty.body).toMatchObject({ groups: [], total: { respondents: 0, ikm: null, grade: null } });
    const backwards = await report('from=2025-03-12&to=2025-03-11');
    expect([backwards.status, backwards.body.error.field]).toEqual([400, 'to']);
  });

  it('exports the report as XLSX with the raw answers', async () => {
    const res = await fetch(`${hall.server.url}/api/v1/reports/ikm.xlsx?from=2025-03-10&to=2025-03-10`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('ikm-service-2025-03-10-2025-03-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['IKM', 'Unsur', 'Jawaban']);
    const ikm = wb.getWorksheet('IKM');
    const rows = (ikm?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(rows[2]?.slice(1, 3)).toEqual(['Perekaman & Cetak KTP-el (Dinas Kependudukan dan Pencatatan Sipil)', 2]);
    expect(rows[2]?.slice(12, 15)).toEqual([88.89, 'A', 'Sangat Baik']);
    expect(rows[4]?.slice(1, 3)).toEqual(['Total', 3]);
    expect(wb.getWorksheet('Jawaban')?.rowCount).toBe(4);
  });

  it('stores a quick rating from the pad apart from the IKM', async () => {
    const before = await report('from=2025-03-10&to=2025-03-10');
    const rate = (body: unknown, counter = 'loket-1') => hall.api<{ value: number; ticketId: string | null } & Err>('POST', `/counters/${counter}/quick-rating`, { token: officer, body });
    const ok = await rate({ value: 4, ticketId: served['kk']?.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ value: 4, ticketId: served['kk']?.id, counterId: 'loket-1', at: clock });
    expect((await rate({ value: 1 })).status).toBe(201);
    const dump = dumpDatabase(hall);
    expect([(await rate({ value: 5 })).body.error.field, (await rate({})).body.error.field]).toEqual(['value', 'value']);
    expect((await rate({ value: 3, ticketId: waiting.id })).body.error.code).toBe('not_your_ticket');
    expect((await rate({ value: 3, ticketId: '00000000-0000-4000-8000-000000000000' })).body.error.code).toBe('not_found');
    expect((await rate({ value: 3 }, 'loket-2')).status).toBe(403);
    expect(dumpDatabase(hall)).toEqual(dump);
    expect(hall.server.ctx.db.prepare('SELECT value FROM quick_ratings ORDER BY id').pluck().all()).toEqual([4, 1]);
    expect((await report('from=2025-03-10&to=2025-03-10')).body.total).toEqual(before.body.total);
  });
});
