import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startKioskApp } from '../../../renderer/kiosk/bootstrap.tsx';
import { ticketPageRule } from '../../../renderer/kiosk/ticket-page.ts';
import { alertTexts, field, interactions, memoryStorage, nameOf, settleFakeTimers as settle, typeInto, waitFakeTimers as wait } from './support/dom.ts';
import { createKioskFake, ENROLLED, NOW } from './support/kiosk-fake.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
const { press, click } = interactions(settle);
const print = vi.fn();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
  print.mockReset();
  window.print = print;
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
});

async function mount(fake = createKioskFake()) {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startKioskApp(container, { storage: memoryStorage(ENROLLED), fetch: fake.fetch });
  });
  await settle();
  return fake;
}

const button = (name: string | RegExp): HTMLButtonElement => {
  const all = Array.from(document.querySelectorAll('button'));
  const found = all.find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (!found) throw new Error(`no button ${String(name)}; have ${all.map(nameOf).join(' | ')}`);
  return found;
};
const heading = (): string => document.querySelector('main h2')?.textContent?.trim() ?? '';

async function takeKtp(): Promise<void> {
  await click(button(/^Disdukcapil/));
  await click(button(/^Kode nomor A Perekaman KTP-el/));
  await click(button('Ambil nomor antrean'));
}

describe('kiosk: the ticket and its print', () => {
  it('on screen: a QR code to the tracking page; no printer, no print message', async () => {
    await mount();
    await takeKtp();
    const qr = document.querySelector('.ticket-qr img');
    expect(qr?.getAttribute('alt')).toBe('Kode QR halaman pelacakan nomor A-012');
    expect(qr?.getAttribute('data-qr')).toBe(`${window.location.origin}/visitor/track/?code=K7QX4M2P`);
    expect(qr?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;/);
    expect(document.body.textContent).toContain('Pindai untuk melacak antrean dari ponsel');
    expect(document.querySelector('.print-status')).toBeNull();
    expect(document.querySelector('.print-ticket')).toBeNull();
    expect(print).not.toHaveBeenCalled();
  });

  it('a network printer took it: "Tiket sedang dicetak"', async () => {
    const fake = createKioskFake();
    fake.print = { kind: 'network', ok: true, paper: 80 };
    await mount(fake);
    await takeKtp();
    expect(document.querySelector('.print-ok-text')?.textContent).toBe('Tiket sedang dicetak. Ambil tiket Anda di bawah layar.');
    expect(document.querySelector('.reprint-button')).toBeNull();
  });

  it.each([
    ['printer_unreachable', 'Printer tidak menjawab: periksa kabel/daya printer, atau minta petugas.'],
    ['printer_timeout', 'Printer tidak menjawab: periksa kabel/daya dan kertas printer, atau minta petugas.'],
    ['printer_failed', 'Printer bermasalah: periksa kertas dan tutup printer, atau minta petugas.'],
  ])('%s: says what to do, keeps the ticket on screen longer, and "Cetak ulang" prints it again', async (code, text) => {
    const fake = createKioskFake();
    fake.print = { kind: 'network', ok: false, error: { code, message: 'The printer at 10.0.0.5:9100 did not answer.' } };
    await mount(fake);
    await takeKtp();
    expect(alertTexts()).toContain('Tiket tidak tercetak');
    expect(alertTexts()).toContain(text);
    expect(alertTexts()).toContain('Nomor antrean Anda tetap berlaku.');
    expect(document.body.textContent).toContain('Kembali ke awal dalam 30 detik');

    let release = (): void => undefined;
    fake.reprint = () => new Promise((resolve) => (release = () => resolve({ status: 200, body: { print: { kind: 'network', ok: true, paper: 80 } } })));
    await click(button('Cetak ulang'));
    expect(button('Mencetak ulang…').disabled).toBe(true);
    release();
    await settle();
    expect(fake.requests.filter((r) => r.path.endsWith('/print'))).toEqual([{ method: 'POST', path: '/tickets/0b7c2f5e-8a41-4b8e-9a0f-000000000012/print', body: undefined }]);
    expect(document.querySelector('.print-ok-text')?.textContent).toBe('Tiket sedang dicetak. Ambil tiket Anda di bawah layar.');
    expect(alertTexts()).not.toContain('Tiket tidak tercetak');
    expect(document.body.textContent).toContain('Kembali ke awal dalam 10 detik');
  });

  it('browser printing: the printable ticket of the paper width, printed once, and again on "Cetak ulang"', async () => {
    const fake = createKioskFake();
    fake.print = { kind: 'browser', paper: 58 };
    await mount(fake);
    await takeKtp();
    expect(document.querySelector('.print-ok-text')?.textContent).toBe('Tiket sedang dicetak…');
    const ticket = document.querySelector('.print-ticket');
    expect(ticket?.parentElement).toBe(document.body);
    expect(ticket?.getAttribute('data-paper')).toBe('58');
    expect(ticket?.getAttribute('aria-hidden')).toBe('true');
    const text = ticket?.textContent ?? '';
    for (const part of ['MPP Kota Contoh', 'Dinas Kependudukan dan Pencatatan Sipil', 'Perekaman KTP-el', 'A-012', '10/03/2025 09:00', 'Menunggu di depan: 3 orang']) {
      expect(text).toContain(part);
    }
    expect(text).toContain(`${window.location.origin}/visitor/track/?code=K7QX4M2P`);
    expect(text).toContain(`${window.location.origin}/visitor/skm/?code=K7QX4M2P`);
    expect(ticket?.querySelector('img')?.getAttribute('data-qr')).toBe(`${window.location.origin}/visitor/track/?code=K7QX4M2P`);
    expect(print).toHaveBeenCalledTimes(1);
    await click(button('Cetak ulang'));
    expect(print).toHaveBeenCalledTimes(2);
    expect(fake.requests.some((r) => r.path.endsWith('/print'))).toBe(false);
    await click(button('Selesai'));
    expect(document.querySelector('.print-ticket')).toBeNull();
  });

  it('the printed page is as wide as the paper and as long as the ticket, never under 40 mm', () => {
    expect(ticketPageRule(80, 377)).toBe('@page ticket-80 { size: 80mm 102mm; margin: 0; }');
    expect(ticketPageRule(58, 10)).toBe('@page ticket-58 { size: 58mm 40mm; margin: 0; }');
  });
});

