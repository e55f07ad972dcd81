import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { fingerprintRows, normalizeServerUrl } from '../../../renderer/technician/server-address.ts';
import { counterAppHarness } from './support/counter-app.ts';
import { createHallFake, FINGERPRINT } from './support/hall-fake.ts';
import { alertTexts as alertText, field, keydown, nameOf, typeInto } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (no testing library installed).
// ---------------------------------------------------------------------------------------------

const { settle, press, click, mount, button } = counterAppHarness();

const text = (): string => document.body.textContent ?? '';
const statusText = (): string => document.querySelector('.hint[role="status"]')?.textContent ?? '';
const visitorCard = (): string => document.querySelector('section.visitor')?.textContent ?? '';
const waitingRows = (): HTMLTableRowElement[] => Array.from(document.querySelectorAll<HTMLTableRowElement>('tr[data-ticket-id]'));
const dialog = (): HTMLElement | null => document.querySelector('[role="dialog"][aria-modal="true"]');

// ---------------------------------------------------------------------------------------------

describe('technician: enrollment of the counter PC', () => {
  it('shows only enrollment; the probe shows the fingerprint big and grouped; enrolling sends it', async () => {
    const fake = createHallFake('unenrolled');
    await mount(fake);
    expect(text()).toContain('Pendaftaran PC loket');
    expect(() => button('Pengunjung langsung')).toThrow(); // a counter must belong to a hall first
    expect(document.activeElement).toBe(field('Alamat server aula'));

    await typeInto(field('Alamat server aula'), '192.168.1.10');
    await click(button('Periksa server'));
    expect(fake.calls('probeServer')).toEqual([{ url: 'https://192.168.1.10:7420' }]);
    expect(field('Alamat server aula').value).toBe('https://192.168.1.10:7420');
    const shown = document.querySelector('.fingerprint-value');
    expect(shown?.getAttribute('data-fingerprint')).toBe(FINGERPRINT);
    expect(shown?.querySelectorAll('.fingerprint-row')).toHaveLength(4);
    expect(shown?.querySelectorAll('.fingerprint-pair')).toHaveLength(32);
    expect(text()).toContain('Bandingkan dengan sidik jari yang dicetak server aula saat mulai');
    const confirm = field('Sidik jari di atas sama persis dengan yang dicetak server');
    expect(document.activeElement).toBe(confirm);

    await typeInto(field('Kode pendaftaran'), 'k7qx 4m2p');
    await typeInto(field('Nama PC'), 'PC Loket 1');
    await click(button('Daftarkan'));
    expect(fake.calls('enrollDevice')).toEqual([]); // not before the fingerprint is confirmed
    expect(text()).toContain('Bandingkan sidik jari lalu centang konfirmasinya dahulu');
    expect(document.activeElement).toBe(confirm);

    await click(confirm);
    await click(button('Daftarkan'));
    expect(fake.calls('enrollDevice')).toEqual([
      { url: 'https://192.168.1.10:7420', code: 'K7QX-4M2P', name: 'PC Loket 1', fingerprint256: FINGERPRINT },
    ]);
    expect(text()).toContain('Masuk petugas'); // enrolled: nobody signed in yet
    expect(text()).toContain('MPP Kabupaten Lebong');
  });

  it('a loopback http server has no certificate: says so and enrolls with a null fingerprint', async () => {
    const fake = createHallFake('unenrolled');
    await mount(fake);
    await typeInto(field('Alamat server aula'), 'http://127.0.0.1:7420/');
    await click(button('Periksa server'));
    expect(text()).toContain('HTTP lokal, tanpa sertifikat');
    expect(document.querySelector('.fingerprint-value')).toBeNull();
    expect(document.activeElement).toBe(field('Kode pendaftaran'));
    await typeInto(field('Kode pendaftaran'), 'K7QX-4M2P');
    await typeInto(field('Nama PC'), 'PC uji');
    await click(button('Daftarkan'));
    expect(fake.calls('enrollDevice')[0]).toMatchObject({ url: 'http://127.0.0.1:7420', fingerprint256: null });
  });

  it('explains each failure with its fix', async () => {
    const fake = createHallFake('unenrolled');
    await mount(fake);
    fake.failNext('probeServer', { code: 'server_unreachable', message: 'connect ECONNREFUSED 192.168.1.10:7420' });
    await typeInto(field('Alamat server aula'), 'https://192.168.1.10:7420');
    await click(button('Periksa server'));
    expect(alertText()).toContain('firewall server membuka port 7420');
    expect(alertText()).toContain('ECONNREFUSED');

    await click(button('Periksa server'));
    await click(field('Sidik jari di atas sama persis dengan yang dicetak server'));
    await typeInto(field('Kode pendaftaran'), 'K7QX-4M2P');
    await typeInto(field('Nama PC'), 'PC Loket 1');
    fake.failNext('enrollDevice', { code: 'enroll_code_invalid', message: 'unknown code', field: 'code' });
    await click(button('Daftarkan'));
    expect(alertText()).toContain('Minta kode baru ke admin');
    expect(document.activeElement).toBe(field('Kode pendaftaran'));

    fake.failNext('enrollDevice', { code: 'certificate_mismatch', message: 'now presents another certificate', field: 'fingerprint256' });
    await click(button('Daftarkan'));
    expect(alertText()).toContain('Berhenti di sini');
    expect(field('Sidik jari di atas sama persis dengan yang dicetak server').checked).toBe(false);
  });

  it('normalizes addresses and groups fingerprints', () => {
    expect(normalizeServerUrl(' 10.0.0.5 ')).toBe('https://10.0.0.5:7420');
    expect(normalizeServerUrl('https://hall.local:8443/')).toBe('https://hall.local:8443');
    expect(normalizeServerUrl('https://hall.local:443')).toBe('https://hall.local'); // 443 said, 443 meant
    expect(fingerprintRows('ab:cd:ef', 2)).toEqual([['AB', 'CD'], ['EF']]);
  });
});

