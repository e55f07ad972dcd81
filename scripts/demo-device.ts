import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { simulatedDeviceAvailable, startSimulatedDevice } from '../tests/support/simulated-device.ts';

/**
 * The demo's call-button and LED display without hardware: the reference firmware in simavr
 * (real time) behind a PTY, reachable at a stable path (argv[2], a symlink re-pointed if the PTY
 * changes). Type 1, 2 or 3 and Enter to press that key; what the display shows is printed.
 */
const link = resolve(process.argv[2] ?? '.loket-data/demo-device/tty');
if (!simulatedDeviceAvailable('demo device')) {
  console.log('DEMO-DEVICE none');
  process.exit(0);
}
const device = await startSimulatedDevice({ realtime: true });
mkdirSync(dirname(link), { recursive: true });
rmSync(link, { force: true });
symlinkSync(device.ptyPath, link);
console.log(`DEMO-DEVICE ${link}`);

let shown = '';
const timer = setInterval(() => {
  const d = device.display();
  const text = d.shutdown ? '(dark)' : `[${d.display}]`;
  if (text !== shown) console.log(`  LED display: ${(shown = text)}`);
}, 100);
timer.unref();

createInterface({ input: process.stdin }).on('line', (line) => {
  const key = Number(line.trim());
  if ([1, 2, 3].includes(key)) void device.click(key);
});
const stop = (): void => {
  clearInterval(timer);
  void device.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