describe('kiosk: opening hours and quota', () => {
  it('a service closed now is marked, says its hours and takes no number', async () => {
    await mount();
    await click(button(/^Disdukcapil/));
    const kk = button(/Perubahan Kartu Keluarga/);
    expect(nameOf(kk)).toContain('Tutup sekarang');
    expect(nameOf(button(/Perekaman KTP-el/))).not.toContain('Tutup sekarang');
    await click(kk);
    expect(document.querySelector('.closed-notice')?.textContent).toBe('Layanan ini sedang tutup. Nomor antrean dapat diambil Senin–Jumat, pukul 13:00–15:00.');
    expect(button('Ambil nomor antrean').disabled).toBe(true);
  });

  it('the daily quota used up: says how many a day and what to do, with the server words below', async () => {
    const fake = createKioskFake();
    fake.tickets = () => fake.err(409, 'quota_reached', 'All 150 tickets for Perekaman KTP-el today (2025-03-10) have been issued.');
    await mount(fake);
    await takeKtp();
    expect(heading()).toBe('Kuota layanan ini untuk hari ini sudah habis');
    expect(alertTexts()).toContain('Semua 150 nomor untuk hari ini sudah diambil. Silakan datang lagi besok, atau pesan secara online.');
    expect(alertTexts()).toContain('Rincian: All 150 tickets');
  });

  it('the requirements step shows the cost and time standard of the service', async () => {
    await mount();
    await click(button(/^Disdukcapil/));
    await click(button(/^Kode nomor A Perekaman KTP-el/));
    expect(document.querySelector('.service-facts')?.textContent).toBe('BiayaGratisWaktu layanan15 menit');
  });
});

describe('kiosk: printer setup (Ctrl+Shift+P)', () => {
  it('shows the printer, saves a network printer, prints a test page', async () => {
    const fake = await mount();
    const event = await press('P', { ctrlKey: true, shiftKey: true });
    expect(event.defaultPrevented).toBe(true);
    expect(heading()).toBe('Pengaturan printer kiosk');
    const radio = (value: string) => document.querySelector<HTMLInputElement>(`input[name="printer-kind"][value="${value}"]`) as HTMLInputElement;
    expect(radio('none').checked).toBe(true);

    await click(radio('network'));
    await typeInto(field('Alamat printer'), 'http://printer');
    await click(button('Simpan'));
    expect(alertTexts()).toContain('Periksa isian');
    expect(fake.requests.some((r) => r.method === 'PUT')).toBe(false);

    await typeInto(field('Alamat printer'), '192.168.1.50');
    expect(field('Port').value).toBe('9100');
    await click(document.querySelector<HTMLInputElement>('input[name="printer-paper"][value="58"]') as HTMLInputElement);
    await click(button('Simpan'));
    expect(fake.requests.find((r) => r.method === 'PUT')).toEqual({ method: 'PUT', path: '/kiosk/printer', body: { kind: 'network', host: '192.168.1.50', port: 9100, paper: 58 } });
    expect(document.body.textContent).toContain('Pengaturan printer tersimpan.');

    await click(button('Cetak halaman uji'));
    expect(fake.requests.at(-1)).toEqual({ method: 'POST', path: '/kiosk/printer/test', body: undefined });
    expect(document.body.textContent).toContain('Halaman uji terkirim ke printer.');

    fake.testPrint = () => ({ status: 200, body: { print: { kind: 'network', ok: false, error: { code: 'printer_unreachable', message: 'x' } } } });
    await click(button('Cetak halaman uji'));
    expect(alertTexts()).toContain('Printer tidak menjawab: periksa kabel/daya printer, atau minta petugas.');

    await click(button('Kembali'));
    expect(heading()).toBe('Pilih instansi');
  });

  it('a browser printer prints its test page in the browser', async () => {
    const fake = await mount();
    await press('P', { ctrlKey: true, shiftKey: true });
    await click(document.querySelector<HTMLInputElement>('input[name="printer-kind"][value="browser"]') as HTMLInputElement);
    await click(button('Cetak halaman uji'));
    expect(fake.printer).toEqual({ kind: 'browser', paper: 80 });
    expect(document.querySelector('.print-ticket')?.getAttribute('data-paper')).toBe('80');
    expect(document.querySelector('.print-ticket .pt-number')?.textContent).toBe('UJI');
    expect(print).toHaveBeenCalledTimes(1);
    await wait(0);
  });
});
