import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startKioskApp } from '../../../renderer/kiosk/bootstrap.tsx';
import { agencyColors, summarize } from '../../../renderer/shared/format.ts';
import { buttonNamed as button, alertTexts as alertText, field, interactions, memoryStorage, nameOf, settleFakeTimers as settle, typeInto, waitFakeTimers as wait } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// ---------------------------------------------------------------------------------------------
// A FAKE hall server behind a fake fetch: just enough of /api/v1 for the kiosk, recording every
// request. The real server is tested end to end elsewhere.
// ---------------------------------------------------------------------------------------------

const NOW = Date.UTC(2025, 0, 6, 2, 0, 0); // 09:00 in Asia/Jakarta

const CONFIG = {
  hall: { id: 'mpp', name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
  agencies: [
    { id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1565c0' },
    { id: 'samsat', name: 'Sistem Administrasi Manunggal Satu Atap', shortName: 'Samsat', color: '#f9a825' },
    { id: 'empty', name: 'Instansi tanpa layanan', shortName: 'Kosong' },
  ],
  services: [
    {
      id: 'ktp',
      agencyId: 'dukcapil',
      name: 'Perekaman KTP-el',
      prefix: 'A',
      requirements: 'Fotokopi Kartu Keluarga\nSurat pengantar RT/RW\nSudah berusia 17 tahun',
      targetWaitMinutes: 15,
      targetServiceMinutes: 10,
    },
    {
      id: 'kk',
      agencyId: 'dukcapil',
      name: 'Perubahan Kartu Keluarga',
      prefix: 'B',
      requirements: '',
      targetWaitMinutes: 20,
      targetServiceMinutes: 15,
    },
    {
      id: 'pkb',
      agencyId: 'samsat',
      name: 'Pajak kendaraan tahunan',
      prefix: 'S',
      requirements: 'STNK asli\nKTP asli',
      targetWaitMinutes: 20,
      targetServiceMinutes: 10,
    },
  ],
  counters: [],
};

interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type FakeAnswer = { status: number; body: unknown } | 'network';

function createFakeHallServer() {
  const requests: SeenRequest[] = [];
  let sequence = 11;
  const server = {
    requests,
    config: (): FakeAnswer => ({ status: 200, body: CONFIG }),
    enroll: (_body: unknown): FakeAnswer => ({
      status: 200,
      body: { deviceId: 'dev-k1', token: 'ldv_kiosk', kind: 'kiosk', counterId: null, hall: { id: 'mpp', name: 'MPP Kota Contoh' } },
    }),
    tickets: (body: unknown): FakeAnswer | Promise<FakeAnswer> => {
      const request = body as { serviceId: string; priority: 'normal' | 'priority'; channel: string };
      const service = CONFIG.services.find((s) => s.id === request.serviceId);
      sequence++;
      return {
        status: 201,
        body: {
          id: `0b7c2f5e-8a41-4b8e-9a0f-${String(sequence).padStart(12, '0')}`,
          serviceId: request.serviceId,
          number: `${service?.prefix ?? 'X'}-${String(sequence).padStart(3, '0')}`,
          serviceDay: '2025-01-06',
          channel: request.channel,
          priority: request.priority,
          status: 'waiting',
          counterId: null,
          officerId: null,
          callCount: 0,
          outcome: null,
          note: null,
          issuedAt: Date.now(),
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          trackingCode: 'K7QX4M2P',
          peopleAhead: 3,
        },
      };
    },
    fakeFetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const request: SeenRequest = {
        method: init?.method ?? 'GET',
        path: url.replace(/^.*\/api\/v1/, ''),
        headers: new Headers(init?.headers),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      requests.push(request);
      const route = `${request.method} ${request.path}`;
      const answer = await (route === 'GET /config'
          ? server.config()
          : route === 'POST /devices/enroll'
            ? server.enroll(request.body)
            : route === 'POST /tickets'
              ? server.tickets(request.body)
              : { status: 404, body: { error: { code: 'no_such_route', message: `no ${route}` } } });
      if (answer === 'network') throw new TypeError('Failed to fetch');
      const text = JSON.stringify(answer.body);
      return { status: answer.status, text: async () => text } as Response; // what hall-api reads
    }) as typeof fetch,
  };
  return server;
}

const ENROLLED = { 'loket.device.kiosk': JSON.stringify({ deviceId: 'dev-k1', token: 'ldv_kiosk', kind: 'kiosk' }) };

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (no testing library installed).
// ---------------------------------------------------------------------------------------------

let root: Root | null = null;
const { press, click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

async function mount(server: ReturnType<typeof createFakeHallServer>, storage = memoryStorage(ENROLLED)) {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startKioskApp(container, { storage, fetch: server.fakeFetch });
  });
  await settle();
  return storage;
}


