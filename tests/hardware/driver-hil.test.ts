import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../core/domain.ts';
import type { HardwareKey, HardwareState } from '../../core/hardware-ipc.ts';
import { encodeFrame } from '../../core/lsp1.ts';
import { createAppServices, type AppServices } from '../../main/app-services.ts';
import type { DeviceState } from '../../main/hardware/device-common.ts';
import { DeviceSession, type DeviceInfo } from '../../main/hardware/device-session.ts';
import { starterHall } from '../support/counter-host.ts';
import { startTestHall, type TestHall } from '../support/hall-server.ts';
import { simulatedDeviceAvailable, startSimulatedDevice, type SimulatedDevice } from '../support/simulated-device.ts';
import { makeTempDir } from '../support/temp-dir.ts';

/**
 * Hardware in the loop (DESIGN.md §6, §9): the counter's own LSP/1 driver (DeviceSession, and the
 * counter glue behind `connectHardware`) against the reference firmware running in simavr behind a
 * PTY, and a real hall server. Waits are for outcomes; the only upper bound on time is the
 * reconnect after a replug (2 s).
 */

const available = simulatedDeviceAvailable('Hardware-in-the-loop driver tests (reference firmware in simavr)');

const REFERENCE_DEVICE: DeviceInfo = { model: 'LKT-REF', firmware: '1.0.0', protocol: '1', digits: 4, keys: 3 };
const KEYS = { '1': 'callNext', '2': 'recall', '3': 'finish' } as const;
const QUIET = { warn: () => undefined };

const until = <T>(check: () => T, timeout = 10_000): Promise<T> => vi.waitFor(check, { timeout, interval: 10 });

/** What the four digits show for a ticket number: `A-012` → `A012`. */
const onDisplay = (ticket: Ticket): string => {
  expect(ticket.number).toMatch(/^[A-Z]-\d{3}$/);
  return ticket.number.replace('-', '');
};

/** Every display the harness reported from its output line `from` on, in order. */
function displaysSince(device: SimulatedDevice, from: number): string[] {
  return device.log.slice(from).flatMap((text) => {
    const shown = /"display":"([^"]*)"/.exec(text);
    return shown ? [shown[1]!] : [];
  });
}

