import type { LedgerEvent, NewLedgerEvent } from '../../core/events.ts';
import { LoketError } from '../../core/errors.ts';
import {
  DEFAULT_KEY_MAP,
  HardwareConfigSchema,
  type DisplayTest,
  type HardwareConfig,
  type HardwareLog,
  type HardwareState,
  type SerialPortInfo,
} from '../../core/hardware-ipc.ts';
import type { PushSink } from '../app-services.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { heldTicket } from '../ledger/queries.ts';
import type { LogDirection } from './device-common.ts';
import { DeviceSession, type DeviceInfo } from './device-session.ts';
import { actionForKey } from './key-actions.ts';
import { PlainLineAdapter } from './plain-line-adapter.ts';
import { listSerialPorts } from './port-list.ts';
import type { SerialLinkOptions } from './serial-link.ts';

export const HARDWARE_CONFIG_KEY = 'hardware.config';
/** Serial log lines reach the window at most this often, in one batch. */
const LOG_FLUSH_MS = 100;
const LOG_BATCH_MAX = 500;

/** The device behind the counter: the LSP/1 session, or the plain-line adapter (no keys). */
type Device = (DeviceSession | PlainLineAdapter) & { connect(): void; disconnect(): Promise<void> };

export interface CounterHardwareDeps {
  ledger: Ledger;
  /** The counter's own actions: keys do exactly what the window's buttons do. */
  handlers: Pick<Handlers, 'callNext' | 'recallTicket' | 'startServing' | 'finishTicket' | 'getCurrentTicket'>;
  counterId: () => string;
  push: PushSink;
  now: () => number;
  /** Builds the device for a configuration (tests pass a fake port factory through it). */
  openDevice?: (config: HardwareConfig, options: SerialLinkOptions & Partial<ConstructorParameters<typeof DeviceSession>[0]>) => Device;
  log?: { warn(message: string, detail?: unknown): void } | undefined;
  /** Offered first in the list (simulated devices, known ports): the system never lists PTYs. */
  knownPorts?: readonly SerialPortInfo[];
  /** A score from the rating pad (`$RATE`), for the visitor the counter served last; resolves how it went. */
  rate?: (score: number) => Promise<string>;
}

const defaultOpen = (config: HardwareConfig, options: SerialLinkOptions): Device =>
  config.adapter === 'lsp1' ? new DeviceSession(options) : new PlainLineAdapter(options);

/**
 * The call-button and number display of this counter (DESIGN.md §6), kept in step with the
 * counter: the display shows the number the counter called (`----` while paused, blank once the
 * counter closes) and blinks and beeps on a recall; a key runs the counter action it is mapped
 * to. The configuration lives in the ledger's settings (one per counter PC).
 */
