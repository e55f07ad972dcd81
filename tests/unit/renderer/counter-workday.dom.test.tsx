import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { field, typeInto } from './support/dom.ts';
import { counterAppHarness } from './support/counter-app.ts';
import { createHallFake } from './support/hall-fake.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The officer's day beyond calling and finishing, against the FAKE LoketApi of support/hall-fake.ts
// (the real one is driven end to end by tests/e2e/counter-workday.spec.ts).

const { settle, press, mount, button } = counterAppHarness();
const hint = (): string => document.querySelector('.hint[role="status"]')?.textContent ?? '';
const visitorCard = (): string => document.querySelector('section.visitor')?.textContent ?? '';
const dialogTitle = (): string | null => document.querySelector('[role="dialog"][aria-modal="true"] h2')?.textContent ?? null;
const tipOf = (element: Element | null): string =>
  document.getElementById(element?.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe('pause and resume', () => {
  it('Shift+F2 asks why, 2 pauses for prayer; calling is refused until Shift+F2 resumes', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    await mount(fake);
    await press('F2', { shiftKey: true });
    expect(dialogTitle()).toBe('Jeda loket: alasannya?');
    expect(Array.from(document.querySelectorAll('.chooser-name')).map((e) => e.textContent)).toEqual(['Istirahat', 'Salat', 'Gangguan sistem', 'Lainnya']);
    await press('2');
    expect(fake.calls('pauseCounter')).toEqual([{ reason: 'prayer' }]);
    expect(dialogTitle()).toBeNull();
    expect(visitorCard()).toContain('Loket dijeda: Salat');
    expect(visitorCard()).toContain('Sejak 09:00');
    expect(document.activeElement).toBe(button('Lanjutkan'));
    expect(button('Panggil berikutnya').disabled).toBe(true);

    await press('F1');
    expect(fake.calls('callNext')).toEqual([]);
    expect(hint()).toContain('Loket sedang dijeda');

    await press('F2', { shiftKey: true });
    expect(fake.calls('resumeCounter')).toHaveLength(1);
    expect(visitorCard()).not.toContain('dijeda');
    expect(hint()).toBe('Loket dilanjutkan.');
    await press('F1');
    expect(fake.calls('callNext')).toHaveLength(1);
  });

  it('Escape closes the reason dialog without pausing and focus returns', async () => {
    const fake = createHallFake('open');
    await mount(fake);
    const before = document.activeElement;
    await press('F2', { shiftKey: true });
    expect(dialogTitle()).not.toBeNull();
    await press('Escape');
    expect(dialogTitle()).toBeNull();
    expect(fake.calls('pauseCounter')).toEqual([]);
    expect(document.activeElement).toBe(before);
  });
});

describe('closing the counter', () => {
  it('is refused while a visitor is at the counter, then confirmed with Enter once they are finished', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    await mount(fake);
    await press('F1');
    await press('F4', { shiftKey: true });
    expect(dialogTitle()).toBeNull();
    expect(hint()).toContain('A-001 masih di loket');
    expect(button('Tutup loket').disabled).toBe(true);

    await press('F8');
    await press('F4');
    await press('F4', { shiftKey: true });
    expect(dialogTitle()).toBe('Tutup loket 1 untuk hari ini?');
    await press('Escape');
    expect(fake.calls('closeCounter')).toEqual([]);

    await press('F4', { shiftKey: true });
    await press('Enter');
    expect(fake.calls('closeCounter')).toHaveLength(1);
    expect(document.querySelector('h1, h2')?.textContent).toBeTruthy();
    expect(document.body.textContent).toContain('Buka loket');
  });
});

describe('repeated calls', () => {
  it('after the hall’s number of calls the card suggests a no-show and F9 becomes the primary action', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    await mount(fake);
    await press('F1');
    expect(visitorCard()).not.toContain('tandai tidak hadir');
    expect(button('Mulai layani').className).toContain('key-button-primary');
    await press('F3');
    expect(visitorCard()).toContain('Dipanggil 2×');
    expect(visitorCard()).not.toContain('tandai tidak hadir');
    await press('F3');
    expect(visitorCard()).toContain('Sudah dipanggil 3×. Jika pengunjung tidak datang, tandai tidak hadir (F9).');
    expect(button('Tidak hadir').className).toContain('key-button-primary');
    expect(button('Mulai layani').className).not.toContain('key-button-primary');
  });
});

describe('status items explain themselves', () => {
  it('connection and outbox are reachable by Tab and carry their explanation', async () => {
    const fake = createHallFake('open');
    await mount(fake);
    const outbox = document.querySelector('.status-synced');
    expect(outbox?.textContent).toContain('Terkirim semua');
    expect(outbox?.getAttribute('tabindex')).toBe('0');
    expect(tipOf(outbox)).toContain('sudah diterima server aula');

    await act(async () => fake.setPending(3));
    await settle();
    const pending = document.querySelector('.status-pending');
    expect(pending?.textContent).toContain('3 belum terkirim');
    expect(tipOf(pending)).toContain('Tidak ada yang hilang');

    await act(async () => fake.setOnline(false));
    await settle();
    const conn = document.querySelector('.conn');
    expect(conn?.textContent).toContain('Luring');
    expect(conn?.getAttribute('tabindex')).toBe('0');
    expect(tipOf(conn)).toContain('pengunjung langsung tetap bisa dicatat');
  });
});

describe('transfer to another counter', () => {
  it('offers the hall’s other counters by number and agency, the first chosen; Enter sends its id', async () => {
    const fake = createHallFake('open');
    fake.issue('ktp-el');
    await mount(fake);
    await press('F1');
    await press('F10');
    const radios = Array.from(document.querySelectorAll<HTMLInputElement>('[role="dialog"] input[type="radio"]'));
    await act(async () => radios.at(-1)?.click());
    await settle();
    const select = document.querySelector<HTMLSelectElement>('[role="dialog"] select');
    expect(document.querySelector(`label[for="${select?.id ?? ''}"]`)?.textContent).toBe('Loket tujuan');
    expect(Array.from(select?.options ?? []).map((o) => o.textContent)).toEqual(['Loket 2 – Disdukcapil']);
    await typeInto(field('Alasan'), 'Perlu verifikasi di loket 2');
    await act(async () => radios.at(-1)?.focus());
    await press('Enter'); // on the chosen target: transfers
    await settle();
    expect(fake.calls('transferTicket')).toEqual([{ toServiceId: null, toCounterId: 'loket-2', reason: 'Perlu verifikasi di loket 2' }]);
  });
});

describe('the supervisors’ dashboard', () => {
  it('the sign-in screen links to the hall server’s dashboard, opened outside the counter window', async () => {
    const fake = createHallFake('enrolled');
    await mount(fake);
    const link = document.querySelector<HTMLAnchorElement>('nav a.header-link');
    expect(link?.textContent).toBe('Dasbor supervisor');
    expect(link?.href).toBe('https://192.168.1.10:7420/dashboard/');
    expect(link?.target).toBe('_blank');
    expect(link?.rel).toContain('noopener');
  });
});