/** Bytes on the line from the host to the device, written by a second program holding the port. */
function writeFromHost(path: string, bytes: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
  try {
    writeSync(fd, Buffer.from(bytes, 'latin1'));
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!available)('the LSP/1 driver against the reference firmware', () => {
  let device: SimulatedDevice;
  let session: DeviceSession;
  const states: DeviceState[] = [];
  const keys: { key: number; count: number }[] = [];

  beforeAll(async () => {
    device = await startSimulatedDevice();
    session = new DeviceSession({ path: device.ptyPath, onState: (change) => states.push(change.state), onKey: (press) => keys.push(press) });
  });

  afterAll(async () => {
    await session?.disconnect();
    await device?.stop();
  });

  it('handshakes: connected, knowing the model, firmware, protocol, digits and keys the firmware reports', async () => {
    session.connect();
    await until(() => expect(session.state).toBe('connected'));
    expect(session.info).toEqual(REFERENCE_DEVICE);
    expect(states.slice(0, 2)).toEqual(['connecting', 'handshaking']);
    expect(session.error).toBeNull();
  });

  it('shows text fitted to the four digits (A-012 → A012), and sets brightness, blinks and beeps', async () => {
    await session.show('A-012'); // resolves once the device ACKed it
    expect((await device.waitForDisplay('A012')).raw).toEqual([0x77, 0x7e, 0x30, 0x6d]);
    await session.show('7');
    expect((await device.waitForDisplay('7')).display).toBe('   7');
    await session.bright(3);
    await device.waitForDisplay((s) => s.intensity === 3);
    const blinks = device.display().blinks;
    await session.blink(2);
    expect((await device.waitForDisplay((s) => s.blinks === blinks + 2 && !s.shutdown)).display).toBe('   7');
    await session.beep(50);
    await expect(session.show('K-1')).rejects.toMatchObject({ code: 'serial_bad_text' });
    expect(session.state).toBe('connected');
    expect(session.stats).toMatchObject({ naks: 0, noAnswer: 0, badChecksum: 0, malformed: 0 });
  });

  it('reports every press once, each key counting its own presses', async () => {
    await device.click(1);
    await until(() => expect(keys).toEqual([{ key: 1, count: 1 }]));
    await device.click(2); // the firmware's second press, but key 2's first: count 1 again
    await device.click(1);
    await until(() => expect(keys).toEqual([{ key: 1, count: 1 }, { key: 2, count: 1 }, { key: 1, count: 2 }]));
    expect(session.stats.repeatedKeys).toBe(0);
  });
});

describe.skipIf(!available)('the counter with the reference device on its serial port, against a hall server', () => {
  let hall: TestHall;
  let kiosk: string;
  let device: SimulatedDevice;
  let services: AppServices;
  let removeDir = (): void => undefined;
  const changes: { state: HardwareState['state']; at: number }[] = [];
  const serialLog: string[] = [];
  const presses: HardwareKey[] = [];

  const hardware = async (): Promise<HardwareState> => services.handlers.getHardware({});
  const issue = async (serviceId: string): Promise<Ticket> => (await hall.api<Ticket>('POST', '/tickets', { token: kiosk, body: { serviceId } })).body;
  const onServer = (ticket: Ticket): Ticket | null => hall.server.ctx.queue.ticket(ticket.id);
  const connectedNow = async (): Promise<void> => {
    await until(async () => expect((await hardware()).state).toBe('connected'));
  };
  /** Calls the next ticket with key 1 and waits for the server and the display to have it. */
  const callWithKey = async (ticket: Ticket): Promise<void> => {
    await device.click(1);
    await until(() => expect(onServer(ticket)).toMatchObject({ status: 'called', counterId: 'loket-1', callCount: 1 }));
    await device.waitForDisplay(onDisplay(ticket));
  };
  const recallWithKey = async (ticket: Ticket, callCount: number): Promise<void> => {
    const blinks = device.display().blinks;
    await device.click(2);
    await until(() => expect(onServer(ticket)).toMatchObject({ status: 'called', callCount }));
    // The counter blinks the number three times (and beeps); it ends lit, still showing the number.
    await device.waitForDisplay((s) => s.blinks >= blinks + 3 && !s.shutdown && s.display === onDisplay(ticket));
  };
  const finishWithKey = async (ticket: Ticket): Promise<void> => {
    await device.click(3);
    await until(() => expect(onServer(ticket)).toMatchObject({ status: 'done', outcome: 'served', counterId: 'loket-1' }));
  };

  beforeAll(async () => {
    hall = await startTestHall();
    kiosk = await hall.enroll('kiosk');
    device = await startSimulatedDevice();
    const dir = makeTempDir('loket-hil-');
    removeDir = dir.remove;
    services = createAppServices({
      dataDir: dir.path,
      hallConfig: starterHall(),
      counterId: 'loket-1',
      runtime: 'headless',
      version: 'test',
      push: (name, payload) => {
        if (name === 'hardwareChanged') changes.push({ state: (payload as HardwareState).state, at: performance.now() });
        if (name === 'hardwareLog') serialLog.push(...(payload as { lines: { text: string }[] }).lines.map((l) => l.text));
        if (name === 'hardwareKey') presses.push(payload as HardwareKey);
      },
      hall: { feed: { backoff: { initialMs: 50, maxMs: 300 } }, log: QUIET, timeoutMs: 2000 },
      sync: { backoff: { initialMs: 50, maxMs: 300 } },
    });
    const code = hall.server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 }).code;
    await services.handlers.enrollDevice({ url: hall.server.url, code, name: 'PC Loket 1', fingerprint256: null });
    await until(() => expect(services.link.connection().online).toBe(true));
    await services.handlers.signIn({ username: 'petugas01', pin: '1234' });
    await services.handlers.openCounter({ serviceIds: ['ktp-el', 'kk'] });
    // The stable path (a udev by-id link stand-in), so a replug finds the device where it was.
    await services.handlers.connectHardware({ path: device.stablePath, adapter: 'lsp1', baud: 115200, keys: { ...KEYS } });
    await connectedNow();
  });

  afterAll(async () => {
    await services?.handlers.disconnectHardware({});
    services?.close();
    removeDir();
    await device?.stop();
    await hall?.close();
  });

  it('knows the device, and its keys call, recall and finish the tickets of the hall server', async () => {
    expect(await hardware()).toMatchObject({ state: 'connected', device: REFERENCE_DEVICE, error: null });
    const ticket = await issue('ktp-el');
    await callWithKey(ticket);
    await recallWithKey(ticket, 2);
    await until(() => expect(serialLog.some((line) => /^\$BEEP,\d+,300\*/.test(line))).toBe(true));
    await finishWithKey(ticket);
    expect(presses.map((p) => [p.key, p.action])).toEqual([
      [1, 'callNext'],
      [2, 'recall'],
      [3, 'finish'],
    ]);
  });

  it('shows the called number while the ledger is still recording the call (the hall server has answered it)', async () => {
    const ticket = await issue('ktp-el');
    // A slow disk: recording the call takes 300 ms (the main thread blocked, as by a slow fsync).
    const ledger = services.ledger;
    const transaction = ledger.transaction.bind(ledger);
    let recordedAt = 0;
    ledger.transaction = <T>(fn: () => T): T => {
      ledger.transaction = transaction;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      const result = transaction(fn);
      recordedAt = Date.now();
      return result;
    };
    // Just answered, so no PING is in flight that the SHOW would wait behind.
    await services.handlers.testDisplay({ kind: 'bright', level: 8 });
    await callWithKey(ticket);
    expect(recordedAt).toBeGreaterThan(0);
    expect(device.display().at).toBeLessThan(recordedAt);
    await finishWithKey(ticket);
  });

  it('after a device reset mid-session: BOOT, a new handshake, and the number back on the display', async () => {
    const ticket = await issue('kk');
    await callWithKey(ticket);
    const mark = device.log.length;
    const logMark = serialLog.length;
    await device.reset();
    // The MAX7219 keeps its digits through an MCU reset, but the firmware starts by showing `----`:
    // the number after that is the host's doing.
    await until(() => {
      const shown = displaysSince(device, mark);
      expect(shown).toContain('----');
      expect(shown.slice(shown.indexOf('----') + 1)).toContain(onDisplay(ticket));
    });
    // The serial log reaches the window in batches, every 100 ms.
    await until(() => {
      const since = serialLog.slice(logMark);
      const boot = since.indexOf('# device restarted (BOOT)');
      expect(boot).toBeGreaterThanOrEqual(0);
      expect(since.slice(boot + 1).some((line) => line.startsWith('$HELLO'))).toBe(true);
    });
    await connectedNow();
    // The device counts presses from 1 again after its reset; each is still a new press.
    await recallWithKey(ticket, 2);
    await finishWithKey(ticket);
  });

  it('resyncs after noise on the line in either direction, and loses no press', async () => {
    const ticket = await issue('ktp-el');
    const { dropped } = await hardware();
    const mark = device.log.length;
    const changed = changes.length;
    // From the device: junk, a KEY with a bad checksum, a frame cut by the next `$`, a frame without
    // a checksum, one too long, one of an unknown type, and a frame start left hanging.
    await device.noise(
      '\x00\xff\x13garbage\r\n' + '$KEY,1,9*00\r\n' + '$$KEY,1\r\n' + `$${'9'.repeat(64)}\r\n` + encodeFrame('ZAP', [1]) + '$KE',
    );
    await callWithKey(ticket);
    expect((await hardware()).dropped).toBeGreaterThanOrEqual(dropped + 4);
    // From the host: junk, a SHOW with a bad checksum (never applied), and a frame start left hanging.
    const badShow = encodeFrame('SHOW', [999, '8888']).replace(/\*[0-9A-F]{2}/, '*00');
    writeFromHost(device.ptyPath, `\x00\xffnoise*,\r\n${badShow}$$$SHOW,1`);
    await recallWithKey(ticket, 2);
    await finishWithKey(ticket);
    expect(displaysSince(device, mark)).not.toContain('8888');
    expect(changes.slice(changed).map((c) => c.state)).not.toContain('reconnecting');
  });

  it('unplugged and plugged in again: connected within 2 s of the replug, on the same path, showing the number', async ({ annotate }) => {
    const ticket = await issue('kk');
    await callWithKey(ticket);
    await device.unplug();
    // It tried to reopen the port, found it gone, and waits to try again.
    await until(async () => expect(await hardware()).toMatchObject({ state: 'reconnecting', error: { code: 'serial_not_found' } }));
    // Out for a while, as a cable moved to another USB port is: the reopen backoff has grown.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const replugged = performance.now();
    await device.replug();
    const back = await until(() => {
      const change = changes.find((c) => c.state === 'connected' && c.at >= replugged);
      expect(change).toBeDefined();
      return change!.at;
    });
    const reconnectMs = Math.round(back - replugged);
    await annotate(`connected ${reconnectMs} ms after the replug`);
    expect(reconnectMs).toBeLessThanOrEqual(2000);
    expect((await hardware()).config?.path).toBe(device.stablePath);
    await device.waitForDisplay(onDisplay(ticket)); // the board lost power; the number is sent again
    await recallWithKey(ticket, 2);
    await finishWithKey(ticket);
  });
});
