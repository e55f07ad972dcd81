import { describe, expect, it } from 'vitest';
import { decodeEscPos, printedLines } from '../../../core/escpos-decode.ts';
import { encodeTicket } from '../../../core/escpos.ts';
import { KioskIssuedTicketSchema, PrinterSettingSchema, PrintOutcomeSchema, ticketPrint, ticketTimeText } from '../../../core/kiosk-printing.ts';

describe('kiosk printing: the contract', () => {
  it('printer settings: network (port 9100 by default), browser, none; nothing else', () => {
    expect(PrinterSettingSchema.parse({ kind: 'network', host: ' 192.168.1.50 ', paper: 58 })).toEqual({ kind: 'network', host: '192.168.1.50', port: 9100, paper: 58 });
    expect(PrinterSettingSchema.parse({ kind: 'network', host: 'printer-1.mpp.lan', port: 9101, paper: 80 }).kind).toBe('network');
    expect(PrinterSettingSchema.parse({ kind: 'browser', paper: 80 })).toEqual({ kind: 'browser', paper: 80 });
    expect(PrinterSettingSchema.parse({ kind: 'none' })).toEqual({ kind: 'none' });
    for (const bad of [
      { kind: 'network', host: '192.168.1.50:9100', paper: 80 },
      { kind: 'network', host: 'http://printer', paper: 80 },
      { kind: 'network', host: '', paper: 80 },
      { kind: 'network', host: '10.0.0.5', port: 22, paper: 80 },
      { kind: 'network', host: '10.0.0.5', port: 70000, paper: 80 },
      { kind: 'browser', paper: 76 },
      { kind: 'browser', paper: '80' },
      { kind: 'serial', path: '/dev/ttyUSB0' },
      { kind: 'none', paper: 80 },
    ]) {
      expect(PrinterSettingSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('print outcomes: told apart by kind and, for a network printer, by ok', () => {
    expect(PrintOutcomeSchema.parse({ kind: 'network', ok: true, paper: 80 })).toEqual({ kind: 'network', ok: true, paper: 80 });
    expect(PrintOutcomeSchema.parse({ kind: 'network', ok: false, error: { code: 'printer_timeout', message: 'x' } }).kind).toBe('network');
    expect(PrintOutcomeSchema.safeParse({ kind: 'network', ok: true }).success).toBe(false);
    expect(PrintOutcomeSchema.safeParse({ kind: 'network', ok: false, error: { code: 'paper_out', message: 'x' } }).success).toBe(false);
    const ticket = {
      id: '0b7c2f5e-8a41-4b8e-9a0f-000000000012', serviceId: 'ktp', number: 'A-012', serviceDay: '2025-03-10', channel: 'kiosk', priority: 'normal',
      status: 'waiting', counterId: null, officerId: null, callCount: 0, outcome: null, note: null, issuedAt: 1, calledAt: null, startedAt: null,
      finishedAt: null, trackingCode: 'K7QX4M2P', peopleAhead: 0,
    };
    expect(KioskIssuedTicketSchema.parse(ticket).print).toBeUndefined();
    expect(KioskIssuedTicketSchema.parse({ ...ticket, print: { kind: 'browser', paper: 58 } }).print).toEqual({ kind: 'browser', paper: 58 });
  });

  it('the printed time is the hall zone’s, day first, 24-hour', () => {
    expect(ticketTimeText(Date.UTC(2025, 2, 10, 2, 5), 'Asia/Jakarta')).toBe('10/03/2025 09:05');
    expect(ticketTimeText(Date.UTC(2025, 2, 10, 16, 30), 'Asia/Jakarta')).toBe('10/03/2025 23:30');
    expect(ticketTimeText(Date.UTC(2025, 2, 10, 16, 30), 'Asia/Makassar')).toBe('11/03/2025 00:30');
  });

  it('a ticket print links its tracking page and survey on the origin the kiosk uses, and encodes', () => {
    const print = ticketPrint({
      hallName: 'MPP Kabupaten Lebong', agencyName: 'Disdukcapil', serviceName: 'Perekaman KTP-el', number: 'A-012', issuedAt: Date.UTC(2025, 2, 10, 2, 5),
      timeZone: 'Asia/Jakarta', peopleAhead: 4, trackingCode: 'K7QX4M2P', origin: 'https://192.168.1.10:7420/', paper: 58,
    });
    expect(print).toMatchObject({
      issuedAt: '10/03/2025 09:05',
      trackingUrl: 'https://192.168.1.10:7420/visitor/track/?code=K7QX4M2P',
      skmUrl: 'https://192.168.1.10:7420/visitor/skm/?code=K7QX4M2P',
    });
    const ops = decodeEscPos(encodeTicket(print));
    expect(ops.find((op) => op.kind === 'qr')).toMatchObject({ data: print.trackingUrl });
    expect(printedLines(ops).filter((l) => l.w > 1).map((l) => l.text)).toEqual(['A-012']);
  });
});
