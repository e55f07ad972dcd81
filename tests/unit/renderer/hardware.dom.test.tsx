import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorInfo, Result } from '../../../core/errors.ts';
import type { HardwareConfig, HardwareState, SerialPortInfo } from '../../../core/hardware-ipc.ts';
import type { ConnectionState, LoketApi } from '../../../core/ipc.ts';
import { startCounterApp } from '../../../renderer/counter/bootstrap.tsx';
import { SERIAL_LOG_MAX } from '../../../renderer/technician/useSerialLog.ts';
import { buttonNamed as button, alertTexts, field, interactions, memoryStorage, nameOf, settleRealTimers, typeInto } from './support/dom.ts';
import { createFakeHardware, IDLE_HARDWARE } from './support/fake-hardware.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// ---------------------------------------------------------------------------------------------
// A FAKE LoketApi: an enrolled counter (signed out, or open and serving) whose call-button and
// display live in `createFakeHardware`. Everything else answers just enough to show the screens.
// ---------------------------------------------------------------------------------------------

const NOW = Date.UTC(2025, 0, 6, 2, 0, 0); // 09:00 in Asia/Jakarta
const NOT_HERE: ErrorInfo = { code: 'internal', message: 'not in this fake' };
const PORTS: SerialPortInfo[] = [
  { path: '/dev/ttyUSB0', manufacturer: 'wch.cn', vendorId: '1a86', productId: '7523', serialNumber: null },
  { path: '/dev/ttyACM0', manufacturer: 'Arduino (www.arduino.cc)', vendorId: '2341', productId: '0043', serialNumber: '85735313' },
];
const SAVED: HardwareConfig = { path: '/dev/ttyUSB0', adapter: 'lsp1', baud: 115200, keys: { '1': 'callNext', '2': 'recall', '3': 'finish' } };
const DEVICE = { model: 'LOKET-LSP1', firmware: '1.2.0', protocol: '1', digits: 4, keys: 3 };
const CONNECTED: HardwareState = { config: SAVED, state: 'connected', device: DEVICE, display: '', error: null, dropped: 0 };

function createFakeLoketApi(stage: 'signedOut' | 'open', hardwareState: HardwareState = IDLE_HARDWARE) {
  const hardware = createFakeHardware(hardwareState, PORTS);
  const officer = stage === 'open' ? { id: 'u1', name: 'Rina Marlina' } : null;
  const connection: ConnectionState = {
    enrolled: true,
    serverUrl: 'https://192.168.1.10:7420',
    fingerprint256: null,
    hallName: 'MPP Kabupaten Lebong',
    counterId: 'loket-1',
    online: true,
    officer,
    counter: {
      counterId: 'loket-1',
      number: 1,
      agencyId: 'dukcapil',
      status: stage === 'open' ? 'open' : 'closed',
      pauseReason: null,
      officer,
      serviceIds: [],
      current: null,
      since: NOW,
    },
    sync: { pending: 0, sending: false, ackedThrough: 0, lastError: null, rejected: [] },
    walkInNumbersLeft: 50,
  };
  const ok = async <T,>(value: T): Promise<Result<T>> => ({ ok: true, value });
  const no = async (): Promise<{ ok: false; error: ErrorInfo }> => ({ ok: false, error: NOT_HERE });
  const api: LoketApi = {
    getAppInfo: () => ok({ version: 'test', runtime: 'headless' as const }),
    getCounterContext: () =>
      ok({ deviceId: 'pc-1', hallName: 'MPP Kabupaten Lebong', timeZone: 'Asia/Jakarta', counter: { id: 'loket-1', number: 1 }, services: [], recallsBeforeNoShow: 3, otherCounters: [] }),
    getCurrentTicket: () => ok(null),
    getToday: () => ok({ day: '2025-01-06', served: [], summary: { day: '2025-01-06', served: 0, pending: 0, noShow: 0, averageServiceMs: null } }),
    getConnection: () => ok(connection),
    getQueue: () => ok([]),
    ...{ startWalkIn: no, finishTicket: no, probeServer: no, enrollDevice: no, signIn: no, signOut: no, openCounter: no, pauseCounter: no, resumeCounter: no, closeCounter: no },
    ...{ callNext: no, callTicket: no, recallTicket: no, startServing: no, markNoShow: no, returnToQueue: no, transferTicket: no },
    ...hardware.api,
    on: { ledgerChanged: () => () => undefined, queueChanged: () => () => undefined, connectionChanged: () => () => undefined, ...hardware.on },
  };
  return { api, hardware };
}

// ---------------------------------------------------------------------------------------------

