import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame } from '../../../../core/lsp1.ts';
import type { StateChange, Timers } from '../../../../main/hardware/device-common.ts';
import { DeviceSession, type DeviceSessionOptions } from '../../../../main/hardware/device-session.ts';
import { MockBinding, MockDevice } from './mock-device.ts';

/**
 * Short timers so the suite is quick; every wait below is for an outcome, never an upper bound on
 * time. Tests about silence shorten the answer timeout further (`SILENCE`).
 */
const FAST = { ackTimeoutMs: 100, pingIntervalMs: 60_000, backoff: { initialMs: 10, maxMs: 40 }, testPatternMs: 30 };
const SILENCE = { ackTimeoutMs: 20 };
const sessions: DeviceSession[] = [];
let nextPath = 0;

function setUp(options: Partial<DeviceSessionOptions> = {}) {
  const device = new MockDevice(`/dev/ttyMOCK${nextPath++}`);
  const states: StateChange[] = [];
  const keys: { key: number; count: number }[] = [];
  const log: string[] = [];
  const session = new DeviceSession({
    path: device.path,
    openPort: device.openPort,
    ...FAST,
    onState: (change) => states.push(change),
    onKey: (press) => keys.push(press),
    onLog: (direction, line) => log.push(`${direction} ${line}`),
    ...options,
  });
  sessions.push(session);
  return { device, session, states, keys, log };
}

/** Timers that fire only when told to, on a clock of their own: minutes of backoff in no time. */
function manualTimers() {
  let now = 0;
  let nextId = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      due.set(++nextId, { at: now + ms, run });
      return nextId;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
  };
  return {
    timers,
    get now() {
      return now;
    },
    get pending() {
      return due.size;
    },
    /** Moves the clock to the earliest timer and runs it. */
    runNext(): void {
      const [id, next] = [...due].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !next) throw new Error('no timer is set');
      due.delete(id);
      now = Math.max(now, next.at);
      next.run();
    },
  };
}

const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });
const connected = (session: DeviceSession) => until(() => expect(session.state).toBe('connected'));

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.disconnect()));
  MockBinding.reset();
});

