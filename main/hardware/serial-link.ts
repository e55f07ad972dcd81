import { LoketError } from '../../core/errors.ts';
import {
  DEFAULT_SERIAL_BACKOFF,
  TimerSlot,
  backoffDelay,
  realTimers,
  type Backoff,
  type DeviceState,
  type LogDirection,
  type StateChange,
  type Timers,
} from './device-common.ts';
import { SerialTransport, type PortFactory } from './serial-transport.ts';

export interface SerialLinkOptions {
  path: string;
  baudRate?: number | undefined;
  openPort?: PortFactory | undefined;
  backoff?: Backoff | undefined;
  random?: (() => number) | undefined;
  timers?: Timers | undefined;
  onState?: ((change: StateChange) => void) | undefined;
  /** Every line sent and received and what the link did, for the technician's live serial log. */
  onLog?: ((direction: LogDirection, line: string) => void) | undefined;
}

/**
 * A serial port kept open until `disconnect()`: opens, reopens with capped, jittered backoff after
 * an unplug or open failure, and tracks the state with an intentional-disconnect flag (betaflight's
 * pattern). Subclasses say what happens on the open port.
 */
export abstract class SerialLink {
  private current: DeviceState = 'idle';
  private lastError: LoketError | null = null;
  /** True before `connect()` and after `disconnect()`: nothing may reopen the port. */
  private intentional = true;
  /** Bumped whenever a transport is given up; callbacks of an older one are ignored. */
  private epoch = 0;
  private reopenAttempts = 0;
  protected transport: SerialTransport | null = null;
  protected readonly timers: Timers;
  private readonly reopenTimer: TimerSlot;
  readonly linkStats = { reconnects: 0 };

  constructor(private readonly link: SerialLinkOptions) {
    this.timers = link.timers ?? realTimers;
    this.reopenTimer = new TimerSlot(this.timers);
  }

  get state(): DeviceState {
    return this.current;
  }

  get error(): LoketError | null {
    return this.lastError;
  }

  get path(): string {
    return this.link.path;
  }

  /** Starts (or, after `failed`, restarts) the link; it then keeps itself up until `disconnect()`. */
  connect(): void {
    if (!this.intentional && this.current !== 'failed') return;
    this.intentional = false;
    this.reopenAttempts = 0;
    this.open();
  }

  /** Closes the port and stops every reopen; pending work rejects with `serial_disconnected`. */
  async disconnect(): Promise<void> {
    this.intentional = true;
    this.reopenTimer.clear();
    const transport = this.giveUp(new LoketError('serial_disconnected', `${this.path} was closed on purpose.`));
    this.setState('idle', null);
    await transport?.close();
  }

  /** The port is open (a fresh transport); the subclass handshakes or declares itself connected. */
  protected abstract opened(transport: SerialTransport): void;
  protected abstract received(bytes: Uint8Array): void;
  /** The transport is being given up: stop timers, reject what waits on the device. */
  protected abstract stopped(error: LoketError): void;

  /** The link broke (unplug, silence, open failure): reopen after a backoff until `disconnect()`. */
  protected lose(error: LoketError): void {
    void this.giveUp(error)?.close();
    if (this.intentional) return;
    this.retryLater(error, () => this.open());
  }

  /** Retrying cannot help until the technician acts (and calls `connect()` again). */
  protected fail(error: LoketError): void {
    void this.giveUp(error)?.close();
    this.log('note', error.message);
    this.setState('failed', error);
  }

  /** Waits the next backoff delay in `reconnecting`, then runs `retry`. */
  protected retryLater(error: LoketError, retry: () => void): void {
    this.linkStats.reconnects++;
    const delay = backoffDelay(this.reopenAttempts++, this.link.backoff ?? DEFAULT_SERIAL_BACKOFF, this.link.random ?? Math.random);
    this.log('note', `${error.message} Trying again in ${delay} ms.`);
    this.setState('reconnecting', error);
    this.reopenTimer.set(retry, delay);
  }

  /** The device answered: the next failure starts from the shortest backoff again. */
  protected settled(): void {
    this.reopenAttempts = 0;
    this.cancelRetry();
  }

  protected cancelRetry(): void {
    this.reopenTimer.clear();
  }

  protected setState(state: DeviceState, error: LoketError | null = this.lastError): void {
    const changed = state !== this.current || error !== this.lastError;
    this.current = state;
    this.lastError = error;
    if (changed) this.link.onState?.({ state, error: error?.toInfo() ?? null });
  }

  protected log(direction: LogDirection, line: string): void {
    this.link.onLog?.(direction, line);
  }

  private open(): void {
    const epoch = ++this.epoch;
    this.setState('connecting');
    const { path, baudRate, openPort } = this.link;
    SerialTransport.open(
      { path, baudRate, openPort },
      {
        onData: (bytes) => epoch === this.epoch && this.received(bytes),
        onLine: (line) => epoch === this.epoch && this.log('rx', line),
        onClose: (error) => epoch === this.epoch && this.lose(error),
      },
    ).then(
      (transport) => {
        if (epoch !== this.epoch) return void transport.close();
        this.transport = transport;
        this.log('note', `opened ${path} at ${transport.baudRate} baud`);
        this.opened(transport);
      },
      (error: unknown) => {
        if (epoch !== this.epoch) return;
        const failure = error instanceof LoketError ? error : new LoketError('serial_open_failed', String(error));
        if (failure.code === 'serial_permission' || failure.code === 'invalid_request') this.fail(failure);
        else this.lose(failure);
      },
    );
  }

  private giveUp(error: LoketError): SerialTransport | null {
    this.epoch++;
    this.stopped(error);
    const transport = this.transport;
    this.transport = null;
    return transport;
  }
}
