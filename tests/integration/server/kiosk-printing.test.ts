import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '../../../core/api.ts';
import { decodeEscPos, printedLines } from '../../../core/escpos-decode.ts';
import type { KioskCheckInResponse, KioskIssuedTicket, KioskPrinter, PrintOutcome } from '../../../core/kiosk-printing.ts';
import type { CreateBookingResponse } from '../../../core/visitor-api.ts';
import { KioskPrinting } from '../../../server/printing/kiosk-printing.ts';
import { startFakePrinter, type FakePrinter } from '../../support/fake-printer.ts';
import { dumpDatabase, startTestHall, type TestHall } from '../../support/hall-server.ts';

type Err = { error: { code: string; message: string; field?: string } };

/** Monday 10 March 2025, 08:40 in Jakarta: the 09:00 booking slot can be checked in. */
const MON_0840 = Date.UTC(2025, 2, 10, 1, 40);

/** What a printer would print of a job: its text lines and QR codes. */
function readJob(job: Uint8Array) {
  const ops = decodeEscPos(job);
  return {
    lines: printedLines(ops).map((l) => l.text),
    big: printedLines(ops).filter((l) => l.w > 1).map((l) => l.text),
    qr: ops.flatMap((op) => (op.kind === 'qr' ? [op.data] : [])),
    cut: ops.some((op) => op.kind === 'cut'),
  };
}

