import { LoketError } from '../../core/errors.ts';
import type { DisplayDevice } from './device-common.ts';
import { SerialLink, type SerialLinkOptions } from './serial-link.ts';

const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * The one-way adapter for simple LED displays that show whatever line they receive (DESIGN.md §6):
 * `show` writes `text\r\n`, nothing is read and nothing confirms. It is `connected` as soon as the
 * port is open, reopens after an unplug like the LSP/1 session, and writes the last text again.
 */
export class PlainLineAdapter extends SerialLink implements DisplayDevice {
  private text: string | null = null;

  constructor(options: SerialLinkOptions) {
    super(options);
  }

  /** Resolves once the line is handed to the port (or, while not connected, is remembered). */
  show(text: string): Promise<void> {
    if (!PRINTABLE.test(text)) {
      return Promise.reject(
        new LoketError('serial_bad_text', `A plain-line display takes printable ASCII only, not ${JSON.stringify(text)}.`),
      );
    }
    this.text = text;
    return this.state === 'connected' ? this.writeText() : Promise.resolve();
  }

  protected opened(): void {
    this.settled();
    this.setState('connected', null);
    if (this.text !== null) this.writeText().catch(() => undefined);
  }

  protected received(): void {
    // One-way: whatever the display sends is only logged (by the transport, as lines).
  }

  protected stopped(): void {}

  private writeText(): Promise<void> {
    const line = `${this.text ?? ''}\r\n`;
    this.log('tx', line.slice(0, -2));
    return this.transport ? this.transport.write(line) : Promise.resolve();
  }
}
