import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingCodeFromScan, cleanCodeInput, ScanReader } from '../../../renderer/kiosk/booking-code.ts';
import { startKioskApp } from '../../../renderer/kiosk/bootstrap.tsx';
import { alertTexts, interactions, memoryStorage, nameOf, settleFakeTimers as settle, waitFakeTimers as wait } from './support/dom.ts';
import { bookingBody, createKioskFake, ENROLLED, NOW } from './support/kiosk-fake.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
const { press, click } = interactions(settle);

beforeEach(() => {
  // performance too: key events carry performance.now() as their timeStamp (scan detection)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  vi.setSystemTime(NOW);
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
const codeField = (): HTMLInputElement => document.querySelector('.checkin-code') as HTMLInputElement;

/** A keyboard-wedge scanner: every key 5 ms after the last, then Enter. */
async function scan(text: string, gapMs = 5): Promise<void> {
  for (const char of text) {
    await press(char);
    await wait(gapMs);
  }
  await press('Enter');
}

describe('booking codes as the kiosk reads them', () => {
  it('keeps typed text to the code alphabet, 8 at most', () => {
    expect(cleanCodeInput('k7qx 4m2p')).toBe('K7QX4M2P');
    expect(cleanCodeInput('K0O1IQX4M2P99')).toBe('KQX4M2P9');
    expect(cleanCodeInput('')).toBe('');
  });

  it('finds the code in what a scanner typed: the code, or a link holding it', () => {
    expect(bookingCodeFromScan('K7QX4M2P')).toBe('K7QX4M2P');
    expect(bookingCodeFromScan(' k7qx4m2p ')).toBe('K7QX4M2P');
    expect(bookingCodeFromScan('https://192.168.1.10:7420/visitor/track/?code=K7QX4M2P')).toBe('K7QX4M2P');
    expect(bookingCodeFromScan('https://mpp.example/visitor/?view=booking&code=k7qx4m2p#x')).toBe('K7QX4M2P');
    expect(bookingCodeFromScan('https://example.com/')).toBeNull();
    expect(bookingCodeFromScan('K7QX4M2')).toBeNull();
    expect(bookingCodeFromScan('8992761136017')).toBeNull(); // a product barcode
  });

  it('tells a scan (keys within 100 ms, then Enter) from a person typing', () => {
    const reader = new ScanReader(100);
    [...'K7QX4M2P'].forEach((c, i) => reader.key(c, 1000 + i * 20));
    expect(reader.enter(1000 + 7 * 20 + 30)).toBe('K7QX4M2P');
    [...'K7QX4M2P'].forEach((c, i) => reader.key(c, 5000 + i * 250));
    expect(reader.enter(5000 + 7 * 250 + 30)).toBeNull();
    // a pause in the middle starts a new reading: only the quick tail counts, and it is too short
    [...'K7QX'].forEach((c, i) => reader.key(c, 9000 + i * 10));
    [...'4M2P'].forEach((c, i) => reader.key(c, 9500 + i * 10));
    expect(reader.enter(9540)).toBeNull();
    // Enter long after the last key is not the end of a scan
    [...'K7QX4M2P'].forEach((c, i) => reader.key(c, 20000 + i * 10));
    expect(reader.enter(20000 + 70 + 500)).toBeNull();
  });
});

describe('kiosk: check-in of an online booking', () => {
  it('"Sudah pesan online? Check-in": the code on the keypad, priority, then the ticket with a greeting', async () => {
    const fake = await mount();
    await click(button('Sudah pesan online? Check-in'));
    expect(heading()).toBe('Check-in pesanan online');
    expect(button('Check-in').disabled).toBe(true);
    expect(document.body.textContent).toContain('Kurang 8 huruf/angka lagi.');
    for (const char of 'K7QX4M2') await click(button(char));
    await click(button('Hapus satu huruf'));
    for (const char of '22P') await click(button(char));
    expect(codeField().value).toBe('K7QX4M22');
    expect(button('Z').disabled).toBe(true); // full: no ninth letter
    await click(button('Kosongkan'));
    expect(codeField().value).toBe('');
    for (const char of 'K7QX4M2P') await click(button(char));
    expect(document.body.textContent).toContain('Kode lengkap. Sentuh Check-in.');
    await click(button('Prioritas (lansia, disabilitas, ibu hamil)'));
    await click(button('Check-in'));

    const checkIn = fake.requests.find((r) => r.path.endsWith('/check-in'));
    expect(checkIn).toEqual({ method: 'POST', path: '/bookings/K7QX4M2P/check-in', body: { priority: 'priority' } });
    expect(heading()).toBe('Nomor antrean Anda');
    expect(document.body.textContent).toContain('Selamat datang, Siti Aminah. Check-in berhasil.');
    expect(document.querySelector('.ticket-number')?.textContent).toBe('A-004');
    expect(document.querySelector('.ticket-priority')?.textContent).toBe('Prioritas');
  });

  it('a keyboard types into the code too: letters, Backspace, Enter', async () => {
    const fake = await mount();
    await click(button('Sudah pesan online? Check-in'));
    for (const key of ['k', '7', 'q', 'x', '0', '4', 'm', '2', 'Backspace', '2', 'p']) {
      await press(key);
      await wait(300); // a person, not a scanner
    }
    expect(codeField().value).toBe('K7QX4M2P');
    await press('Enter');
    expect(fake.requests.some((r) => r.path === '/bookings/K7QX4M2P/check-in')).toBe(true);
    expect(heading()).toBe('Nomor antrean Anda');
  });

  it('a QR code scanned anywhere on the start screen checks the booking in at once', async () => {
    const fake = await mount();
    expect(heading()).toBe('Pilih instansi');
    await scan('K7QX4M2P');
    expect(fake.requests.find((r) => r.path.endsWith('/check-in'))).toMatchObject({ path: '/bookings/K7QX4M2P/check-in', body: { priority: 'normal' } });
    expect(heading()).toBe('Nomor antrean Anda');
    expect(document.body.textContent).toContain('Selamat datang, Siti Aminah');
  });

  it('a scanned tracking link works; a scan that holds no booking code says so', async () => {
    const fake = await mount();
    await scan('http://127.0.0.1:7420/visitor/track/?code=K7QX4M2P');
    expect(fake.requests.some((r) => r.path === '/bookings/K7QX4M2P/check-in')).toBe(true);
    await click(button('Selesai'));
    await scan('8992761136017');
    expect(heading()).toBe('Check-in pesanan online');
    expect(document.body.textContent).toContain('Kode yang dipindai bukan kode pesanan');
    expect(fake.requests.filter((r) => r.path.endsWith('/check-in'))).toHaveLength(1);
  });

  it('keys typed slowly on the start screen are no scan: nothing happens', async () => {
    const fake = await mount();
    await scan('K7QX4M2P', 250);
    expect(heading()).toBe('Pilih instansi');
    expect(fake.requests.some((r) => r.path.endsWith('/check-in'))).toBe(false);
  });

  it('too early: says when check-in opens, from the booking', async () => {
    const fake = createKioskFake();
    fake.checkIn = () => fake.err(409, 'check_in_not_open', 'Booking K7QX4M2P is for 2025-03-10 10:00. Check-in opens 30 minutes before the slot.');
    await mount(fake);
    await scan('K7QX4M2P');
    expect(heading()).toBe('Belum waktunya check-in');
    expect(alertTexts()).toContain('Pesanan Anda untuk pukul 10:00. Check-in dibuka pukul 09:30 (30 menit sebelumnya). Silakan kembali saat itu.');
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/public/bookings/K7QX4M2P')).toBe(true);
    await click(button('Coba kode lain'));
    expect(heading()).toBe('Check-in pesanan online');
  });

  it('a booking for another day says which day', async () => {
    const fake = createKioskFake();
    fake.checkIn = () => fake.err(409, 'check_in_not_open', 'Booking K7QX4M2P is for 2025-03-11 10:00.');
    fake.booking = (code) => ({
      status: 200,
      body: bookingBody({ code, date: '2025-03-11', slotStart: Date.UTC(2025, 2, 11, 3, 0), checkInOpensAt: Date.UTC(2025, 2, 11, 2, 30) }),
    });
    await mount(fake);
    await scan('K7QX4M2P');
    expect(alertTexts()).toContain('Pesanan Anda untuk Selasa, 11 Maret 2025 pukul 10:00. Silakan datang pada hari itu; check-in dibuka pukul 09:30.');
  });

  it.each([
    ['booking_expired', 410, 'Waktu check-in sudah lewat', 'Pesanan Anda untuk pukul 10:00; check-in ditutup pukul 10:15. Silakan ambil nomor antrean baru'],
    ['booking_cancelled', 410, 'Pesanan ini sudah dibatalkan', 'Silakan ambil nomor antrean baru di kiosk ini, atau pesan lagi secara online.'],
    ['not_found', 404, 'Kode pesanan tidak ditemukan', 'Periksa lagi kode K7QX4M2P pada bukti pesanan Anda'],
  ])('%s: a clear title, what to do, and the way to a new number', async (code, status, title, text) => {
    const fake = createKioskFake();
    fake.checkIn = () => fake.err(status, code, `Booking K7QX4M2P: ${code}.`);
    if (code === 'not_found') fake.booking = () => fake.err(404, 'not_found', 'There is no booking with the code K7QX4M2P.');
    await mount(fake);
    await scan('K7QX4M2P');
    expect(heading()).toBe(title);
    expect(alertTexts()).toContain(text);
    expect(alertTexts()).toContain('Perlu bantuan? Silakan ke petugas informasi.');
    await click(button('Ambil nomor baru'));
    expect(heading()).toBe('Pilih instansi');
  });

  it('already checked in: gives the number it has', async () => {
    const fake = createKioskFake();
    fake.checkIn = () => fake.err(409, 'already_checked_in', 'Booking K7QX4M2P is already checked in.');
    fake.booking = (code) => ({ status: 200, body: bookingBody({ code, status: 'checked_in', ticket: { number: 'A-004', status: 'waiting' } }) });
    await mount(fake);
    await scan('K7QX4M2P');
    expect(heading()).toBe('Pesanan ini sudah check-in');
    expect(alertTexts()).toContain('Nomor antrean Anda A-004 sudah ada di antrean.');
  });

  it('the server unreachable: says so in the visitor language', async () => {
    const fake = createKioskFake();
    fake.checkIn = () => 'network';
    await mount(fake);
    await scan('K7QX4M2P');
    expect(heading()).toBe('Check-in belum berhasil');
    expect(alertTexts()).toContain('Server antrean tidak dapat dihubungi');
    expect(fake.requests.some((r) => r.path.startsWith('/public/bookings/'))).toBe(false);
  });

  it('Escape leaves the check-in; idle goes back to the start', async () => {
    await mount();
    await click(button('Sudah pesan online? Check-in'));
    await press('Escape');
    expect(heading()).toBe('Pilih instansi');
    await click(button('Sudah pesan online? Check-in'));
    await wait(60_000);
    expect(heading()).toBe('Pilih instansi');
  });
});