describe('kiosk printing over HTTP (network ESC/POS printer, browser, none)', () => {
  let hall: TestHall;
  let printer: FakePrinter;
  let kiosk: string;
  let kioskId: string;
  let admin: string;
  let officer: string;
  const clock = { now: MON_0840 };

  const issue = (token: string | null = kiosk) => hall.api<KioskIssuedTicket & Err>('POST', '/tickets', { token, body: { serviceId: 'ktp-el' } });
  const setOwnPrinter = (body: unknown) => hall.api<KioskPrinter & Err>('PUT', '/kiosk/printer', { token: kiosk, body });

  beforeAll(async () => {
    hall = await startTestHall({ now: () => clock.now });
    printer = await startFakePrinter();
    kiosk = await hall.enroll('kiosk');
    kioskId = (hall.server.ctx.auth.authenticate(kiosk) as { deviceId: string }).deviceId;
    admin = await hall.login('admin');
    officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
  });
  afterAll(async () => {
    await printer.close();
    await hall.close();
  });

  it('a new kiosk prints nothing until a printer is set', async () => {
    const own = await hall.api<KioskPrinter>('GET', '/kiosk/printer', { token: kiosk });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ deviceId: kioskId, name: 'test kiosk', printer: { kind: 'none' }, updatedAt: null });
    const res = await issue();
    expect(res.status).toBe(201);
    expect(res.body.print).toEqual({ kind: 'none' });
  });

  it('refuses a bad printer setting clearly, storing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'network', host: 'http://192.168.1.50', paper: 80 }, 'host'],
      [{ kind: 'network', host: '192.168.1.50', port: 80, paper: 80 }, 'port'],
      [{ kind: 'network', host: '192.168.1.50', port: 9100, paper: 57 }, 'paper'],
      [{ kind: 'browser' }, 'paper'],
      [{ kind: 'usb', paper: 80 }, 'kind'],
      [{ kind: 'none', host: 'x' }, ''],
    ];
    for (const [body, field] of cases) {
      const before = dumpDatabase(hall);
      const res = await setOwnPrinter(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (field) expect(res.body.error.field, JSON.stringify(res.body)).toBe(field);
      expect(dumpDatabase(hall)).toEqual(before);
    }
  });

  it('with a network printer, POST /tickets prints the ticket: number large, QR code of the tracking page, survey link', async () => {
    const set = await setOwnPrinter({ kind: 'network', host: printer.host, port: printer.port, paper: 80 });
    expect(set.status).toBe(200);
    expect(set.body.printer).toEqual({ kind: 'network', host: '127.0.0.1', port: printer.port, paper: 80 });
    expect(set.body.updatedAt).toBe(MON_0840);

    const res = await issue();
    expect(res.status).toBe(201);
    expect(res.body.print).toEqual({ kind: 'network', ok: true, paper: 80 });
    const job = readJob(await printer.nextJob());
    const tracking = `${hall.server.url}/visitor/track/?code=${res.body.trackingCode}`;
    expect(job.qr).toEqual([tracking]);
    expect(job.big).toEqual([res.body.number]);
    expect(job.lines).toEqual(
      expect.arrayContaining([
        'MPP Kabupaten Lebong',
        'Perekaman & Cetak KTP-el',
        '10/03/2025 08:40',
        `Menunggu di depan: ${res.body.peopleAhead} orang`,
      ]),
    );
    // long addresses wrap across lines on the paper
    expect(job.lines.join('')).toContain(tracking);
    expect(job.lines.join('')).toContain(`${hall.server.url}/visitor/skm/?code=${res.body.trackingCode}`);
    expect(job.cut).toBe(true);
  });

  it('checking a booking in at that kiosk prints its ticket too, with the booking code as tracking code', async () => {
    const booked = await hall.api<CreateBookingResponse>('POST', '/public/bookings', {
      body: { serviceId: 'ktp-el', date: '2025-03-10', slotStart: Date.UTC(2025, 2, 10, 2, 0), name: 'Siti Aminah', phone: '081234567890' },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const res = await hall.api<KioskCheckInResponse>('POST', `/bookings/${booked.body.code}/check-in`, { token: kiosk, body: { priority: 'priority' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.print).toEqual({ kind: 'network', ok: true, paper: 80 });
    const job = readJob(await printer.nextJob());
    expect(job.big).toEqual([res.body.ticket.number]);
    expect(job.qr).toEqual([`${hall.server.url}/visitor/track/?code=${booked.body.code}`]);
    // the visitor's name and phone are not printed
    expect(job.lines.join('\n')).not.toMatch(/Siti|0812|\+62/);
  });

  it('a printer that does not answer: the ticket is still issued, the kiosk is told what failed; a reprint works once it is back', async () => {
    const port = printer.port;
    await printer.close();
    const res = await issue();
    expect(res.status).toBe(201);
    expect(res.body.print).toMatchObject({ kind: 'network', ok: false, error: { code: 'printer_unreachable' } });
    expect(hall.server.ctx.queue.ticket(res.body.id)?.status).toBe('waiting');

    printer = await startFakePrinter(port);
    const again = await hall.api<{ print: PrintOutcome }>('POST', `/tickets/${res.body.id}/print`, { token: kiosk });
    expect(again.status).toBe(200);
    expect(again.body.print).toEqual({ kind: 'network', ok: true, paper: 80 });
    const job = readJob(await printer.nextJob());
    expect(job.big).toEqual([res.body.number]);
  });

  it('reprints only waiting or called tickets, only for kiosks', async () => {
    expect((await hall.api<Err>('POST', '/tickets/00000000-0000-4000-8000-000000000000/print', { token: kiosk })).body.error.code).toBe('not_found');
    expect((await hall.api<Err>('POST', '/tickets/not-a-uuid/print', { token: kiosk })).status).toBe(400);
    const taken = (await issue()).body;
    await printer.nextJob();
    expect((await hall.api<Err>('POST', `/tickets/${taken.id}/print`, { token: officer })).status).toBe(403);
    const open = await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } });
    expect(open.status).toBe(200);
    const called = await hall.api<{ ticket: IssuedTicket; leaseEpoch: number }>('POST', '/counters/loket-1/call', { token: officer, body: { ticketId: taken.id } });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect((await hall.api<Err>('POST', `/tickets/${taken.id}/start`, { token: officer, body: { leaseEpoch: called.body.leaseEpoch } })).status).toBe(200);
    expect((await hall.api<Err>('POST', `/tickets/${taken.id}/finish`, { token: officer, body: { leaseEpoch: called.body.leaseEpoch, outcome: 'served' } })).status).toBe(200);
    const done = await hall.api<Err>('POST', `/tickets/${taken.id}/print`, { token: kiosk });
    expect(done.status).toBe(409);
    expect(done.body.error.code).toBe('ticket_not_printable');
  });

  it('staff taking a ticket get no print answer; a test page prints from the setup screen', async () => {
    const staff = await issue(officer);
    expect(staff.status).toBe(201);
    expect(staff.body).not.toHaveProperty('print');

    const test = await hall.api<{ print: PrintOutcome }>('POST', '/kiosk/printer/test', { token: kiosk });
    expect(test.body.print).toEqual({ kind: 'network', ok: true, paper: 80 });
    const job = readJob(await printer.nextJob());
    expect(job.big).toEqual(['UJI']);
    expect(job.lines).toEqual(expect.arrayContaining(['test kiosk', 'Uji cetak 80 mm']));
  });

  it('an admin lists the kiosks and sets one to print in the browser on 58 mm paper', async () => {
    const list = await hall.api<{ kiosks: KioskPrinter[] }>('GET', '/admin/kiosks', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.kiosks).toEqual([expect.objectContaining({ deviceId: kioskId, printer: { kind: 'network', host: '127.0.0.1', port: printer.port, paper: 80 } })]);

    const set = await hall.api<KioskPrinter>('PUT', `/admin/kiosks/${kioskId}/printer`, { token: admin, body: { kind: 'browser', paper: 58 } });
    expect(set.status).toBe(200);
    expect(set.body.printer).toEqual({ kind: 'browser', paper: 58 });
    expect((await hall.api('PUT', '/admin/kiosks/no-such-kiosk/printer', { token: admin, body: { kind: 'none' } })).status).toBe(404);
    const board = hall.server.ctx.auth.authenticate(await hall.enroll('board')) as { deviceId: string };
    expect((await hall.api('PUT', `/admin/kiosks/${board.deviceId}/printer`, { token: admin, body: { kind: 'none' } })).status).toBe(404);

    const jobsBefore = printer.jobs.length;
    const res = await issue();
    expect(res.body.print).toEqual({ kind: 'browser', paper: 58 });
    expect(printer.jobs.length).toBe(jobsBefore);
  });

  it('a failed print is logged with the kiosk and the printer only: no number, code or visitor', async () => {
    await hall.api('PUT', `/admin/kiosks/${kioskId}/printer`, { token: admin, body: { kind: 'network', host: '10.1.2.3', port: 9100, paper: 58 } });
    const warned: string[] = [];
    const sent: Uint8Array[] = [];
    const printing = new KioskPrinting({
      db: hall.server.ctx.db,
      queue: hall.server.ctx.queue,
      send: async (_target, bytes) => {
        sent.push(bytes);
        return { ok: false, code: 'printer_timeout', message: 'The printer at 10.1.2.3:9100 did not answer within 4000 ms.' };
      },
      warn: (message) => warned.push(message),
    });
    const ticket = (await issue(officer)).body;
    const principal = { kind: 'device', deviceId: kioskId, deviceKind: 'kiosk', counterId: null } as const;
    const outcome = await printing.afterIssue(principal, ticket, 'http://192.168.1.10:7420');
    expect(outcome).toEqual({ kind: 'network', ok: false, error: { code: 'printer_timeout', message: expect.stringContaining('10.1.2.3:9100') } });
    expect(sent).toHaveLength(1);
    expect(readJob(sent[0] as Uint8Array).qr).toEqual([`http://192.168.1.10:7420/visitor/track/?code=${ticket.trackingCode}`]);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain(kioskId);
    expect(warned[0]).toContain('10.1.2.3:9100');
    expect(warned[0]).not.toContain(ticket.number);
    expect(warned[0]).not.toContain(ticket.trackingCode);
    expect(await printing.afterIssue({ ...principal, deviceKind: 'board' }, ticket, 'http://x')).toBeUndefined();
  });
});
