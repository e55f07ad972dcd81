import { expect, test } from '@playwright/test';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { startCounterHost } from '../support/counter-host.ts';
import { startTestHall } from '../support/hall-server.ts';
import { simulatedDeviceAvailable, startSimulatedDevice, type SimulatedDevice } from '../support/simulated-device.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { enrollSignInAndOpen } from './counter-setup.ts';

/**
 * The technician sets up the counter's call-button and display, against the reference firmware
 * running in simavr behind a PTY: the screen lists the device, connects, the display shows 8888
 * when tested, and a press of the real (simulated) button shows live.
 */
const QUIET = { warn: () => undefined };

test('technician screen: lists the simulated device, tests the display (8888) and shows a key press live', async ({ context }) => {
  test.skip(!simulatedDeviceAvailable('technician hardware screen'), 'the AVR toolchain or simavr is missing');
  const hall = await startTestHall();
  const data = makeTempDir('loket-e2e-hw-');
  let device: SimulatedDevice | null = null;
  let host: HeadlessHost | null = null;
  try {
    device = await startSimulatedDevice();
    const simulated = { path: device.ptyPath, manufacturer: 'Loket simulator', vendorId: null, productId: null, serialNumber: 'SIM-1' };
    host = await startCounterHost(data.path, 'loket-1', 0, { feed: { backoff: { initialMs: 50, maxMs: 400 } }, log: QUIET }, [simulated]);
    const page = await context.newPage();
    await enrollSignInAndOpen(page, hall, host);

    await page.getByRole('button', { name: /^Perangkat/ }).click();
    await expect(page.getByRole('heading', { name: 'Perangkat loket' })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(device.ptyPath) });
    await expect(row).toContainText('Loket simulator');
    await row.getByRole('button', { name: `Pilih port ${device.ptyPath}` }).click();
    await page.getByRole('button', { name: 'Simpan & sambungkan' }).click();
    const state = page.getByRole('region', { name: '2. Keadaan' });
    await expect(state.getByRole('status')).toContainText('Tersambung', { timeout: 10_000 });
    await expect(state).toContainText('LKT-REF');

    await page.getByRole('button', { name: 'Tampilkan 8888' }).click();
    await device.waitForDisplay('8888', 5000);

    await device.click(1);
    await expect(page.getByText(/Tombol 1 · tekanan ke-1 · Panggil berikutnya/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Log serial' })).toContainText('$KEY,1,1');
  } finally {
    await host?.close();
    await device?.stop();
    await hall.close();
    data.remove();
  }
});
