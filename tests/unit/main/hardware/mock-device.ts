import { SerialPortMock } from 'serialport';
import {
  HOST_COMMAND_TYPES,
  Lsp1Decoder,
  encodeDeviceMessage,
  parseHostCommand,
  type DeviceMessage,
  type HostCommand,
} from '../../../../core/lsp1.ts';
import type { PortFactory, SerialPortLike } from '../../../../main/hardware/serial-transport.ts';

/**
 * The mock binding `SerialPortMock` uses. Importing `MockBinding` from '@serialport/binding-mock'
 * in ESM loads its ESM build, a second copy with its own port table, which `SerialPortMock` (CJS)
 * never sees.
 */
export const MockBinding = SerialPortMock.binding;
type MockPortBinding = NonNullable<SerialPortMock['port']>;

/** What the scripted device does with a command: answer as a device would, stay silent, or refuse. */
export type Reply = 'answer' | 'silent' | { nak: string };

/**
 * A scripted LSP/1 device behind @serialport/binding-mock: it parses what the host writes and
 * answers through `emitData`, so the session runs its real transport code.
 */
export class MockDevice {
  readonly received: { seq: number; command: HostCommand }[] = [];
  shown: string | null = null;
  brightness: number | null = null;
  opens = 0;
  info = { model: 'LK1', firmware: '1.0.0', protocol: '1', digits: 4, keys: 3 };
  reply: (command: HostCommand) => Reply = () => 'answer';
  /** Every chunk the host writes, as text (the plain-line adapter's output). */
  onRaw: (text: string) => void = () => undefined;
  private port: SerialPortMock | null = null;
  private binding: MockPortBinding | null = null;
  private decoder = new Lsp1Decoder({ knownTypes: HOST_COMMAND_TYPES });

  constructor(readonly path: string) {
    MockBinding.createPort(path);
  }

  readonly openPort: PortFactory = ({ path, baudRate }) => {
    const port = new SerialPortMock({ path, baudRate, autoOpen: false });
    port.on('open', () => {
      this.opens++;
      this.port = port;
      this.decoder = new Lsp1Decoder({ knownTypes: HOST_COMMAND_TYPES });
      const binding = port.port;
      if (!binding) return;
      this.binding = binding;
      const write = binding.write.bind(binding);
      binding.write = async (buffer: Buffer) => {
        await write(buffer);
        if (this.binding === binding) this.fromHost(buffer);
      };
    });
    return port as unknown as SerialPortLike;
  };

  commands(type?: HostCommand['type']): HostCommand[] {
    return this.received.map((r) => r.command).filter((c) => type === undefined || c.type === type);
  }

  /** Sends a message to the host as the device would. */
  send(message: DeviceMessage): void {
    this.write(encodeDeviceMessage(message));
  }

  write(bytes: string): void {
    const binding = this.binding;
    if (binding?.isOpen) setImmediate(() => binding.isOpen && binding.emitData(bytes));
  }

  /** A reset: the display goes blank and the device says BOOT. */
  reboot(): void {
    this.shown = null;
    this.brightness = null;
    this.send({ type: 'BOOT', model: this.info.model, firmware: this.info.firmware, protocol: this.info.protocol });
  }

  /** The USB cable is pulled (the display goes dark): the port closes with a disconnect error and the path disappears. */
  unplug(): void {
    this.shown = null;
    this.brightness = null;
    MockBinding.reset();
    this.binding = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) port.close(undefined, new Error('Input/output error'));
  }

  plugIn(): void {
    MockBinding.createPort(this.path);
  }

  private fromHost(buffer: Buffer): void {
    this.onRaw(buffer.toString('latin1'));
    for (const frame of this.decoder.push(buffer)) {
      const parsed = parseHostCommand(frame);
      if (!parsed) continue;
      this.received.push(parsed);
      const { seq, command } = parsed;
      const reply = this.reply(command);
      if (reply === 'silent') continue;
      if (reply !== 'answer') {
        this.send({ type: 'NAK', seq, reason: reply.nak });
        continue;
      }
      if (command.type === 'SHOW') this.shown = command.text;
      if (command.type === 'BRIGHT') this.brightness = command.level;
      if (command.type === 'HELLO') this.send({ type: 'INFO', seq, ...this.info });
      else if (command.type === 'PING') this.send({ type: 'PONG', seq });
      else this.send({ type: 'ACK', seq });
    }
  }
}