export class CounterHardware {
  private device: Device | null = null;
  private config: HardwareConfig | null;
  private shown: string | null = null;
  private info: DeviceInfo | null = null;
  private logBuffer: HardwareLog['lines'] = [];
  private logTimer: NodeJS.Timeout | null = null;
  /** Keys run one at a time, in order: a double press waits for the first action. */
  private keyQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CounterHardwareDeps) {
    const stored = deps.ledger.getSetting(HARDWARE_CONFIG_KEY);
    const parsed = stored === null ? null : HardwareConfigSchema.safeParse(JSON.parse(stored));
    this.config = parsed?.success ? parsed.data : null;
  }

  /** Connects the saved device, if any, and shows what the counter holds. */
  start(): void {
    if (this.config) this.open(this.config);
  }

  state(): HardwareState {
    const d = this.device;
    const stats = d instanceof DeviceSession ? d.stats : null;
    return {
      config: this.config,
      state: d?.state ?? 'idle',
      device: this.info,
      display: this.shown,
      error: d?.error?.toInfo() ?? null,
      dropped: stats ? stats.tooLong + stats.badChecksum + stats.malformed + stats.unknownType : 0,
    };
  }

  async listPorts(): Promise<SerialPortInfo[]> {
    const known = [...(this.deps.knownPorts ?? [])];
    let listed: SerialPortInfo[];
    try {
      listed = (await listSerialPorts()).map(({ path, manufacturer, vendorId, productId, serialNumber }) => ({
        path,
        manufacturer,
        vendorId,
        productId,
        serialNumber,
      }));
    } catch (error) {
      if (known.length === 0) throw error;
      this.deps.log?.warn('The system could not list serial ports; offering the known ones', error);
      listed = [];
    }
    return [...known, ...listed.filter((p) => !known.some((k) => k.path === p.path))];
  }

  async connect(config: HardwareConfig): Promise<HardwareState> {
    const checked = HardwareConfigSchema.parse(config);
    await this.closeDevice();
    this.config = checked;
    this.deps.ledger.setSetting(HARDWARE_CONFIG_KEY, JSON.stringify(checked));
    this.open(checked);
    return this.state();
  }

  async disconnect(): Promise<HardwareState> {
    await this.closeDevice();
    this.changed();
    return this.state();
  }

  async test(test: DisplayTest): Promise<HardwareState> {
    const d = this.device;
    if (!(d instanceof DeviceSession)) {
      if (d && test.kind === 'pattern') {
        await d.show('8888');
        return this.state();
      }
      throw new LoketError('serial_not_connected', 'Connect an LSP/1 device first (a plain-line display only shows text).');
    }
    if (test.kind === 'pattern') await d.testPattern();
    else if (test.kind === 'blink') await d.blink(3);
    else if (test.kind === 'bright') await d.bright(test.level);
    else await d.beep(200);
    return this.state();
  }

  /** Follows the counter after each ledger change: what the display shows, and recalls. */
  ledgerChanged(lastSeq: number): void {
    const [event] = this.deps.ledger.eventsAfter(lastSeq - 1, 1);
    if (event && event.counterId === this.deps.counterId()) this.follow(event);
  }

  /**
   * The hall server called a visitor here and the ledger is about to record it: the display shows
   * the number now rather than after the durable write (the record then changes nothing on it).
   */
  called(event: NewLedgerEvent): void {
    if (event.type === 'ticket.called' && event.counterId === this.deps.counterId()) this.follow(event);
  }

  async close(): Promise<void> {
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = null;
    await this.closeDevice();
  }

  private follow(event: LedgerEvent | NewLedgerEvent): void {
    const d = this.device;
    switch (event.type) {
      case 'ticket.called':
      case 'walkin.served':
        this.showText((event.data as { number: string }).number);
        return;
      case 'ticket.recalled':
        if (d instanceof DeviceSession && d.state === 'connected') {
          void d.blink(3).catch(() => undefined);
          void d.beep(300).catch(() => undefined);
        }
        return;
      case 'counter.paused':
        this.showText('----');
        return;
      case 'counter.resumed':
        this.showText(heldTicket(this.deps.ledger, event.counterId)?.number ?? '');
        return;
      case 'session.closed':
        this.showText('');
        return;
      default:
        return;
    }
  }

  private showText(text: string): void {
    // Already sent (the call's answer, then its record): the device session keeps it across reconnects.
    if (text === this.shown) return;
    this.shown = text;
    void this.device?.show(text).catch((error: unknown) => this.log('note', error instanceof Error ? error.message : String(error)));
    this.changed();
  }

  private open(config: HardwareConfig): void {
    const options: ConstructorParameters<typeof DeviceSession>[0] = {
      path: config.path,
      baudRate: config.baud,
      onState: () => this.changed(),
      onLog: (direction, line) => this.log(direction, line),
      onInfo: (info) => {
        this.info = info;
        this.changed();
      },
      onKey: (press) => this.key(press.key, press.count),
      onRate: (rating) => this.rate(rating.score),
    };
    const device = (this.deps.openDevice ?? defaultOpen)(config, options);
    this.device = device;
    this.info = null;
    device.connect();
    const held = heldTicket(this.deps.ledger, this.deps.counterId());
    this.shown ??= held?.number ?? null;
    if (this.shown !== null) void device.show(this.shown).catch(() => undefined);
    this.changed();
  }

  private async closeDevice(): Promise<void> {
    const d = this.device;
    this.device = null;
    this.info = null;
    if (d) await d.disconnect();
  }

  private rate(score: number): void {
    const rate = this.deps.rate;
    if (!rate) return;
    this.keyQueue = this.keyQueue
      .then(() => rate(score))
      .then((outcome) => this.log('note', `rating ${score}: ${outcome}`))
      .catch((error: unknown) => this.log('note', `rating ${score} not recorded: ${error instanceof Error ? error.message : String(error)}`));
  }

  private key(key: number, count: number): void {
    const map = this.config?.keys ?? DEFAULT_KEY_MAP;
    const action = actionForKey(map, key);
    this.deps.push('hardwareKey', { key, count, action: action ?? 'none', at: this.deps.now() });
    if (action === null) return;
    const h = this.deps.handlers;
    const finishHeld = async (): Promise<void> => {
      const current = await h.getCurrentTicket({});
      if (!current) return;
      // The keys have no "start serving": a visitor only called is started and finished at once.
      if (current.status === 'called') await h.startServing({});
      await h.finishTicket({ ticketId: current.id, outcome: 'served', note: null });
    };
    const run = async (): Promise<unknown> => {
      if (action === 'callNext') return h.callNext({});
      if (action === 'recall') return h.recallTicket({});
      if (action === 'finish') return finishHeld();
      await finishHeld();
      return h.callNext({});
    };
    this.keyQueue = this.keyQueue.then(run).catch((error: unknown) => {
      // A refused action (nobody waiting, offline…) is the window's to explain; the log says it too.
      this.log('note', `key ${key} (${action}): ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private log(direction: LogDirection, line: string): void {
    this.logBuffer.push({ at: this.deps.now(), dir: direction === 'tx' ? 'out' : 'in', text: direction === 'note' ? `# ${line}` : line });
    if (this.logBuffer.length > LOG_BATCH_MAX) this.logBuffer.splice(0, this.logBuffer.length - LOG_BATCH_MAX);
    this.logTimer ??= setTimeout(() => {
      this.logTimer = null;
      const lines = this.logBuffer;
      this.logBuffer = [];
      this.deps.push('hardwareLog', { lines });
    }, LOG_FLUSH_MS);
    this.logTimer.unref?.();
  }

  private changed(): void {
    this.deps.push('hardwareChanged', this.state());
  }
}