let root: Root | null = null;
const settle = (): Promise<void> => settleRealTimers(8);
const { press, click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  vi.useRealTimers();
  await act(async () => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

async function mount(api: LoketApi): Promise<void> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startCounterApp(container, api, memoryStorage());
  });
  await settle();
}

/** Mounted at sign-in, then into the device screen by its button. */
async function openFromSignIn(hardwareState: HardwareState = IDLE_HARDWARE) {
  const fake = createFakeLoketApi('signedOut', hardwareState);
  await mount(fake.api);
  await click(button('Perangkat loket (teknisi)'));
  return fake.hardware;
}


function select(label: string): HTMLSelectElement {
  const found = Array.from(document.querySelectorAll('label')).find((l) => nameOf(l) === label);
  const element = found ? document.getElementById(found.htmlFor) : null;
  if (!(element instanceof HTMLSelectElement)) throw new Error(`no select labelled ${label}`);
  return element;
}

async function choose(element: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

async function push(action: () => void): Promise<void> {
  await act(async () => action());
  await settle();
}

const heading = (): string => document.querySelector('h1')?.textContent ?? '';
const logLines = (): HTMLElement[] => Array.from(document.querySelectorAll<HTMLElement>('.serial-line'));
const stateText = (): string => document.querySelector('.hw-state')?.textContent ?? '';

// ---------------------------------------------------------------------------------------------

describe('technician: the device screen', () => {
  it('is reached from sign-in by a keyboard button, and Escape goes back', async () => {
    const fake = createFakeLoketApi('signedOut');
    await mount(fake.api);
    const open = button('Perangkat loket (teknisi)');
    expect(open.tabIndex).toBe(0);
    expect(open.closest('nav')?.getAttribute('aria-label')).toBe('Menu loket');
    await act(async () => open.focus());
    expect(document.activeElement).toBe(open);
    await click(open);
    expect(heading()).toBe('Perangkat loket');
    expect(document.activeElement).toBe(field('Jalur port'));
    expect(button('Kembali').getAttribute('aria-keyshortcuts')).toBe('Escape');

    const escape = await press('Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(heading()).toBe('Masuk petugas');
    expect(document.activeElement).toBe(field('Nama pengguna'));
  });

  it('lists the ports with what identifies them; refresh asks again; choosing one fills the path', async () => {
    const hardware = await openFromSignIn();
    const rows = Array.from(document.querySelectorAll('.hw-table tbody tr'));
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['/dev/ttyUSB0', '/dev/ttyACM0']);
    expect(rows[0]?.textContent).toContain('wch.cn');
    expect(rows[0]?.textContent).toContain('1a86:7523');
    expect(rows[1]?.textContent).toContain('85735313');
    expect(Array.from(document.querySelectorAll('datalist option')).map((o) => o.getAttribute('value'))).toEqual(['/dev/ttyUSB0', '/dev/ttyACM0']);

    await click(button('Pilih port /dev/ttyACM0'));
    expect(field('Jalur port').value).toBe('/dev/ttyACM0');
    expect(button('Pilih port /dev/ttyACM0').getAttribute('aria-pressed')).toBe('true');

    hardware.setPorts([...PORTS, { path: '/dev/ttyUSB1', manufacturer: null, vendorId: '10c4', productId: 'ea60', serialNumber: null }]);
    const listed = hardware.calls('listSerialPorts').length;
    await click(button('Muat ulang daftar port'));
    expect(hardware.calls('listSerialPorts')).toHaveLength(listed + 1);
    expect(document.querySelectorAll('.hw-table tbody tr')).toHaveLength(3);
  });

  it('connect sends the whole configuration, with a typed PTY path, the adapter and the speed', async () => {
    const hardware = await openFromSignIn();
    expect(select('Kecepatan (baud)').value).toBe('115200');
    await click(button('Simpan & sambungkan'));
    expect(hardware.calls('connectHardware')).toEqual([]);
    expect(document.body.textContent).toContain('Pilih port dari daftar atau ketik jalurnya.');
    expect(document.activeElement).toBe(field('Jalur port'));

    await typeInto(field('Jalur port'), ' /dev/pts/7 ');
    await click(field('Layar teks sederhana (satu baris, tanpa tombol)'));
    await choose(select('Kecepatan (baud)'), '9600');
    await click(button('Simpan & sambungkan'));
    expect(hardware.calls('connectHardware')).toEqual([
      { path: '/dev/pts/7', adapter: 'plain-line', baud: 9600, keys: { '1': 'callNext', '2': 'recall', '3': 'finish' } },
    ]);
    expect(document.querySelector('.hw-notice')?.textContent).toBe('Pengaturan perangkat tersimpan untuk loket ini.');
    expect(stateText()).toContain('Membuka port…');

    await click(button('Putuskan'));
    expect(hardware.calls('disconnectHardware')).toEqual([{}]);
    expect(document.querySelector('.hw-notice')?.textContent).toBe('Perangkat diputuskan.');
    expect(button('Putuskan').disabled).toBe(true);
  });

  it('a port list that cannot be read says to type the path; a later list clears it', async () => {
    const hardware = await openFromSignIn();
    hardware.failNext('listSerialPorts', { code: 'serial_list_failed', message: 'udevadm not found' });
    await click(button('Muat ulang daftar port'));
    expect(alertTexts()).toContain('Ketik jalur port secara langsung');
    expect(alertTexts()).toContain('Rincian: udevadm not found');
    await click(button('Muat ulang daftar port'));
    expect(alertTexts().trim()).toBe('');
  });

  it('shows the state in words and a symbol, and the device once it answered', async () => {
    const hardware = await openFromSignIn();
    expect(stateText()).toContain('Tidak tersambung');
    await push(() => hardware.change({ config: SAVED, state: 'handshaking' }));
    expect(stateText()).toContain('Menyapa perangkat…');
    await push(() => hardware.change({ ...CONNECTED, device: { ...DEVICE, keys: 4 }, display: 'A-012', dropped: 2 }));
    const state = document.querySelector('.hw-state');
    expect(state?.getAttribute('role')).toBe('status');
    expect(state?.textContent).toContain('Tersambung');
    expect(state?.querySelector('[aria-hidden="true"]')?.textContent).toContain('●');
    const facts = document.body.textContent ?? '';
    for (const fact of ['LOKET-LSP1', '1.2.0', 'A-012', 'Bingkai rusak dibuang2']) expect(facts).toContain(fact);
    expect(select('Tombol 4').value).toBe('none'); // the editor follows the device's four keys
    await push(() => hardware.change({ state: 'reconnecting' }));
    expect(stateText()).toContain('Menyambung ulang…');
  });

  it('shows the serial log from batches, in and out marked; keeps the newest 500; pauses and clears', async () => {
    const hardware = await openFromSignIn();
    expect(document.body.textContent).toContain('Belum ada data di jalur serial.');
    await push(() =>
      hardware.log([
        { at: NOW, dir: 'out', text: '$HELLO,1*5B' },
        { at: NOW + 12, dir: 'in', text: '$INFO,1,LOKET-LSP1,1.2.0,1,4,3*2A' },
      ]),
    );
    expect(logLines().map((l) => l.dataset['dir'])).toEqual(['out', 'in']);
    expect(logLines()[0]?.textContent).toContain('kirim');
    expect(logLines()[1]?.textContent).toContain('terima');
    expect(logLines()[1]?.textContent).toContain('09:00:00.012');

    const batch = Array.from({ length: 1000 }, (_, i) => ({ at: NOW + i, dir: 'in' as const, text: `$PONG,${i}*00` }));
    await push(() => hardware.log(batch));
    expect(logLines()).toHaveLength(SERIAL_LOG_MAX);
    expect(logLines()[0]?.textContent).toContain('$PONG,500*00');
    expect(logLines().at(-1)?.textContent).toContain('$PONG,999*00');

    await click(button('Jeda'));
    await push(() => hardware.log([{ at: NOW, dir: 'out', text: '$PING,9*00' }]));
    expect(logLines().at(-1)?.textContent).toContain('$PONG,999*00');
    expect(document.body.textContent).toContain('1 baris baru ditahan selama jeda');
    await click(button('Lanjutkan'));
    expect(logLines()).toHaveLength(SERIAL_LOG_MAX);
    expect(logLines().at(-1)?.textContent).toContain('$PING,9*00');

    await click(button('Kosongkan'));
    expect(logLines()).toHaveLength(0);
  });

  it('tests the display: 8888, blink, brightness and beep, each with its own kind', async () => {
    const hardware = await openFromSignIn();
    expect(button('Tampilkan 8888').disabled).toBe(true);
    expect(document.body.textContent).toContain('Sambungkan perangkat dahulu untuk menguji layar.');
    await push(() => hardware.change(CONNECTED));
    await click(button('Tampilkan 8888'));
    await click(button('Kedipkan'));
    await click(button('Bunyikan beep'));
    await typeInto(field('Kecerahan (0–15)'), '12');
    await settle();
    expect(hardware.calls('testDisplay')).toEqual([{ kind: 'pattern' }, { kind: 'blink' }, { kind: 'beep' }, { kind: 'bright', level: 12 }]);
    expect(document.querySelector('.hw-facts:last-of-type')?.textContent).toContain('8888');

    await push(() => hardware.change({ config: { ...SAVED, adapter: 'plain-line' }, device: null }));
    expect(button('Tampilkan 8888').disabled).toBe(false);
    expect(button('Kedipkan').disabled).toBe(true); // a plain text line cannot blink
  });

  it('shows each key press live: key, count and what it did', async () => {
    const hardware = await openFromSignIn(CONNECTED);
    expect(document.body.textContent).toContain('Belum ada tombol yang ditekan.');
    await push(() => hardware.key({ key: 2, count: 17, action: 'recall', at: NOW }));
    const latest = document.querySelector('.hw-press-latest');
    expect(latest?.closest('[role="group"]')?.getAttribute('aria-labelledby')).toBeTruthy();
    expect(latest?.getAttribute('role')).toBe('status');
    expect(latest?.textContent).toContain('Tombol 2 · tekanan ke-17 · Panggil ulang');
    await push(() => hardware.key({ key: 4, count: 1, action: 'none', at: NOW }));
    expect(latest?.textContent).toContain('Tombol 4 · tekanan ke-1 · Tidak dipakai');
    expect(document.querySelector('.hw-press-list')?.textContent).toContain('Tombol 2 · tekanan ke-17');
  });

  it('edits the key map and saves it, and the one-button preset, with connectHardware', async () => {
    const hardware = await openFromSignIn(CONNECTED);
    expect(['Tombol 1', 'Tombol 2', 'Tombol 3'].map((k) => select(k).value)).toEqual(['callNext', 'recall', 'finish']);
    await choose(select('Tombol 3'), 'finishAndCallNext');
    await click(button('Simpan fungsi tombol'));
    expect(hardware.calls('connectHardware').at(-1)).toEqual({ ...SAVED, keys: { '1': 'callNext', '2': 'recall', '3': 'finishAndCallNext' } });

    await click(button('Perangkat satu tombol'));
    expect(['Tombol 1', 'Tombol 2', 'Tombol 3'].map((k) => select(k).value)).toEqual(['finishAndCallNext', 'none', 'none']);
    await click(button('Simpan fungsi tombol'));
    expect(hardware.calls('connectHardware').at(-1)).toEqual({ ...SAVED, keys: { '1': 'finishAndCallNext', '2': 'none', '3': 'none' } });
  });

  it('explains a serial error with its fix in both languages, the message as detail', async () => {
    const hardware = await openFromSignIn(CONNECTED);
    const message = 'No permission to open /dev/ttyUSB0 (Error: Permission denied)';
    hardware.failNext('connectHardware', { code: 'serial_permission', message });
    await click(button('Simpan & sambungkan'));
    expect(alertTexts()).toContain('Perangkat bermasalah');
    expect(alertTexts()).toContain('grup dialout');
    expect(alertTexts()).toContain(`Rincian: ${message}`);
    await click(button('Switch to English'));
    expect(alertTexts()).toContain('add the user to the dialout group');
    await click(button('Ganti ke Bahasa Indonesia'));

    await click(button('Simpan & sambungkan')); // succeeds: the alert clears
    expect(alertTexts().trim()).toBe('');
    await push(() => hardware.change({ state: 'failed', error: { code: 'serial_no_answer', message: 'no HELLO answer' } }));
    expect(alertTexts()).toContain('Periksa kecepatan (baud) dan kabelnya');
    expect(stateText()).toContain('Gagal tersambung');
  });
});

describe('counter screen: the devices in the header', () => {
  it('the "Perangkat" button carries the state, explained on hover and focus; it opens the screen and "Kembali" returns', async () => {
    const fake = createFakeLoketApi('open');
    await mount(fake.api);
    const open = button('Perangkat'); // the state is shown in it, but is not part of its name
    const status = (): string => document.querySelector('[data-hardware]')?.textContent ?? '';
    expect(open.closest('nav')?.getAttribute('aria-label')).toBe('Menu loket');
    expect(status()).toContain('Tombol & layar: belum diatur');
    await push(() => fake.hardware.change(CONNECTED));
    expect(open.querySelector('.hw-badge')?.textContent).toBe('● tersambung');
    expect(status()).toContain('Tombol & layar: tersambung');
    expect(open.getAttribute('title')).toContain('/dev/ttyUSB0 siap dipakai');
    expect(document.getElementById(open.getAttribute('aria-describedby') ?? '')?.textContent).toBe(status());
    await push(() => fake.hardware.change({ state: 'failed', error: { code: 'serial_not_found', message: 'gone' } }));
    expect(open.querySelector('.hw-badge')?.textContent).toBe('✕ gagal');
    expect(status()).toContain('Loket tetap bisa dipakai dengan keyboard');

    await click(open);
    expect(heading()).toBe('Perangkat loket');
    expect(alertTexts()).toContain('Port tidak ditemukan');
    await click(button('Kembali'));
    expect(button('Panggil berikutnya')).toBeTruthy();
  });
});