describe('DeviceSession', () => {
  it('handshakes with HELLO, learns the device and reports each state', async () => {
    const onInfo = vi.fn();
    const { device, session, states } = setUp({ onInfo });
    session.connect();
    await connected(session);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'handshaking', 'connected']);
    expect(onInfo).toHaveBeenCalledWith({ model: 'LK1', firmware: '1.0.0', protocol: '1', digits: 4, keys: 3 });
    expect(device.commands()).toEqual([{ type: 'HELLO' }]);
  });

  it('sends the display remembered before connecting, fitted to the digits, and later shows once ACKed', async () => {
    const { device, session } = setUp();
    await session.show('A-012');
    await session.bright(9);
    session.connect();
    await until(() => expect(device.shown).toBe('A012'));
    expect(device.brightness).toBe(9);
    await session.show('b-7');
    expect(device.shown).toBe('B-7');
    await expect(session.show('K-001')).rejects.toMatchObject({ code: 'serial_bad_text' });
  });

  it('resends twice with the same seq, then reconnects and restores the display', async () => {
    const { device, session, states } = setUp(SILENCE);
    session.connect();
    await connected(session);
    device.reply = (c) => (c.type === 'SHOW' ? 'silent' : 'answer');
    await expect(session.show('12')).rejects.toMatchObject({ code: 'serial_no_answer' });
    const shows = device.received.filter((r) => r.command.type === 'SHOW');
    expect(shows).toHaveLength(3);
    expect(new Set(shows.map((r) => r.seq)).size).toBe(1);
    expect(states.some((s) => s.state === 'reconnecting' && s.error?.code === 'serial_no_answer')).toBe(true);
    device.reply = () => 'answer';
    await until(() => expect(device.shown).toBe('12'));
    expect(session.state).toBe('connected');
    expect(session.stats).toMatchObject({ resends: 2, noAnswer: 1 });
  });

  it('says HELLO again on the open port while the device is silent, with a hint about the baud rate', async () => {
    const { device, session } = setUp(SILENCE);
    device.reply = () => 'silent';
    session.connect();
    await until(() => expect(device.commands('HELLO').length).toBeGreaterThanOrEqual(9));
    expect(session.state).not.toBe('connected');
    expect(session.error?.message).toMatch(/baud rate \(115200 here\)/);
    // Reopening would reset a board with DTR auto-reset before it could ever answer.
    expect(device.opens).toBe(1);
    device.reply = () => 'answer';
    await connected(session);
  });

  it('handshakes as soon as a slow-booting device says BOOT', async () => {
    const { device, session } = setUp({ ...SILENCE, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    device.reply = () => 'silent';
    session.connect();
    await until(() => expect(session.state).toBe('reconnecting'));
    device.reply = () => 'answer';
    device.reboot();
    await connected(session);
  });

  it('rejects a refused command and stays connected', async () => {
    const { device, session } = setUp();
    session.connect();
    await connected(session);
    device.reply = (c) => (c.type === 'BEEP' ? { nak: 'RANGE' } : 'answer');
    await expect(session.beep(100)).rejects.toMatchObject({ code: 'serial_refused', message: expect.stringMatching(/RANGE/) });
    await session.blink(3);
    expect(session.state).toBe('connected');
    expect(session.stats.naks).toBe(1);
  });

  it('emits each key press once: a repeated count is ignored, the count wraps, and restarts after BOOT', async () => {
    const { device, session, keys } = setUp();
    session.connect();
    await connected(session);
    for (const [key, count] of [[1, 1], [1, 1], [2, 2], [3, 65_535], [3, 65_535], [1, 0]] as const) {
      device.send({ type: 'KEY', key, count });
    }
    await until(() => expect(keys).toHaveLength(4));
    device.reboot();
    device.send({ type: 'KEY', key: 1, count: 1 });
    await until(() => expect(keys).toHaveLength(5));
    expect(keys).toEqual([
      { key: 1, count: 1 },
      { key: 2, count: 2 },
      { key: 3, count: 65_535 },
      { key: 1, count: 0 },
      { key: 1, count: 1 },
    ]);
    expect(session.stats.repeatedKeys).toBe(2);
  });

  it('counts each key apart, as the reference firmware does: key 2 after key 1 may carry the same count', async () => {
    const { device, session, keys } = setUp();
    session.connect();
    await connected(session);
    for (const [key, count] of [[1, 1], [2, 1], [2, 1], [3, 1], [1, 2]] as const) device.send({ type: 'KEY', key, count });
    await until(() => expect(keys).toHaveLength(4));
    expect(keys).toEqual([
      { key: 1, count: 1 },
      { key: 2, count: 1 },
      { key: 3, count: 1 },
      { key: 1, count: 2 },
    ]);
    expect(session.stats.repeatedKeys).toBe(1);
  });

  it('handshakes again after BOOT and re-sends the text and brightness', async () => {
    const { device, session } = setUp();
    session.connect();
    await connected(session);
    await session.show('A-001');
    await session.bright(4);
    device.reboot();
    await until(() => expect(device.shown).toBe('A001'));
    expect(device.brightness).toBe(4);
    expect(device.commands('HELLO')).toHaveLength(2);
    expect(session.state).toBe('connected');
  });

  it('after an unplug keeps trying until the path is back, then restores the display', async () => {
    const { device, session, states } = setUp();
    session.connect();
    await connected(session);
    await session.show('7');
    device.unplug();
    await until(() => expect(states.at(-1)?.error?.code).toBe('serial_not_found'));
    expect(states.some((s) => s.state === 'reconnecting' && s.error?.code === 'serial_disconnected')).toBe(true);
    expect(session.state).not.toBe('failed');
    device.plugIn();
    await until(() => expect(device.shown).toBe('7'));
    expect(session.state).toBe('connected');
  });

  it('with the default backoff, a device plugged back in after a minute out is reopened within 1 s (connected within 2 s)', async () => {
    const clock = manualTimers();
    // The default backoff, at the top of its jitter.
    const { device, session } = setUp({ backoff: undefined, timers: clock.timers, random: () => 1 });
    session.connect();
    await connected(session);
    device.unplug();
    const reopenPending = () => until(() => expect([session.state, session.error?.code, clock.pending]).toEqual(['reconnecting', expect.any(String), 1]));
    await reopenPending();
    while (clock.now < 60_000) {
      clock.runNext(); // a reopen, which finds no port
      await until(() => expect(session.state).not.toBe('connecting'));
      await reopenPending();
    }
    expect(session.error?.code).toBe('serial_not_found');
    device.plugIn();
    const pluggedInAt = clock.now;
    clock.runNext();
    await connected(session);
    expect(clock.now - pluggedInAt).toBeLessThanOrEqual(1000);
  });

  it('stops reconnecting after an intentional disconnect', async () => {
    const { device, session, states } = setUp();
    session.connect();
    await connected(session);
    device.unplug();
    await until(() => expect(session.state).toBe('reconnecting'));
    await session.disconnect();
    device.plugIn();
    const opens = device.opens;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(device.opens).toBe(opens);
    expect(session.state).toBe('idle');
    expect(states.at(-1)).toEqual({ state: 'idle', error: null });
  });

  it('pings when idle and reconnects when the pings go unanswered', async () => {
    const { device, session, states } = setUp({ ...SILENCE, pingIntervalMs: 15 });
    session.connect();
    await until(() => expect(device.commands('PING').length).toBeGreaterThanOrEqual(2));
    device.reply = (c) => (c.type === 'PING' ? 'silent' : 'answer');
    await until(() => expect(states.some((s) => s.state === 'reconnecting')).toBe(true));
  });

  it('fails (no retry) on a device of another protocol and on a permission error', async () => {
    const { device, session } = setUp();
    device.info.protocol = '2';
    session.connect();
    await until(() => expect(session.state).toBe('failed'));
    expect(session.error?.code).toBe('serial_protocol');
    device.info.protocol = '1.1';
    session.connect();
    await connected(session);

    const denied = setUp({
      openPort: () => {
        throw new Error('Error Permission denied Cannot open /dev/ttyUSB0');
      },
    });
    denied.session.connect();
    await until(() => expect(denied.session.state).toBe('failed'));
    expect(denied.session.error?.message).toMatch(/usermod -aG dialout/);
  });

  it('refuses blink, beep and the test pattern while not connected; the pattern restores the text', async () => {
    const { device, session } = setUp();
    await expect(session.blink(2)).rejects.toMatchObject({ code: 'serial_not_connected' });
    await expect(session.testPattern()).rejects.toMatchObject({ code: 'serial_not_connected' });
    await session.show('42');
    session.connect();
    await until(() => expect(device.shown).toBe('42'));
    await session.testPattern();
    expect(device.commands('SHOW')).toContainEqual({ type: 'SHOW', text: '8888' });
    await until(() => expect(device.commands('SHOW').at(-1)).toEqual({ type: 'SHOW', text: '42' }));
  });

  it('logs what it sends and receives, and counts dropped frames', async () => {
    const { device, session, log } = setUp();
    session.connect();
    await connected(session);
    device.write(`noise\r\n${encodeFrame('FOO', [1])}$ACK,1*00\r\n$HUH,1*44\r\n`);
    await until(() => expect(session.stats.badChecksum).toBe(2));
    expect(session.stats).toMatchObject({ skippedBytes: 7, unknownType: 1 });
    expect(log).toContain('tx $HELLO,1*5F');
    expect(log).toContain('rx noise');
    expect(log.some((l) => l.startsWith('rx $INFO,1,LK1'))).toBe(true);
  });
});
