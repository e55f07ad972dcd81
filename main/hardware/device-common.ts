import type { ErrorInfo } from '../../core/errors.ts';

/**
 * A device link's states (betaflight's names): `handshaking` between the port opening and the
 * device's INFO; `reconnecting` while waiting to reopen after an unplug, a reset or silence;
 * `failed` when retrying cannot help (no permission, a device speaking another protocol) until the
 * technician acts and calls `connect()` again; `idle` before `connect()` and after `disconnect()`.
 */
export type DeviceState = 'idle' | 'connecting' | 'handshaking' | 'connected' | 'reconnecting' | 'failed';

/** What the technician's live serial log shows: bytes sent, lines received, and what the link did. */
export type LogDirection = 'tx' | 'rx' | 'note';

/** What the counter needs of any display: the LSP/1 session and the plain-line adapter both fit. */
export interface DisplayDevice {
  readonly state: DeviceState;
  connect(): void;
  disconnect(): Promise<void>;
  show(text: string): Promise<void>;
}

export interface StateChange {
  state: DeviceState;
  /** Why the link is not (or no longer) connected; null once connected or after `disconnect()`. */
  error: ErrorInfo | null;
}

/** Reopen waits: the first `initialMs`, doubling up to `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Short first wait (a device reset takes ~100 ms), and a 1 s cap so a replugged device is back
 * within 2 s however long it was out (a missing port costs one failed open a second).
 */
export const DEFAULT_SERIAL_BACKOFF: Backoff = { initialMs: 250, maxMs: 1000 };

/**
 * The wait before reopen attempt `attempt` (0-based), jittered to 50–100 % so that counters on one
 * USB hub do not all retry in step.
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.5 + 0.5 * random()));
}

/** Timers, injectable; the default ones are unref'd so an open device never keeps a process alive. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One pending timer that is easy to replace and to cancel. */
export class TimerSlot {
  private handle: unknown = null;

  constructor(private readonly timers: Timers) {}

  set(callback: () => void, ms: number): void {
    this.clear();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      callback();
    }, ms);
  }

  clear(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  get pending(): boolean {
    return this.handle !== null;
  }
}
