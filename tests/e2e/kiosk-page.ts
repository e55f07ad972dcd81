import { expect, type Page } from '@playwright/test';
import type { TestHall } from '../support/hall-server.ts';

/** Helpers of the kiosk's Playwright specs: enrollment through its setup screen, its printer, its prints. */

/** Enrolls the kiosk page through its own setup screen, with a code the admin would make. */
export async function enrollKiosk(page: Page, hall: TestHall, name = 'Kiosk pintu masuk'): Promise<void> {
  const code = hall.server.ctx.auth.createEnrollCode({ kind: 'kiosk', counterId: null, ttlMinutes: 10 });
  await page.goto(`${hall.server.url}/kiosk/`);
  await expect(page.getByRole('heading', { name: 'Pendaftaran perangkat' })).toBeVisible();
  await page.getByLabel('Kode pendaftaran').fill(code.code);
  await page.getByLabel('Nama perangkat').fill(name);
  await page.getByRole('button', { name: 'Daftarkan perangkat' }).click();
  await expect(page.getByRole('heading', { name: 'Pilih instansi' })).toBeVisible();
}

export type PrinterChoice = { kind: 'browser'; paper: 58 | 80 } | { kind: 'network'; host: string; port: number; paper: 58 | 80 } | { kind: 'none' };

/** Sets the kiosk's printer on its setup screen (Ctrl+Shift+P), as a technician does, and goes back to the start. */
export async function setPrinterOnKiosk(page: Page, printer: PrinterChoice): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('heading', { name: 'Pengaturan printer kiosk' })).toBeVisible();
  const kind = { browser: 'Printer dari browser', network: 'Printer jaringan (ESC/POS)', none: 'Tanpa printer' }[printer.kind];
  await page.getByRole('radio', { name: new RegExp(`^${kind.replace(/[()]/g, '\\$&')}`) }).check();
  if (printer.kind === 'network') {
    await page.getByRole('textbox', { name: 'Alamat printer' }).fill(printer.host);
    await page.getByRole('textbox', { name: 'Port' }).fill(String(printer.port));
  }
  if (printer.kind !== 'none') await page.getByRole('radio', { name: `${printer.paper} mm` }).check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Pengaturan printer tersimpan.')).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('heading', { name: 'Pilih instansi' })).toBeVisible();
}

/** Before any page script: `window.print()` only counts (a kiosk's Chromium prints silently with --kiosk-printing). */
export function countPrints(): void {
  const w = window as unknown as { __prints: number };
  w.__prints = 0;
  window.print = () => {
    w.__prints += 1;
  };
}

export const printsOf = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __prints: number }).__prints);

/** The pages' MediaBoxes of a PDF, in points (`/MediaBox [0 0 W H]`), read from its bytes. */
export function mediaBoxes(pdf: Buffer): Array<{ width: number; height: number }> {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => ({
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

export const MM_IN_POINTS = 72 / 25.4;

/**
 * What a keyboard-wedge scanner does when a QR code is held to it: it types what the code holds,
 * then Enter, in one burst (a few ms per key). Sent as one burst of key events in the page: through
 * Playwright's keyboard each key is a round trip, which on a busy test machine can take longer
 * than the 100 ms that tells a scanner from a person.
 */
export async function scanWithWedge(page: Page, text: string): Promise<void> {
  await page.evaluate((typed) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...typed, 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }));
  }, text);
}
