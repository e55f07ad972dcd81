import { LoketError } from '../../core/errors.ts';
import {
  DeviceMessageReader,
  LSP1_LIMITS,
  displayText,
  isSupportedProtocol,
  type DeviceMessage,
  type HostCommand,
  type Lsp1Stats,
} from '../../core/lsp1.ts';
import { CommandChannel } from './command-channel.ts';
import { TimerSlot, type DisplayDevice } from './device-common.ts';
import { SerialLink, type SerialLinkOptions } from './serial-link.ts';
import { DEFAULT_BAUD_RATE } from './serial-transport.ts';

/** What the device said about itself in `INFO`. */
export interface DeviceInfo {
  model: string;
  firmware: string;
  protocol: string;
  digits: number;
  keys: number;
}

export interface DeviceSessionOptions extends SerialLinkOptions {
  /** How long to wait for each answer (DESIGN.md §6: 250 ms). */
  ackTimeoutMs?: number | undefined;
  /** Resends before the device counts as not responding (§6: 2). */
  retries?: number | undefined;
  /** A PING after this long without traffic (§6: 2 s), so silence is noticed while nobody calls. */
  pingIntervalMs?: number | undefined;
  /** How long `testPattern()` shows all segments before the display is restored. */
  testPatternMs?: number | undefined;
  onKey?: ((press: { key: number; count: number }) => void) | undefined;
  onRate?: ((rating: { score: number; count: number }) => void) | undefined;
  onInfo?: ((info: DeviceInfo) => void) | undefined;
}

/** Dropped frames by cause, plus what the link did; the technician screen shows them. */
export interface SessionStats extends Lsp1Stats {
  resends: number;
  noAnswer: number;
  naks: number;
  reconnects: number;
  repeatedKeys: number;
}

const ignore = (): void => undefined;

/**
 * The LSP/1 session with one device (DESIGN.md §6). An unplug, a reset (`BOOT`) or silence all end
 * in a fresh handshake, after which the remembered display (text, brightness) is sent again, so
 * the counter never has to know the device went away.
 *
 * `show()` and `bright()` while not connected only update what is remembered and resolve;
 * `blink()`, `beep()` and `testPattern()` reject with `serial_not_connected`, since a late beep is
 * worse than none. `$KEY` is emitted once per key and count: each key counts its own presses (the
 * reference firmware does), so a repeated count of the same key is the same press (the count wraps
 * at 65536, so only equality means "seen"); the counts restart after `BOOT` and on every reopen,
 * because the device may have reset while the port was closed.
 */
export class DeviceSession extends SerialLink implements DisplayDevice {
  private readonly reader = new DeviceMessageReader();
  private readonly channel: CommandChannel;
  private deviceInfo: DeviceInfo | null = null;
  private text: string | null = null;
  private brightness: number | null = null;
  /** The last count seen of each key. */
  private readonly lastKeyCount = new Map<number, number>();
  private lastRateCount: number | null = null;
  private repeatedKeys = 0;
  private readonly pingTimer = new TimerSlot(this.timers);
  private readonly patternTimer = new TimerSlot(this.timers);

  constructor(private readonly options: DeviceSessionOptions) {
    super(options);
    this.channel = new CommandChannel({
      timers: this.timers,
      ackTimeoutMs: options.ackTimeoutMs ?? 250,
      retries: options.retries ?? 2,
      write: (frame) => this.write(frame),
      onNoAnswer: (command) => this.noAnswer(command),
      onAnswer: (message) => message.type === 'INFO' && this.handshaken(message),
      onRefused: (command, error) => (command.type === 'HELLO' ? this.lose(error) : this.log('note', error.message)),
      onIdle: () => this.pingTimer.set(() => this.enqueue({ type: 'PING' }, true).catch(ignore), options.pingIntervalMs ?? 2000),
    });
  }

  get info(): DeviceInfo | null {
    return this.deviceInfo;
  }

  get stats(): SessionStats {
    return { ...this.reader.stats, ...this.channel.stats, ...this.linkStats, repeatedKeys: this.repeatedKeys };
  }

  /** Shows `text` (fitted by `displayText`), and again after every reconnect. */
  show(text: string): Promise<void> {
    let fitted: string | null = null;
    try {
      if (this.deviceInfo) fitted = displayText(text, this.deviceInfo.digits);
    } catch (error) {
      return Promise.reject(new LoketError('serial_bad_text', (error as Error).message));
    }
    this.text = text;
    this.patternTimer.clear();
    return this.state === 'connected' && fitted !== null ? this.enqueue({ type: 'SHOW', text: fitted }) : Promise.resolve();
  }

  /** Brightness 0–15, remembered like the text. */
  bright(level: number): Promise<void> {
    const { min, max } = LSP1_LIMITS.brightness;
    if (!Number.isInteger(level) || level < min || level > max) {
      return Promise.reject(new LoketError('invalid_request', `Brightness is a whole number ${min}–${max}, not ${level}.`, 'level'));
    }
    this.brightness = level;
    return this.state === 'connected' ? this.enqueue({ type: 'BRIGHT', level }) : Promise.resolve();
  }