describe('officer: sign-in and opening the counter', () => {
  it('shows the hall, the counter and the status; the PIN is masked and numeric; errors are explained', async () => {
    const fake = createHallFake('enrolled');
    await mount(fake);
    expect(text()).toContain('MPP Kabupaten Lebong');
    expect(text()).toContain('Loket 1');
    expect(document.querySelector('.conn')?.textContent).toContain('Daring');
    const pin = field('PIN');
    expect(pin.type).toBe('password');
    expect(pin.inputMode).toBe('numeric');

    await typeInto(field('Nama pengguna'), 'petugas01');
    await typeInto(pin, '12');
    await click(button('Masuk'));
    expect(text()).toContain('PIN terdiri dari 4 sampai 8 angka');
    expect(fake.calls('signIn')).toEqual([]);

    await typeInto(pin, '0000');
    fake.failNext('signIn', { code: 'login_failed', message: 'Wrong username or PIN.', field: 'pin' });
    await click(button('Masuk'));
    expect(alertText()).toContain('Nama pengguna atau PIN salah');
    expect(field('PIN').value).toBe('');
    expect(document.activeElement).toBe(field('PIN'));

    await typeInto(field('PIN'), '0000');
    fake.failNext('signIn', { code: 'account_locked', message: 'Locked for 15 minutes.' });
    await click(button('Masuk'));
    expect(alertText()).toContain('akun dikunci sementara');

    await typeInto(field('PIN'), '1234');
    await click(button('Masuk'));
    expect(fake.calls('signIn').at(-1)).toEqual({ username: 'petugas01', pin: '1234' });
    expect(text()).toContain('Buka loket');
  });

  it('opens with every service ticked; digits toggle; Enter opens with the chosen ones', async () => {
    const fake = createHallFake('signedIn');
    await mount(fake);
    expect(text()).toContain('Selamat bertugas, Rina Marlina');
    const boxes = (): HTMLInputElement[] => Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    expect(boxes().map((b) => b.checked)).toEqual([true, true, true]);
    expect(document.activeElement).toBe(boxes()[0]);
    await press('3');
    expect(boxes().map((b) => b.checked)).toEqual([true, true, false]);
    await press('3');
    await press('2');
    expect(boxes().map((b) => b.checked)).toEqual([true, false, true]);
    await press('Enter');
    expect(fake.calls('openCounter')).toEqual([{ serviceIds: ['ktp-el', 'akta-lahir'] }]);
    expect(button('Panggil berikutnya')).toBeTruthy();
  });

  it('refuses to open with no service', async () => {
    const fake = createHallFake('signedIn');
    await mount(fake);
    await press('1');
    await press('2');
    await press('3');
    await press('Enter');
    expect(text()).toContain('Pilih minimal satu layanan');
    expect(fake.calls('openCounter')).toEqual([]);
  });
});

