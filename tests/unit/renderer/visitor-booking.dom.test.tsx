import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startVisitorHome } from '../../../renderer/visitor/home/start-home.tsx';
import { buttonNamed as button, alertTexts, field, interactions, memoryStorage, nameOf, settleFakeTimers as settle, typeInto } from './support/dom.ts';
import { CODE, NOW, SERVICES, createFakePublicServer, refusal, slotsOf } from './support/visitor-fakes.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
const { click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  window.history.replaceState(null, '', '/');
});

async function mount(server: ReturnType<typeof createFakePublicServer>, address: string, storage = memoryStorage()) {
  window.history.replaceState(null, '', address);
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startVisitorHome(container, { fetch: server.fakeFetch, storage });
  });
  await settle();
}

const text = (): string => document.body.textContent ?? '';
/** The heading of the step shown now (the booking page's own title is above it). */
const heading = (): string => Array.from(document.querySelectorAll('main .v-heading')).at(-1)?.textContent?.trim() ?? '';


/** The radio input of the label whose text (or the input's own aria-label) matches. */
function radio(name: string | RegExp): HTMLInputElement {
  const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
  const label = (i: HTMLInputElement): string => i.getAttribute('aria-label') ?? nameOf(i.closest('label') ?? i);
  const found = inputs.find((i) => (typeof name === 'string' ? label(i) === name : name.test(label(i))));
  if (!found) throw new Error(`no radio named ${String(name)}; have ${inputs.map(label).join(' | ')}`);
  return found;
}

async function choose(input: HTMLInputElement): Promise<void> {
  await act(async () => input.click());
  await settle();
}

/** Service → today's 09:00 slot → the details step. */
async function toDetails(server: ReturnType<typeof createFakePublicServer>): Promise<void> {
  await mount(server, '/visitor/?view=book');
  await choose(radio(/^Perekaman KTP-el/));
  await click(button('Lanjut'));
  await choose(radio('Pukul 09:00, sisa 3 tempat'));
  await click(button('Lanjut'));
}

async function fillDetails(name: string, phone: string): Promise<void> {
  await typeInto(field('Nama lengkap'), name);
  await typeInto(field('Nomor HP'), phone);
  await click(button('Lanjut'));
}

describe('visitor pages: service information', () => {
  it('shows each service with its requirements, cost, time standard, legal basis and hours; search narrows the list', async () => {
    const server = createFakePublicServer();
    await mount(server, '/visitor/');
    expect(document.querySelector('h1')?.textContent).toBe('Informasi layanan');
    expect(document.documentElement.lang).toBe('id');
    const ktp = Array.from(document.querySelectorAll('details')).find((d) => d.textContent?.includes('Perekaman KTP-el'));
    expect(ktp?.textContent).toContain('Fotokopi Kartu Keluarga');
    expect(ktp?.querySelectorAll('.v-requirements li')).toHaveLength(2);
    expect(ktp?.textContent).toContain('Gratis');
    expect(ktp?.textContent).toContain('15 menit');
    expect(ktp?.textContent).toContain('UU No. 24 Tahun 2013');
    expect(ktp?.textContent).toContain('Sen–Jum 08:00–15:00');
    // A service without the text says so, and one without online booking says where to go instead.
    const skck = Array.from(document.querySelectorAll('details')).find((d) => d.textContent?.includes('SKCK'));
    expect(skck?.textContent).toContain('Belum dicantumkan; tanyakan ke petugas informasi.');
    expect(skck?.textContent).toContain('tidak menerima antrian online: ambil nomor di kiosk MPP');

    await typeInto(document.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement, 'skck');
    await settle();
    expect(document.querySelectorAll('details')).toHaveLength(1);
    expect(document.querySelector('details')?.open).toBe(true);
  });

  it('a service’s booking button opens the booking at its slots, and the address says so', async () => {
    const server = createFakePublicServer();
    await mount(server, '/visitor/');
    await click(button('Ambil antrian online'));
    expect(window.location.search).toBe('?view=book&service=ktp-el');
    expect(heading()).toBe('Perekaman KTP-el');
    expect(server.sent('GET', '/public/services/ktp-el/slots')[0]?.path).toBe('/public/services/ktp-el/slots?date=2025-03-10');
  });

  it('says what to do when the services cannot be loaded, and tries again on request', async () => {
    const server = createFakePublicServer();
    const ok = server.routes['GET /public/services'];
    server.routes['GET /public/services'] = () => 'network';
    await mount(server, '/visitor/');
    expect(alertTexts()).toContain('Server antrean tidak dapat dihubungi. Periksa koneksi internet Anda, lalu tekan Coba lagi.');
    if (ok) server.routes['GET /public/services'] = ok;
    await click(button('Coba lagi'));
    expect(document.querySelector('h1')?.textContent).toBe('Informasi layanan');
  });
});

