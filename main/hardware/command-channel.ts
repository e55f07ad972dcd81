import { LoketError } from '../../core/errors.ts';
import { encodeCommand, nextSeq, type DeviceMessage, type HostCommand } from '../../core/lsp1.ts';
import { TimerSlot, type Timers } from './device-common.ts';

/** The answer each command waits for; `NAK` answers any of them. */
const ANSWER: Record<HostCommand['type'], DeviceMessage['type']> = {
  HELLO: 'INFO',
  PING: 'PONG',
  SHOW: 'ACK',
  BLINK: 'ACK',
  BRIGHT: 'ACK',
  BEEP: 'ACK',
};

interface Pending {
  command: HostCommand;
  /** Handshake, ping and display restore: nobody waits on them, and a device reset drops them. */
  internal: boolean;
  resolve: () => void;
  reject: (error: LoketError) => void;
}

interface InFlight extends Pending {
  seq: number;
  frame: string;
  sends: number;
}

export interface CommandChannelOptions {
  timers: Timers;
  ackTimeoutMs: number;
  retries: number;
  write: (frame: string) => void;
  /** A command got no answer after all resends: the device is not responding. */
  onNoAnswer: (command: HostCommand) => void;
  /** The answer to a command that was waiting for it (INFO to HELLO, PONG to PING, ACK). */
  onAnswer: (message: DeviceMessage, command: HostCommand) => void;
  /** The device sent NAK; the command's promise rejects with `serial_refused` as well. */
  onRefused: (command: HostCommand, error: LoketError) => void;
  /** Nothing in flight and nothing queued (while not paused): time to think about a PING. */
  onIdle: () => void;
}

const ignore = (): void => undefined;

/**
 * Commands to the device, one at a time (an 8-bit MCU with a small receive buffer): each gets the
 * next seq, waits `ackTimeoutMs` for its answer and is resent with the same seq `retries` times,
 * so a late answer to an earlier send still counts.
 */
export class CommandChannel {
  private seq = 0;
  private inFlight: InFlight | null = null;
  private queue: Pending[] = [];
  private readonly answerTimer: TimerSlot;
  /** While true, queued commands wait (the link is handshaking or down). */
  paused = true;
  readonly stats = { resends: 0, noAnswer: 0, naks: 0 };

  constructor(private readonly options: CommandChannelOptions) {
    this.answerTimer = new TimerSlot(options.timers);
  }

  /** Queues a command; resolves on ACK (or its answer), rejects on NAK or when the link drops. */
  enqueue(command: HostCommand, internal = false): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ command, internal, resolve, reject });
      this.pump();
    });
  }

  /** Puts internal commands at the head of the queue (the display restore after a handshake). */
  prepend(commands: HostCommand[]): void {
    this.queue.unshift(...commands.map((command) => ({ command, internal: true, resolve: ignore, reject: ignore })));
  }

  /** Sends `command` now, ahead of the queue and even while paused (the handshake's HELLO). */
  sendNow(command: HostCommand): void {
    this.answerTimer.clear();
    this.start({ command, internal: true, resolve: ignore, reject: ignore });
  }

  pump(): void {
    if (this.inFlight || this.paused) return;
    const next = this.queue.shift();
    if (next) this.start(next);
    else this.options.onIdle();
  }

  /** Feeds an ACK, NAK, INFO or PONG; anything not answering the command in flight is ignored. */
  answer(message: DeviceMessage): void {
    const flight = this.inFlight;
    if (!flight || !('seq' in message) || message.seq !== flight.seq) return;
    if (message.type !== 'NAK' && message.type !== ANSWER[flight.command.type]) return;
    this.answerTimer.clear();
    this.inFlight = null;
    if (message.type === 'NAK') {
      this.stats.naks++;
      const error = new LoketError('serial_refused', `The device refused ${flight.command.type} (${message.reason}).`);
      flight.reject(error);
      this.options.onRefused(flight.command, error);
    } else {
      flight.resolve();
      this.options.onAnswer(message, flight.command);
    }
    this.pump();
  }

  /** The device reset: what it was doing is lost. A caller's command goes first again; internal ones are dropped. */
  forgetInternal(): void {
    this.answerTimer.clear();
    const flight = this.inFlight;
    this.inFlight = null;
    if (flight && !flight.internal) this.queue.unshift(flight);
    this.queue = this.queue.filter((p) => !p.internal);
  }

  /** The link is gone: every command rejects with `error`. */
  abort(error: LoketError): void {
    this.answerTimer.clear();
    const pending = [...(this.inFlight ? [this.inFlight] : []), ...this.queue];
    this.inFlight = null;
    this.queue = [];
    for (const p of pending) p.reject(error);
  }

  private start(pending: Pending): void {
    this.seq = nextSeq(this.seq);
    this.inFlight = { ...pending, seq: this.seq, frame: encodeCommand(this.seq, pending.command), sends: 0 };
    this.send();
  }

  private send(): void {
    const flight = this.inFlight;
    if (!flight) return;
    if (flight.sends > 0) this.stats.resends++;
    flight.sends++;
    this.options.write(flight.frame);
    this.answerTimer.set(() => {
      if (flight.sends <= this.options.retries) return this.send();
      this.stats.noAnswer++;
      this.options.onNoAnswer(flight.command);
    }, this.options.ackTimeoutMs);
  }
}
