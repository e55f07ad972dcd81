import { expect, type Page } from '@playwright/test';
import type { HeadlessHost } from '../../main/headless/host.ts';
import type { TestHall } from '../support/hall-server.ts';

export interface CounterSetup {
  /** Which counter the PC is for (default loket-1, number 1, officer petugas01). */
  number?: number;
  /** The hall server address the technician types (default the hall's own; a fault proxy's in offline tests). */
  serverUrl?: string;
}

/**
 * The technician enrolls the counter PC, its officer (petugasNN) signs in and opens it with all its
 * services: by keyboard only, as an officer would. `shot` takes a screenshot at each screen.
 */
export async function enrollSignInAndOpen(
  counter: Page,
  hall: TestHall,
  host: HeadlessHost,
  shot: (name: string) => Promise<unknown> = async () => undefined,
  setup: CounterSetup = {},
): Promise<void> {
  const number = setup.number ?? 1;
  await counter.goto(host.url);
  await expect(counter.getByRole('heading', { name: 'Pendaftaran PC loket' })).toBeVisible();
  await expect(counter.getByLabel('Alamat server aula')).toBeFocused();
  await counter.keyboard.type(setup.serverUrl ?? hall.server.url);
  await counter.keyboard.press('Enter');
  await expect(counter.getByText('HTTP lokal, tanpa sertifikat')).toBeVisible();
  await expect(counter.getByLabel('Kode pendaftaran')).toBeFocused();
  await shot('counter-enroll');
  const counterCode = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: `loket-${number}`, ttlMinutes: 10 });
  await counter.keyboard.type(counterCode.code);
  await counter.keyboard.press('Tab');
  await expect(counter.getByLabel('Nama PC')).toBeFocused();
  await counter.keyboard.type(`PC Loket ${number}`);
  await counter.keyboard.press('Enter');

  await expect(counter.getByRole('heading', { name: 'Masuk petugas' })).toBeVisible();
  await expect(counter.getByText('MPP Kabupaten Lebong')).toBeVisible();
  await expect(counter.getByRole('status').filter({ hasText: 'Daring' })).toBeVisible();
  await expect(counter.getByLabel('Nama pengguna')).toBeFocused();
  await counter.keyboard.type(`petugas${String(number).padStart(2, '0')}`);
  await counter.keyboard.press('Tab');
  await expect(counter.getByLabel('PIN', { exact: true })).toBeFocused();
  await counter.keyboard.type('1234');
  await counter.keyboard.press('Enter');

  await expect(counter.getByRole('heading', { name: 'Buka loket' })).toBeVisible();
  await shot('counter-open');
  const boxes = counter.getByRole('checkbox');
  await expect(boxes).toHaveCount(5);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expect(boxes.first()).toBeFocused();
  await counter.keyboard.press('Space');
  await expect(boxes.first()).not.toBeChecked();
  await counter.keyboard.press('Space');
  await expect(boxes.first()).toBeChecked();
  await counter.keyboard.press('Enter');
  await expect(counter.getByRole('button', { name: 'Panggil berikutnya' })).toBeFocused();
}