function heading(): string {
  return document.querySelector('main h2, main h1')?.textContent?.trim() ?? '';
}


async function chooseKtp(): Promise<void> {
  await click(button('Disdukcapil Dinas Kependudukan dan Pencatatan Sipil'));
  await click(button(/^Kode nomor A Perekaman KTP-el/));
}

// ---------------------------------------------------------------------------------------------

describe('kiosk: device enrollment', () => {
  it('enrolls with a kiosk code, remembers the device, then loads the hall with its token', async () => {
    const server = createFakeHallServer();
    const storage = await mount(server, memoryStorage());
    expect(document.querySelector('h1')?.textContent).toBe('Pendaftaran perangkat');
    expect(document.body.textContent).toContain('Halaman ini: kiosk antrean');
    expect(document.activeElement).toBe(field('Kode pendaftaran'));

    await typeInto(field('Kode pendaftaran'), 'k7qx 4m2p');
    await typeInto(field('Nama perangkat'), 'Kiosk pintu masuk');
    await click(button('Daftarkan perangkat'));

    const enroll = server.requests.find((r) => r.path === '/devices/enroll');
    expect(enroll?.body).toEqual({ code: 'K7QX-4M2P', name: 'Kiosk pintu masuk' });
    expect(enroll?.headers.has('authorization')).toBe(false);
    expect(JSON.parse(storage.data.get('loket.device.kiosk') ?? 'null')).toEqual({
      deviceId: 'dev-k1',
      token: 'ldv_kiosk',
      kind: 'kiosk',
    });
    const config = server.requests.find((r) => r.path === '/config');
    expect(config?.headers.get('authorization')).toBe('Bearer ldv_kiosk');
    expect(heading()).toBe('Pilih instansi');
  });

  it('refuses a code made for another kind of device, with a clear message', async () => {
    const server = createFakeHallServer();
    server.enroll = () => ({
      status: 200,
      body: { deviceId: 'dev-b1', token: 'ldv_board', kind: 'board', counterId: null, hall: { id: 'mpp', name: 'MPP' } },
    });
    const storage = await mount(server, memoryStorage());
    await typeInto(field('Kode pendaftaran'), 'K7QX-4M2P');
    await typeInto(field('Nama perangkat'), 'Kiosk 1');
    await click(button('Daftarkan perangkat'));
    expect(alertText()).toContain('Kode ini dibuat untuk papan tampilan, bukan untuk kiosk antrean');
    expect(storage.data.size).toBe(0);
    expect(document.querySelector('h1')?.textContent).toBe('Pendaftaran perangkat');
    expect(server.requests.some((r) => r.path === '/config')).toBe(false);
  });

  it('checks the form of the code and the name before asking the server', async () => {
    const server = createFakeHallServer();
    await mount(server, memoryStorage());
    await typeInto(field('Kode pendaftaran'), 'K0QX-1M2P');
    await click(button('Daftarkan perangkat'));
    expect(field('Kode pendaftaran').getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('Kode ini tidak berbentuk seperti K7QX-4M2P');
    expect(document.body.textContent).toContain('Isi nama perangkat');
    expect(document.activeElement).toBe(field('Kode pendaftaran'));
    expect(server.requests).toHaveLength(0);
  });

  it("shows the server's reason for a refused code beside the code field", async () => {
    const server = createFakeHallServer();
    server.enroll = () => ({
      status: 403,
      body: { error: { code: 'enroll_code_invalid', message: 'This enrollment code is unknown, already used or expired.', field: 'code' } },
    });
    await mount(server, memoryStorage());
    await typeInto(field('Kode pendaftaran'), 'K7QX-4M2P');
    await typeInto(field('Nama perangkat'), 'Kiosk 1');
    await click(button('Daftarkan perangkat'));
    expect(field('Kode pendaftaran').getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).toContain('already used or expired');
  });

  it('Ctrl+Shift+R asks, then forgets the enrollment and shows the setup screen again', async () => {
    const server = createFakeHallServer();
    const storage = await mount(server);
    await click(button('Samsat Sistem Administrasi Manunggal Satu Atap'));
    expect(heading()).toBe('Layanan Samsat');

    const first = await press('R', { ctrlKey: true, shiftKey: true });
    expect(first.defaultPrevented).toBe(true);
    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Lupakan pendaftaran perangkat ini?');
    expect(document.activeElement).toBe(button('Batal'));
    await press('Escape');
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(heading()).toBe('Layanan Samsat'); // Escape closed the dialog only, the kiosk stayed put
    expect(storage.data.has('loket.device.kiosk')).toBe(true);

    await press('R', { ctrlKey: true, shiftKey: true });
    await click(button('Ya, lupakan'));
    expect(storage.data.has('loket.device.kiosk')).toBe(false);
    expect(document.querySelector('h1')?.textContent).toBe('Pendaftaran perangkat');
  });
});

describe('kiosk: taking a number', () => {
  it('agency → service → requirements → priority → the ticket, big, then back to the start', async () => {
    const server = createFakeHallServer();
    await mount(server);
    expect(document.documentElement.lang).toBe('id');
    expect(document.body.textContent).toContain('MPP Kota Contoh');
    expect(document.body.textContent).toContain('09:00');

    // 1: agencies that have services, in their colour
    expect(heading()).toBe('Pilih instansi');
    const agencyNames = Array.from(document.querySelectorAll('.agency-tile')).map(nameOf);
    expect(agencyNames).toEqual(['Disdukcapil Dinas Kependudukan dan Pencatatan Sipil', 'Samsat Sistem Administrasi Manunggal Satu Atap']);
    const tile = button('Disdukcapil Dinas Kependudukan dan Pencatatan Sipil');
    expect(tile.style.getPropertyValue('--agency')).toBe('#1565c0');
    expect(tile.style.getPropertyValue('--agency-ink')).toBe('#ffffff');
    await click(tile);

    // 2: the agency's services with prefix and the start of the requirements
    expect(heading()).toBe('Layanan Disdukcapil');
    expect(document.activeElement?.textContent).toBe('Layanan Disdukcapil'); // focus starts at the step's top
    const ktp = button(/^Kode nomor A Perekaman KTP-el/);
    expect(nameOf(ktp)).toBe('Kode nomor A Perekaman KTP-el Fotokopi Kartu Keluarga …');
    expect(nameOf(button(/Perubahan Kartu Keluarga/))).toContain('Tidak ada persyaratan khusus.');
    await click(ktp);

    // 3: requirements in full, priority, take
    expect(heading()).toBe('A Perekaman KTP-el');
    const requirements = document.querySelector('.requirements-text')?.textContent;
    expect(requirements).toBe('Fotokopi Kartu Keluarga\nSurat pengantar RT/RW\nSudah berusia 17 tahun');
    const priority = button('Prioritas (lansia, disabilitas, ibu hamil)');
    expect(priority.getAttribute('aria-pressed')).toBe('false');
    await click(priority);
    expect(priority.getAttribute('aria-pressed')).toBe('true');
    await click(button('Ambil nomor antrean'));

    const issue = server.requests.find((r) => r.method === 'POST' && r.path === '/tickets');
    expect(issue?.body).toEqual({ serviceId: 'ktp', channel: 'kiosk', priority: 'priority' });
    expect(issue?.headers.get('authorization')).toBe('Bearer ldv_kiosk');

    // 4: the ticket
    expect(heading()).toBe('Nomor antrean Anda');
    const number = document.querySelector('.ticket-number');
    expect(number?.textContent).toBe('A-012');
    expect(number?.getAttribute('aria-label')).toBe('Nomor antrean A-012');
    const facts = document.querySelector('.ticket-facts')?.textContent ?? '';
    expect(facts).toContain('Perekaman KTP-el');
    expect(facts).toContain('Dinas Kependudukan dan Pencatatan Sipil');
    expect(facts).toContain('09:00');
    expect(facts).toContain('3 orang');
    expect(document.querySelector('.ticket-priority')?.textContent).toBe('Prioritas');
    expect(document.body.textContent).toContain('Kembali ke awal dalam 10 detik');
    expect(document.body.textContent).not.toContain('K7QX4M2P'); // nothing but what the visitor needs

    await wait(4_000);
    expect(document.body.textContent).toContain('Kembali ke awal dalam 6 detik');
    await wait(6_000);
    expect(heading()).toBe('Pilih instansi');
  });

  it('a normal ticket: no priority, and "Selesai" goes back at once', async () => {
    const server = createFakeHallServer();
    await mount(server);
    await chooseKtp();
    await click(button('Ambil nomor antrean'));
    expect(server.requests.at(-1)?.body).toEqual({ serviceId: 'ktp', channel: 'kiosk', priority: 'normal' });
    expect(document.querySelector('.ticket-priority')).toBeNull();
    await click(button('Selesai'));
    expect(heading()).toBe('Pilih instansi');
  });

  it('shows "nobody ahead" when the queue is empty', async () => {
    const server = createFakeHallServer();
    const issue = server.tickets;
    server.tickets = async (body) => {
      const answer = await issue(body);
      return answer === 'network' ? answer : { ...answer, body: { ...(answer.body as object), peopleAhead: 0 } };
    };
    await mount(server);
    await chooseKtp();
    await click(button('Ambil nomor antrean'));
    expect(document.querySelector('.ticket-facts')?.textContent).toContain('Tidak ada, Anda berikutnya');
  });

  it.each([
    ['quota_reached', 'Kuota layanan ini untuk hari ini sudah habis', 'Kuota Perekaman KTP-el hari ini (150 nomor) sudah habis. Silakan datang besok.'],
    ['service_closed', 'Layanan ini sedang tutup', 'Perekaman KTP-el buka pukul 08:00–14:00.'],
  ])('%s: shows the server message and a clear way back', async (code, title, message) => {
    const server = createFakeHallServer();
    server.tickets = () => ({ status: 409, body: { error: { code, message } } });
    await mount(server);
    await chooseKtp();
    await click(button('Ambil nomor antrean'));
    expect(heading()).toBe(title);
    expect(alertText()).toContain(message);
    expect(alertText()).toContain('Silakan pilih layanan lain');
    expect(document.querySelector('.ticket-number')).toBeNull();

    await click(button('Kembali'));
    expect(heading()).toBe('Layanan Disdukcapil');
  });

  it('a network failure while taking a number says what is wrong in the visitor language', async () => {
    const server = createFakeHallServer();
    server.tickets = () => 'network';
    await mount(server);
    await chooseKtp();
    await click(button('Ambil nomor antrean'));
    expect(heading()).toBe('Nomor antrean belum bisa diambil');
    expect(alertText()).toContain('Server antrean tidak dapat dihubungi');
  });

  it('a second tap while the number is being taken does not take two', async () => {
    const server = createFakeHallServer();
    const issue = server.tickets;
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    server.tickets = async (body) => {
      calls++;
      await held;
      return issue(body);
    };
    await mount(server);
    await chooseKtp();
    const take = button('Ambil nomor antrean');
    await act(async () => {
      take.click();
      take.click();
    });
    await settle();
    expect(take.disabled).toBe(true);
    expect(nameOf(take)).toBe('Mengambil nomor…');
    release();
    await settle();
    expect(calls).toBe(1);
    expect(document.querySelector('.ticket-number')?.textContent).toBe('A-012');
  });

  it('Escape goes one step back, like the Kembali button', async () => {
    const server = createFakeHallServer();
    await mount(server);
    await chooseKtp();
    expect(heading()).toBe('A Perekaman KTP-el');
    await press('Escape');
    expect(heading()).toBe('Layanan Disdukcapil');
    await press('Escape');
    expect(heading()).toBe('Pilih instansi');
  });
});

describe('kiosk: idle, language, startup', () => {
  it('idle for 60 s goes back to the start, in Bahasa Indonesia; any touch starts the wait again', async () => {
    const server = createFakeHallServer();
    await mount(server);
    await click(button('Switch to English'));
    expect(heading()).toBe('Choose an agency');
    expect(document.documentElement.lang).toBe('en');
    await click(button('Samsat Sistem Administrasi Manunggal Satu Atap'));
    expect(heading()).toBe('Samsat services');
    expect(nameOf(button(/Pajak kendaraan/))).toContain('STNK asli …');

    await wait(50_000);
    await act(async () => {
      window.dispatchEvent(new Event('pointerdown'));
    });
    await wait(50_000);
    expect(heading()).toBe('Samsat services');
    await wait(10_000);
    expect(heading()).toBe('Pilih instansi');
    expect(document.documentElement.lang).toBe('id');
  });

  it('the start screen in another language also returns to Bahasa Indonesia when idle', async () => {
    const server = createFakeHallServer();
    await mount(server);
    await click(button('Switch to English'));
    await wait(60_000);
    expect(heading()).toBe('Pilih instansi');
  });

  it('cannot load the hall: says so, and tries again by itself', async () => {
    const server = createFakeHallServer();
    server.config = () => 'network';
    await mount(server);
    expect(alertText()).toContain('Daftar layanan belum bisa dimuat');
    expect(alertText()).toContain('mencoba lagi sendiri');
    server.config = () => ({ status: 200, body: CONFIG });
    await wait(10_000);
    expect(heading()).toBe('Pilih instansi');
  });

  it('a revoked device token asks for the technician', async () => {
    const server = createFakeHallServer();
    server.config = () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Unknown device token.' } } });
    await mount(server);
    expect(alertText()).toContain('Perangkat ini tidak dikenali server');
    expect(alertText()).toContain('Ctrl+Shift+R');
  });
});

describe('hall page format helpers', () => {
  it('agency colours get black or white text, whichever contrasts more', () => {
    expect(agencyColors('#1565c0')).toEqual({ background: '#1565c0', ink: '#ffffff' });
    expect(agencyColors('#F9A825')).toEqual({ background: '#f9a825', ink: '#000000' });
    expect(agencyColors(undefined)).toEqual({ background: '#0f2544', ink: '#ffffff' });
    expect(agencyColors('red')).toEqual({ background: '#0f2544', ink: '#ffffff' });
  });

  it('summarize takes the first line, cut at a word', () => {
    expect(summarize('STNK asli', 90)).toBe('STNK asli');
    expect(summarize('\n  STNK asli\nKTP asli', 90)).toBe('STNK asli …');
    expect(summarize('Fotokopi Kartu Keluarga yang dilegalisasi', 20)).toBe('Fotokopi Kartu…');
    expect(summarize('', 20)).toBe('');
  });
});
