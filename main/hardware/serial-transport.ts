import type { Duplex } from 'node:stream';
import type { LinuxBindingInterface } from '@serialport/bindings-cpp';
import { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { LoketError } from '../../core/errors.ts';
import { BAUD_RATES, DEFAULT_BAUD } from '../../core/hardware-ipc.ts';
import { directIoBinding } from './direct-io-binding.ts';

/** DESIGN.md §6: 115200 unless the technician chose another of `BAUD_RATES` (9600–115200). */
export const DEFAULT_BAUD_RATE = DEFAULT_BAUD;

/** What the transport needs of a serialport stream; `SerialPort` and `SerialPortMock` both fit. */
export interface SerialPortLike extends Duplex {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
}

/** Makes an unopened port; injected so unit tests use `SerialPortMock` (@serialport/binding-mock). */
export type PortFactory = (options: { path: string; baudRate: number }) => SerialPortLike;

/**
 * The real ports, through @serialport/bindings-cpp: on Linux and macOS with their reads and writes
 * on the event loop (direct-io-binding.ts), so a key press never waits behind the thread pool.
 */
const nativeBinding = process.platform === 'win32' ? SerialPort.binding : directIoBinding(SerialPort.binding as LinuxBindingInterface);

export const nativePortFactory: PortFactory = ({ path, baudRate }) => new SerialPortStream({ binding: nativeBinding, path, baudRate, autoOpen: false });

export interface SerialTransportOptions {
  path: string;
  baudRate?: number | undefined;
  openPort?: PortFactory | undefined;
}

export interface TransportHandlers {
  onData?: ((bytes: Uint8Array) => void) | undefined;
  /** Received text line by line, control bytes as `\xNN`, for the technician's serial log. */
  onLine?: ((line: string) => void) | undefined;
  /** The port went away without `close()` (unplugged, I/O error). Not called after `close()`. */
  onClose?: ((error: LoketError) => void) | undefined;
}

/** A line longer than this is logged in pieces (garbage at the wrong baud rate has no line ends). */
const LOG_LINE_MAX = 120;

/**
 * The open-time failures a technician meets, each with its fix. The native binding reports them as
 * text (`Error Permission denied Cannot open /dev/ttyUSB0`; Windows says `Access denied` when
 * another program holds the port), so this matches on words as well as errno names.
 */
export function serialOpenError(path: string, error: unknown): LoketError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/EACCES|permission denied/i.test(detail)) {
    return new LoketError(
      'serial_permission',
      `No permission to open ${path}: add the user to the dialout group on Linux ` +
        `(sudo usermod -aG dialout $USER, then log in again). (${detail})`,
    );
  }
  if (/EBUSY|busy|cannot lock|locked|temporarily unavailable|access denied/i.test(detail)) {
    return new LoketError(
      'serial_busy',
      `${path} is in use: another program holds the port (a serial monitor, another Loket window, ModemManager). ` +
        `Close it and try again. (${detail})`,
    );
  }
  if (/ENOENT|ENXIO|no such file|not found|does not exist|cannot find/i.test(detail)) {
    return new LoketError(
      'serial_not_found',
      `${path} is not there: the device is unplugged or the path is wrong. Plug it in or choose the port again. (${detail})`,
    );
  }
  return new LoketError('serial_open_failed', `Could not open ${path}: ${detail}`);
}

function checkBaudRate(baudRate: number): number {
  if (!(BAUD_RATES as readonly number[]).includes(baudRate)) {
    throw new LoketError('invalid_request', `Baud rate ${baudRate} is not supported; choose one of ${BAUD_RATES.join(', ')}.`, 'baudRate');
  }
  return baudRate;
}

/** Splits received bytes into printable log lines. */
class LogLines {
  private pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (byte === 0x0a) this.flush();
      else if (byte !== 0x0d) {
        this.pending += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
        if (this.pending.length >= LOG_LINE_MAX) this.flush();
      }
    }
  }

  flush(): void {
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = '';
  }
}

/**
 * One open serial port: bytes in, text out, and one clear error when it goes away. The session
 * above decides what to do about that; this class never reopens on its own.
 */
export class SerialTransport {
  private closed = false;

  private constructor(
    private readonly port: SerialPortLike,
    readonly path: string,
    readonly baudRate: number,
  ) {}

  /** Opens `path`; rejects with a `LoketError` that says how to fix the usual causes. */
  static async open(options: SerialTransportOptions, handlers: TransportHandlers = {}): Promise<SerialTransport> {
    const baudRate = checkBaudRate(options.baudRate ?? DEFAULT_BAUD_RATE);
    const { path } = options;
    let port: SerialPortLike;
    try {
      port = (options.openPort ?? nativePortFactory)({ path, baudRate });
    } catch (error) {
      throw serialOpenError(path, error);
    }
    return new Promise((resolve, reject) => {
      port.open((error) => {
        if (error) {
          port.removeAllListeners();
          reject(serialOpenError(path, error));
          return;
        }
        const transport = new SerialTransport(port, path, baudRate);
        transport.listen(handlers);
        resolve(transport);
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed && this.port.isOpen;
  }

  private listen(handlers: TransportHandlers): void {
    const lines = handlers.onLine ? new LogLines(handlers.onLine) : null;
    let lastError: Error | null = null;
    this.port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      lines?.push(bytes);
      handlers.onData?.(bytes);
    });
    // Every unexpected end arrives as 'close' (with a DisconnectedError); 'error' alone never ends the port.
    this.port.on('error', (error: Error) => {
      lastError = error;
    });
    this.port.on('close', (error: Error | null) => {
      lines?.flush();
      if (this.closed) return;
      this.closed = true;
      this.port.removeAllListeners();
      const cause = error ?? lastError;
      handlers.onClose?.(
        new LoketError(
          'serial_disconnected',
          `${this.path} went away (unplugged or a USB error)${cause ? `: ${cause.message}` : ''}. Loket reopens it when it is back.`,
        ),
      );
    });
  }

  /** Resolves once the bytes are handed to the OS; rejects when the port is gone. */
  write(text: string): Promise<void> {
    if (!this.isOpen) return Promise.reject(new LoketError('serial_disconnected', `${this.path} is not open.`));
    return new Promise((resolve, reject) => {
      this.port.write(text, 'latin1', (error: Error | null | undefined) => (error ? reject(error) : resolve()));
    });
  }

  /** Closes the port; safe to call twice or after the port went away. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const port = this.port;
    return new Promise((resolve) => {
      const done = () => {
        port.removeAllListeners();
        port.on('error', () => undefined);
        resolve();
      };
      if (!port.isOpen) done();
      else port.close(() => done());
    });
  }
}
