import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  HOST_COMMAND_TYPES,
  Lsp1Decoder,
  encodeDeviceMessage,
  parseHostCommand,
  type DeviceMessage,
  type HostCommand,
} from '../../../core/lsp1.ts';
import { DeviceSession } from '../../../main/hardware/device-session.ts';
import { PlainLineAdapter } from '../../../main/hardware/plain-line-adapter.ts';
import { PtyPair } from '../../support/pty-pair.ts';
import { requireTools } from '../../support/system-tools.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const available = requireTools('serial PTY tests', [{ command: 'socat', aptPackage: 'socat' }]);
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

/** A scripted LSP/1 device on the far PTY, written with core/lsp1.ts; read through SerialPort. */
class ScriptedDevice {
  readonly received: HostCommand[] = [];
  shown: string | null = null;
  silent = false;
  raw = '';
  private port: SerialPort | null = null;
  private decoder = new Lsp1Decoder({ knownTypes: HOST_COMMAND_TYPES });

  async open(path: string): Promise<void> {
    this.decoder = new Lsp1Decoder({ knownTypes: HOST_COMMAND_TYPES });
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('error', () => undefined);
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    this.port = port;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise((resolve) => port.close(resolve));
  }

  send(message: DeviceMessage): void {
    this.port?.write(encodeDeviceMessage(message));
  }

  private receive(chunk: Buffer): void {
    this.raw += chunk.toString('latin1');
    for (const frame of this.decoder.push(chunk)) {
      const parsed = parseHostCommand(frame);
      if (!parsed || this.silent) continue;
      const { seq, command } = parsed;
      this.received.push(command);
      if (command.type === 'SHOW') this.shown = command.text;
      if (command.type === 'HELLO') this.send({ type: 'INFO', seq, model: 'PTY', firmware: '0.1', protocol: '1', digits: 4, keys: 3 });
      else if (command.type === 'PING') this.send({ type: 'PONG', seq });
      else this.send({ type: 'ACK', seq });
    }
  }
}

describe.skipIf(!available)('LSP/1 over a real PTY pair (socat)', () => {
  const dir = makeTempDir('loket-pty-');
  const pty = new PtyPair(join(dir.path, 'host'), join(dir.path, 'device'));
  const device = new ScriptedDevice();
  const links: { disconnect(): Promise<void> }[] = [];

  beforeAll(async () => {
    await pty.start();
    await device.open(pty.device);
  });

  afterEach(async () => {
    await Promise.all(links.splice(0).map((l) => l.disconnect()));
  });

  afterAll(async () => {
    await device.close();
    await pty.stop();
    dir.remove();
  });

  function session(keys: { key: number; count: number }[] = []): DeviceSession {
    const s = new DeviceSession({
      path: pty.host,
      backoff: { initialMs: 20, maxMs: 200 },
      onKey: (press) => keys.push(press),
    });
    links.push(s);
    return s;
  }

  it('handshakes, shows a ticket number, and delivers key presses once', async () => {
    const keys: { key: number; count: number }[] = [];
    const s = session(keys);
    s.connect();
    await until(() => expect(s.state).toBe('connected'));
    expect(s.info).toMatchObject({ model: 'PTY', digits: 4 });
    await s.show('A-012');
    expect(device.shown).toBe('A012');
    device.send({ type: 'KEY', key: 1, count: 1 });
    device.send({ type: 'KEY', key: 1, count: 1 });
    device.send({ type: 'KEY', key: 2, count: 2 });
    await until(() => expect(keys).toEqual([{ key: 1, count: 1 }, { key: 2, count: 2 }]));
  });

  it('handshakes again and re-shows after the device resets', async () => {
    const s = session();
    await s.show('B-3');
    s.connect();
    await until(() => expect(device.shown).toBe('B-3'));
    device.shown = null;
    const hellos = device.received.filter((c) => c.type === 'HELLO').length;
    device.send({ type: 'BOOT', model: 'PTY', firmware: '0.1', protocol: '1' });
    await until(() => expect(device.shown).toBe('B-3'));
    expect(device.received.filter((c) => c.type === 'HELLO').length).toBe(hellos + 1);
  });

  it('reconnects after the PTY pair vanishes and comes back (an unplug)', async () => {
    const s = session();
    await s.show('7');
    s.connect();
    await until(() => expect(device.shown).toBe('7'));
    await device.close();
    await pty.stop();
    await until(() => expect(s.state).not.toBe('connected'));
    expect(s.error?.code).toMatch(/serial_(disconnected|not_found|no_answer)/);
    device.shown = null;
    await pty.start();
    await device.open(pty.device);
    await until(() => expect(device.shown).toBe('7'));
    expect(s.state).toBe('connected');
  });

  it('writes plain lines for a simple display', async () => {
    const adapter = new PlainLineAdapter({ path: pty.host });
    links.push(adapter);
    device.raw = '';
    adapter.connect();
    await until(() => expect(adapter.state).toBe('connected'));
    await adapter.show('A-012');
    await until(() => expect(device.raw).toBe('A-012\r\n'));
  });
});
