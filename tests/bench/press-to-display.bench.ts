import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Ticket } from '../../core/domain.ts';
import type { HardwareState } from '../../core/hardware-ipc.ts';
import { displayText, encodeCommand, encodeDeviceMessage } from '../../core/lsp1.ts';
import { createAppServices } from '../../main/app-services.ts';
import { startHallProcess } from '../support/hall-process.ts';
import { simulatedDeviceAvailable, startSimulatedDevice } from '../support/simulated-device.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { percentile, round3 } from './baseline.ts';
import { SERVICES, api, benchHall, enrollDevice, prepareBenchHall } from './bench-hall.ts';

/**
 * From the call-button going down to the LED display showing the newly called number: the
 * reference firmware in simavr throttled to real time at 115200 baud, the counter app's own
 * driver and services, and a real hall server (its own process) with 50 other counters calling
 * and a kiosk issuing tickets, from a third process as from the hall's other PCs.
 *
 * `wire_floor_ms` is the time the two frames on the path take on the wire (`$KEY` up, `$SHOW`
 * down, 10 bits a byte); `overhead_p99_ms` is what the firmware, the host and the hall add on top.
 */
const OTHERS = 50;
/** Enough that p99 is the 5th-highest sample: of 150 it was the 2nd, and one hiccup of the shared machine decided it. */
const PRESSES = 500;
const BAUD = 115200;
const MINE = OTHERS + 1;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export default async function pressToDisplayBench(): Promise<Record<string, number | string>> {
  if (!simulatedDeviceAvailable('press-to-display bench')) throw new Error('the AVR toolchain or simavr is missing');
  const dir = makeTempDir('loket-bench-press-');
  const hallDir = join(dir.path, 'hall');
  const { codes, kioskCodes } = await prepareBenchHall(hallDir, MINE, 2);
  const server = await startHallProcess(hallDir);
  const device = await startSimulatedDevice({ realtime: true });
  const others = SERVICES.slice(0, 4);
  const mine = SERVICES[4] as string;
  const services = createAppServices({
    dataDir: join(dir.path, 'counter'),
    hallConfig: benchHall(MINE),
    counterId: `c${MINE}`,
    runtime: 'headless',
    version: 'bench',
    push: () => undefined,
    hall: { log: { warn: () => undefined } },
  });
  const h = services.handlers;
  const plan = { url: server.url, kioskCode: kioskCodes[1], codes: codes.slice(0, OTHERS), services: others };
  const hall = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'other-counters.ts'), JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      hall.stdout.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : undefined));
      hall.once('exit', (code) => reject(new Error(`the other counters' process stopped (${code})`)));
    });
    const kiosk = await enrollDevice(server.url, kioskCodes[0] as string);

    await h.enrollDevice({ url: server.url, code: codes[OTHERS] as string, name: 'bench counter', fingerprint256: null });
    while (!services.link.online) await sleep(20);
    await h.signIn({ username: `o${MINE}`, pin: '1234' });
    await h.openCounter({ serviceIds: [mine] });
    let hw: HardwareState = await h.connectHardware({ path: device.ptyPath, adapter: 'lsp1', baud: BAUD, keys: { '1': 'callNext' } });
    for (let waited = 0; hw.state !== 'connected'; waited += 20) {
      if (waited > 10_000) throw new Error(`the simulated device did not connect: ${JSON.stringify(hw)}`);
      await sleep(20);
      hw = await h.getHardware({});
    }

    const latencies: number[] = [];
    let keyFrame = '';
    let showFrame = '';
    for (let press = 1; press <= PRESSES + 5; press++) {
      const issued = (await api(server.url, 'POST', '/tickets', kiosk, { serviceId: mine })).json as Ticket;
      const shown = displayText(issued.number, 4);
      keyFrame = encodeDeviceMessage({ type: 'KEY', key: 1, count: press });
      showFrame = encodeCommand(press % 65536, { type: 'SHOW', text: shown });
      const down = Date.now();
      await device.press(1);
      const state = await device.waitForDisplay((d) => d.display.trim() === shown, 5000);
      await device.release(1);
      if (press > 5) latencies.push((state.at ?? Date.now()) - down);
      await h.startServing({});
      const current = await h.getCurrentTicket({});
      if (current) await h.finishTicket({ ticketId: current.id, outcome: 'served', note: null });
      await sleep(30);
    }

    const wireFloorMs = ((keyFrame.length + showFrame.length) * 10 * 1000) / BAUD;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    return {
      presses: latencies.length,
      other_counters: OTHERS,
      baud: BAUD,
      p50_ms: round3(percentile(sorted, 50)),
      p99_ms: round3(p99),
      max_ms: round3(sorted.at(-1) ?? Number.NaN),
      wire_floor_ms: round3(wireFloorMs),
      overhead_p99_ms: round3(p99 - wireFloorMs),
    };
  } finally {
    hall.kill('SIGTERM');
    services.close();
    await device.stop();
    await server.stop();
    dir.remove();
  }
}