  blink(times: number): Promise<void> {
    return this.whenConnected(() => this.enqueue({ type: 'BLINK', times }));
  }

  beep(ms: number): Promise<void> {
    return this.whenConnected(() => this.enqueue({ type: 'BEEP', ms }));
  }

  /** Lights every segment (`8888`) for `testPatternMs`, then shows the remembered text again. */
  testPattern(): Promise<void> {
    return this.whenConnected((info) => {
      const shown = this.enqueue({ type: 'SHOW', text: '8'.repeat(info.digits) });
      this.patternTimer.set(() => {
        this.enqueue({ type: 'SHOW', text: this.fittedText(info.digits) }, true).catch(ignore);
      }, this.options.testPatternMs ?? 2000);
      return shown;
    });
  }

  protected opened(): void {
    this.reader.reset();
    this.lastKeyCount.clear();
    this.lastRateCount = null;
    this.handshake();
  }

  protected received(bytes: Uint8Array): void {
    for (const { message } of this.reader.push(bytes)) this.handle(message);
  }

  protected stopped(error: LoketError): void {
    this.pingTimer.clear();
    this.patternTimer.clear();
    this.channel.paused = true;
    this.channel.abort(error);
  }

  private whenConnected(run: (info: DeviceInfo) => Promise<void>): Promise<void> {
    if (this.state !== 'connected' || !this.deviceInfo) {
      return Promise.reject(new LoketError('serial_not_connected', `The device on ${this.path} is not connected.`));
    }
    return run(this.deviceInfo);
  }

  private handshake(): void {
    this.cancelRetry();
    this.setState('handshaking');
    this.channel.paused = true;
    this.channel.sendNow({ type: 'HELLO' });
  }

  private handshaken({ model, firmware, protocol, digits, keys }: Extract<DeviceMessage, { type: 'INFO' }>): void {
    if (!isSupportedProtocol(protocol)) {
      const message =
        `The device on ${this.path} (${model} ${firmware}) speaks protocol ${protocol}; Loket speaks LSP/1. ` +
        'Flash the reference firmware (resources/firmware) or choose the plain-line adapter.';
      this.fail(new LoketError('serial_protocol', message));
      return;
    }
    this.deviceInfo = { model, firmware, protocol, digits, keys };
    this.options.onInfo?.(this.deviceInfo);
    this.settled();
    const restore: HostCommand[] = [];
    if (this.brightness !== null) restore.push({ type: 'BRIGHT', level: this.brightness });
    if (this.text !== null) restore.push({ type: 'SHOW', text: this.fittedText(digits) });
    this.channel.prepend(restore);
    this.channel.paused = false;
    this.setState('connected', null);
  }

  /** The remembered text fitted to the display; a text it cannot draw is logged and shown blank. */
  private fittedText(digits: number): string {
    try {
      return displayText(this.text ?? '', digits);
    } catch (error) {
      this.log('note', `not shown: ${(error as Error).message}`);
      return '';
    }
  }

  private enqueue(command: HostCommand, internal = false): Promise<void> {
    this.pingTimer.clear();
    return this.channel.enqueue(command, internal);
  }

  private write(frame: string): void {
    this.pingTimer.clear();
    this.log('tx', frame.slice(0, -2));
    this.transport?.write(frame).catch(ignore);
  }

  /**
   * Silence after HELLO keeps the port open and says HELLO again after a backoff: reopening would
   * pull DTR and reset a board with auto-reset (Arduino style) before its bootloader is done, for
   * ever. Its `BOOT` then starts the handshake at once. Silence once connected reopens the port.
   */
  private noAnswer(command: HostCommand): void {
    const where = `The device on ${this.path}`;
    if (command.type !== 'HELLO') {
      this.lose(new LoketError('serial_no_answer', `${where} stopped answering (${command.type}).`));
      return;
    }
    const message =
      `${where} does not answer HELLO: check the baud rate (${this.options.baudRate ?? DEFAULT_BAUD_RATE} here) and ` +
      'that it runs LSP/1 firmware; a plain LED display needs the plain-line adapter.';
    this.retryLater(new LoketError('serial_no_answer', message), () => this.transport && this.handshake());
  }

  private handle(message: DeviceMessage): void {
    switch (message.type) {
      case 'KEY':
        if (message.count === this.lastKeyCount.get(message.key)) this.repeatedKeys++;
        else this.options.onKey?.({ key: message.key, count: message.count });
        this.lastKeyCount.set(message.key, message.count);
        return;
      case 'RATE':
        if (message.count !== this.lastRateCount) this.options.onRate?.({ score: message.score, count: message.count });
        this.lastRateCount = message.count;
        return;
      case 'BOOT':
        this.log('note', 'device restarted (BOOT)');
        this.lastKeyCount.clear();
        this.lastRateCount = null;
        this.channel.forgetInternal();
        if (this.transport) this.handshake();
        return;
      default:
        this.channel.answer(message);
    }
  }
}