describe('visitor pages: online booking', () => {
  it('books: service → day and slot (remaining places, full and past explained) → details → confirm → code, QR and check-in window', async () => {
    const server = createFakePublicServer();
    await mount(server, '/visitor/?view=book');
    expect(heading()).toBe('Pilih layanan');
    expect(text()).not.toContain('SKCK'); // takes no online bookings
    await choose(radio(/^Perekaman KTP-el/));
    await click(button('Lanjut'));

    expect(radio(/^Hari ini/).checked).toBe(true);
    expect(radio('Pukul 08:30: Penuh').disabled).toBe(true);
    expect(() => radio(/08:00/)).toThrow(); // past times are counted, not listed
    expect(text()).toContain('1 jam yang sudah lewat tidak ditampilkan.');
    expect(text()).toContain('Kuota online tanggal ini: 5 dari 40 terpakai.');
    await click(button('Lanjut'));
    expect(alertTexts()).toContain('Pilih salah satu jam yang masih tersedia.');
    await choose(radio('Pukul 09:00, sisa 3 tempat'));
    await click(button('Lanjut'));

    expect(heading()).toBe('Data pengunjung');
    await fillDetails('Siti Rahmawati', '0812-3456-7890');
    expect(heading()).toBe('Periksa lalu konfirmasi');
    expect(document.querySelector('.v-summary')?.textContent).toContain('Senin, 10 Maret 2025');
    await click(button('Konfirmasi booking'));

    const [sent] = server.sent('POST', '/public/bookings');
    expect(sent?.body).toEqual({ serviceId: 'ktp-el', date: '2025-03-10', slotStart: Date.UTC(2025, 2, 10, 2, 0), name: 'Siti Rahmawati', phone: '0812-3456-7890' });
    expect(sent?.headers.get('accept-language')).toBe('id');
    expect(heading()).toBe('Booking berhasil');
    expect(document.querySelector('.v-code')?.textContent).toBe(CODE);
    const qr = document.querySelector<HTMLImageElement>('img.v-qr');
    expect(qr?.alt).toBe(`Kode QR booking ${CODE}; tunjukkan di kiosk MPP`);
    expect(decodeURIComponent(qr?.src ?? '')).toMatch(/^data:image\/svg\+xml;charset=utf-8,<svg /);
    expect(text()).toContain('Check-in di kiosk mulai 30 menit sebelum jam booking sampai 15 menit sesudahnya: pukul 08:30–09:15, Senin, 10 Maret 2025.');
    const track = Array.from(document.querySelectorAll('a')).find((a) => nameOf(a) === 'Lacak antrean' && a.closest('main'));
    expect(track?.getAttribute('href')).toBe(`/visitor/track/?code=${CODE}`);

    await click(button('Batalkan booking ini'));
    expect(window.location.search).toBe(`?view=booking&code=${CODE}`);
    expect(document.querySelector('h1')?.textContent).toBe('Cek atau batalkan booking');
  });

  it('checks the name and the Indonesian mobile number before sending anything', async () => {
    const server = createFakePublicServer();
    await toDetails(server);
    await fillDetails('S', '12345');
    expect(text()).toContain('Tulis nama Anda (paling sedikit 2 huruf).');
    expect(text()).toContain('Nomor HP belum benar: tulis 08… (10–13 angka), +628… atau 628…');
    expect(field('Nama lengkap').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Nama lengkap'));

    await fillDetails('Siti 123', '+62 812 3456 7890');
    expect(text()).toContain('Nama hanya boleh berisi huruf');
    expect(field('Nomor HP').getAttribute('aria-invalid')).toBeNull();

    await fillDetails('Siti Rahmawati', '0212345678'); // a landline
    expect(document.activeElement).toBe(field('Nomor HP'));
    expect(server.sent('POST', '/public/bookings')).toHaveLength(0);
  });

  it('a slot that filled meanwhile sends the visitor back to the slots with the reason, asked again', async () => {
    const server = createFakePublicServer();
    server.routes['POST /public/bookings'] = () => refusal(409, 'slot_full', 'The 09:00 slot on 2025-03-10 is full (4 visitors). Choose another slot.', 'slotStart');
    await toDetails(server);
    await fillDetails('Siti Rahmawati', '081234567890');
    const asked = server.sent('GET', '/public/services/ktp-el/slots').length;
    await click(button('Konfirmasi booking'));
    expect(heading()).toBe('Perekaman KTP-el');
    expect(alertTexts()).toContain('Jam ini baru saja penuh. Pilih jam lain.');
    expect(server.sent('GET', '/public/services/ktp-el/slots').length).toBeGreaterThan(asked);
    expect(radio('Pukul 09:00, sisa 3 tempat').checked).toBe(false);
  });

  it('too many bookings for one phone (429) and a lost connection are said with what to do; a retry sends again', async () => {
    const server = createFakePublicServer();
    server.routes['POST /public/bookings'] = () => refusal(429, 'rate_limited', 'This phone number already holds 3 bookings for 2025-03-10.', 'phone');
    await toDetails(server);
    await fillDetails('Siti Rahmawati', '081234567890');
    await click(button('Konfirmasi booking'));
    expect(alertTexts()).toContain('Nomor HP ini sudah memegang 3 booking untuk tanggal itu. Batalkan salah satunya dengan kodenya, atau pilih tanggal lain.');
    expect(() => button('Coba lagi')).toThrow(); // sending the same again cannot help

    server.routes['POST /public/bookings'] = () => 'network';
    await click(button('Konfirmasi booking'));
    expect(alertTexts()).toContain('Server antrean tidak dapat dihubungi.');
    server.routes['POST /public/bookings'] = () => ({ status: 201, body: { ...slotsOf('x'), code: CODE } });
    await click(button('Coba lagi'));
    expect(alertTexts()).toContain('Jawaban server tidak cocok dengan halaman ini.'); // an answer that is not a booking
    expect(server.sent('POST', '/public/bookings')).toHaveLength(3);
  });

  it('explains a day that takes no bookings (a holiday) and offers the other days', async () => {
    const server = createFakePublicServer();
    server.routes['GET /public/services/ktp-el/slots'] = (r) => ({
      status: 200,
      body: { ...slotsOf('2025-03-11'), slots: [], closed: { reason: 'holiday', message: '2025-03-11 is a holiday (Nyepi).' } },
      ...(r.path.includes('2025-03-10') ? { body: slotsOf('2025-03-10') } : {}),
    });
    await mount(server, '/visitor/?view=book&service=ktp-el');
    await choose(radio(/^Besok/));
    expect(text()).toContain('Tanggal ini hari libur: MPP tutup. Pilih tanggal lain.');
    expect(document.querySelectorAll('input[name="slot"]')).toHaveLength(0);
    await choose(radio(/^Hari ini/));
    expect(radio('Pukul 09:30, sisa 4 tempat').disabled).toBe(false);
  });
});

describe('visitor pages: check and cancel a booking', () => {
  it('finds a booking by code, refuses wrong digits at the field, then cancels with the last 4 digits', async () => {
    const server = createFakePublicServer();
    await mount(server, '/visitor/?view=booking');
    await typeInto(field('Kode booking'), 'k7qx 4m2p');
    await click(button('Cari booking'));
    expect(window.location.search).toBe(`?view=booking&code=${CODE}`);
    expect(text()).toContain('Menunggu check-in');
    expect(document.querySelector('img.v-qr')).not.toBeNull();

    await typeInto(field('4 angka terakhir nomor HP'), '12');
    await click(button('Batalkan booking'));
    expect(text()).toContain('Tulis tepat 4 angka terakhir nomor HP Anda.');
    expect(server.sent('POST', `/public/bookings/${CODE}/cancel`)).toHaveLength(0);

    await typeInto(field('4 angka terakhir nomor HP'), '9999');
    await click(button('Batalkan booking'));
    expect(text()).toContain('Empat angka ini bukan angka terakhir nomor HP booking ini. Periksa lalu coba lagi.');
    expect(field('4 angka terakhir nomor HP').getAttribute('aria-invalid')).toBe('true');

    await typeInto(field('4 angka terakhir nomor HP'), '7890');
    await click(button('Batalkan booking'));
    expect(server.sent('POST', `/public/bookings/${CODE}/cancel`).map((r) => r.body)).toEqual([{ phoneLast4: '9999' }, { phoneLast4: '7890' }]);
    expect(text()).toContain(`Booking ${CODE} sudah dibatalkan.`);
    expect(text()).toContain('Dibatalkan');
    expect(document.querySelector('img.v-qr')).toBeNull();
  });

  it('an unknown code is said at the code field', async () => {
    const server = createFakePublicServer();
    server.routes[`GET /public/bookings/${CODE}`] = () => refusal(404, 'not_found', 'No booking has the code K7QX4M2P.', 'code');
    await mount(server, `/visitor/?view=booking&code=${CODE}`);
    expect(text()).toContain('Tidak ada booking dengan kode ini. Periksa kode (8 huruf/angka) lalu coba lagi.');
    expect(field('Kode booking').value).toBe(CODE);
  });

  it('switches to English and back, remembering the choice', async () => {
    const server = createFakePublicServer();
    const storage = memoryStorage();
    await mount(server, '/visitor/', storage);
    await click(button('Switch to English'));
    expect(document.querySelector('h1')?.textContent).toBe('Service information');
    expect(document.documentElement.lang).toBe('en');
    expect(storage.data.get('loket.lang')).toBe('en');
    expect(SERVICES.agencies).toHaveLength(2);
  });
});
