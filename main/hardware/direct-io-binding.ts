import { readSync, writeSync } from 'node:fs';
import { BindingsError, type LinuxBindingInterface, type LinuxPortBinding } from '@serialport/bindings-cpp';

/**
 * A Linux or macOS port of @serialport/bindings-cpp (the two have the same members: an `fd` opened
 * O_NONBLOCK and a `poller`). Its interface types (@serialport/bindings-interface) publish no
 * types for ES module resolution, so the members are named from the Linux class.
 */
type UnixPortBinding = LinuxPortBinding;

const WAIT_CODES = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);

function mustWait(error: unknown): boolean {
  return WAIT_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}

function until(port: UnixPortBinding, event: 'readable' | 'writable'): Promise<void> {
  return new Promise((resolve, reject) => port.poller.once(event, (error) => (error ? reject(error) : resolve())));
}

/**
 * A port whose reads and writes are made on the event loop. bindings-cpp makes them with fs.read and
 * fs.write, in libuv's thread pool: every chunk received and every frame sent crosses to a pool
 * thread and back, and waits behind whatever else the pool is doing (file I/O, hashing, DNS). The
 * port is opened O_NONBLOCK, so the system calls return at once; when the OS has nothing to read or
 * no room to write, the binding's own poller says when to try again, as bindings-cpp does.
 */
export class DirectIoPort {
  private writing: Promise<void> | null = null;

  constructor(private readonly port: UnixPortBinding) {}

  get openOptions(): UnixPortBinding['openOptions'] {
    return this.port.openOptions;
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      // A read in progress when the port closes must end as canceled (BindingPortInterface).
      if (this.port.fd === null) throw new BindingsError('Port is not open', { canceled: true });
      try {
        const bytesRead = readSync(this.port.fd, buffer, offset, length, null);
        if (bytesRead > 0) return { buffer, bytesRead };
      } catch (error) {
        if (!mustWait(error)) throw error;
      }
      await until(this.port, 'readable');
    }
  }

  write(buffer: Buffer): Promise<void> {
    const operation = this.writeAll(buffer);
    this.writing = operation.catch(() => undefined);
    return operation;
  }

  private async writeAll(buffer: Buffer): Promise<void> {
    let written = 0;
    while (written < buffer.length) {
      if (this.port.fd === null) throw new BindingsError('Port is not open', { canceled: true });
      try {
        written += writeSync(this.port.fd, buffer, written, buffer.length - written);
      } catch (error) {
        if (!mustWait(error)) throw error;
        await until(this.port, 'writable');
      }
    }
  }

  async drain(): Promise<void> {
    await this.writing;
    return this.port.drain();
  }

  close(): Promise<void> {
    return this.port.close();
  }

  update(options: Parameters<UnixPortBinding['update']>[0]): Promise<void> {
    return this.port.update(options);
  }

  set(options: Parameters<UnixPortBinding['set']>[0]): Promise<void> {
    return this.port.set(options);
  }

  get(): ReturnType<UnixPortBinding['get']> {
    return this.port.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.port.getBaudRate();
  }

  flush(): Promise<void> {
    return this.port.flush();
  }
}

/** `binding` (Linux's or macOS's from bindings-cpp) with its ports' reads and writes on the event loop. */
export function directIoBinding(binding: LinuxBindingInterface) {
  return {
    list: () => binding.list(),
    open: async (options: Parameters<LinuxBindingInterface['open']>[0]) => new DirectIoPort(await binding.open(options)),
  };
}