describe('serving screen with the hall queue', () => {
  it('shows the live waiting list with wait so far and a priority mark, updated on queueChanged', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el', 'normal', 5);
    await mount(fake);
    expect(waitingRows().map((r) => r.querySelector('th')?.textContent)).toEqual(['A-001']);
    expect(waitingRows()[0]?.textContent).toContain('05:00');
    await act(async () => void fake.issue('kk', 'priority'));
    await settle();
    const rows = waitingRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]?.textContent).toContain('Prioritas'); // a word, not colour alone
    expect(rows[1]?.querySelector('[aria-hidden="true"]')?.textContent).toContain('★');
    expect(text()).toContain('2 menunggu');
  });

  it('F1 calls the next visitor and shows it; with nobody waiting it says so', async () => {
    const fake = createHallFake('open');
    await mount(fake);
    expect(document.activeElement).toBe(button('Panggil berikutnya'));
    const f1 = await press('F1');
    expect(f1.defaultPrevented).toBe(true);
    expect(statusText()).toContain('Tidak ada antrean');

    const entry = fake.issue('ktp-el');
    await press('F1');
    expect(fake.calls('callNext')).toHaveLength(2);
    expect(document.querySelector('[aria-label="Nomor antrean A-001"]')?.textContent).toBe(entry.number);
    expect(visitorCard()).toContain('Dipanggil – menunggu pengunjung datang');
    expect(visitorCard()).toContain('Dipanggil 1×');
    expect(visitorCard()).toContain('Fotokopi Kartu Keluarga');
    expect(waitingRows()).toHaveLength(0);
    expect(statusText()).toContain('A-001 dipanggil');
  });

  it('F3 calls again and counts; F8 starts serving; F4 finishes', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    await mount(fake);
    await press('F1');
    await press('F3');
    expect(fake.calls('recallTicket')).toHaveLength(1);
    expect(visitorCard()).toContain('Dipanggil 2×');
    expect(button('Selesai – dilayani').disabled).toBe(true);
    await press('F4');
    expect(statusText()).toContain('belum mulai dilayani. Tekan F8');

    await press('F8');
    expect(visitorCard()).toContain('Sedang dilayani');
    expect(button('Panggil ulang').disabled).toBe(true);
    await press('F3');
    expect(statusText()).toContain('sudah mulai dilayani');
    expect(fake.calls('recallTicket')).toHaveLength(1);

    await press('F4');
    expect(fake.calls('finishTicket')).toEqual([expect.objectContaining({ outcome: 'served', note: null })]);
    expect(visitorCard()).toContain('Tidak ada pengunjung');
  });

  it('F9 marks a no-show; Shift+F1 returns to the queue', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    fake.issue('kk');
    await mount(fake);
    await press('F1');
    await press('F9');
    expect(fake.calls('markNoShow')).toHaveLength(1);
    expect(statusText()).toContain('A-001 ditandai tidak hadir');
    expect(visitorCard()).toContain('Tidak ada pengunjung');

    await press('F1');
    const back = await press('F1', { shiftKey: true });
    expect(back.defaultPrevented).toBe(true);
    expect(fake.calls('returnToQueue')).toHaveLength(1);
    expect(statusText()).toContain('B-002 dikembalikan ke antrean');
    expect(waitingRows().map((r) => r.querySelector('th')?.textContent)).toEqual(['B-002']);
  });

  it('a key that is not possible now is ignored with a hint', async () => {
    const fake = createHallFake('open');
    await mount(fake);
    for (const key of ['F3', 'F8', 'F9', 'F10']) {
      const event = await press(key);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(statusText()).toContain('Tidak ada pengunjung yang sedang dilayani');
    expect(fake.calls('recallTicket').length + fake.calls('startServing').length + fake.calls('markNoShow').length).toBe(0);
    expect(dialog()).toBeNull();
    const f5 = await press('F5');
    expect(f5.defaultPrevented).toBe(false); // reload stays the browser's
  });

  it('F10 opens the transfer dialog; Esc closes it; Enter transfers to the chosen service', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    await mount(fake);
    await press('F1');
    await press('F10');
    expect(nameOf(dialog() as HTMLElement)).toBe('Pindahkan A-001');
    await press('Escape');
    expect(dialog()).toBeNull();
    expect(fake.calls('transferTicket')).toEqual([]);

    await press('F10');
    const radios = Array.from(dialog()?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? []);
    expect(radios.map((r) => nameOf(r.closest('label') as Element))).toEqual([
      'Layanan lain: Kartu Keluarga',
      'Layanan lain: Akta Kelahiran',
      'Loket lain',
    ]);
    expect(document.activeElement).toBe(radios[0]);
    await press('Enter');
    expect(text()).toContain('Tulis alasan pemindahan');
    await click(radios[1] as HTMLInputElement);
    await typeInto(field('Alasan'), 'perlu akta lahir dulu');
    await act(async () => radios[1]?.focus());
    await press('Enter'); // on the chosen target: transfers
    expect(fake.calls('transferTicket')).toEqual([{ toServiceId: 'akta-lahir', toCounterId: null, reason: 'perlu akta lahir dulu' }]);
    expect(dialog()).toBeNull();
    expect(statusText()).toContain('A-001 dipindahkan');
  });

  it('Enter on a focused waiting row calls that ticket', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    const second = fake.issue('kk');
    await mount(fake);
    const rows = waitingRows();
    await act(async () => rows[0]?.focus());
    await press('ArrowDown');
    expect(document.activeElement).toBe(rows[1]);
    await press('Enter');
    expect(fake.calls('callTicket')).toEqual([{ ticketId: second.ticketId }]);
    expect(document.querySelector('[aria-label="Nomor antrean B-002"]')).not.toBeNull();
  });

  it('a double F1 calls only once; the buttons are disabled while the call is in flight', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    fake.issue('ktp-el');
    await mount(fake);
    const release = fake.hold('callNext');
    await act(async () => {
      keydown('F1');
      keydown('F1');
    });
    expect(button('Panggil berikutnya').disabled).toBe(true);
    expect(button('Pengunjung langsung').disabled).toBe(true);
    await act(async () => release());
    await settle();
    expect(fake.calls('callNext')).toHaveLength(1);
    expect(document.querySelector('[aria-label="Nomor antrean A-001"]')).not.toBeNull();
    expect(waitingRows()).toHaveLength(1);
  });

  it('offline: F1 is refused with a hint and the status explains itself', async () => {
    const fake = createHallFake('open');
    await mount(fake);
    await act(async () => fake.setOnline(false));
    await settle();
    const status = document.querySelector('.conn');
    expect(status?.textContent).toContain('Luring');
    expect(document.getElementById(status?.getAttribute('aria-describedby') ?? '')?.textContent).toContain('pengunjung langsung tetap bisa dicatat');
    await press('F1');
    expect(fake.calls('callNext')).toEqual([]);
    expect(statusText()).toContain('Server aula tidak terhubung');
  });

  it('the header menu names the officer, signs out and switches the language', async () => {
    const fake = createHallFake('open');
    await mount(fake);
    const menu = document.querySelector('nav[aria-label="Menu loket"]');
    expect(menu?.textContent).toContain('Petugas: Rina Marlina');
    await click(button('Switch to English'));
    expect(button('Call next').getAttribute('aria-keyshortcuts')).toBe('F1');
    expect(button('Return to queue').getAttribute('aria-keyshortcuts')).toBe('Shift+F1');
    await click(button('Sign out'));
    expect(fake.calls('signOut')).toHaveLength(1);
    expect(text()).toContain('Officer sign-in');
  });
});
