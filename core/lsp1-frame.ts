/**
 * LSP/1 framing (DESIGN.md §6): `$TYPE,field,field*CS\r\n`, CS the XOR of every byte between `$`
 * and `*` as two uppercase hex digits, at most 64 bytes per frame. Import it through `lsp1.ts`.
 */

/** Longest frame in bytes, counting `$` and `\r\n`. */
export const LSP1_MAX_FRAME = 64;
/** The longest `TYPE,fields*CS` part: the frame minus `$`, `\r` and `\n`. */
const MAX_BODY_WITH_CS = LSP1_MAX_FRAME - 3;

const DOLLAR = 0x24;
const STAR = 0x2a;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

const TYPE_PATTERN = /^[A-Z]{2,8}$/;

export interface Lsp1Frame {
  readonly type: string;
  readonly fields: string[];
  /** The frame as received, without the line end (for the technician's serial log). */
  readonly raw: string;
}

/** Why frames were dropped; a technician reads these to tell a noisy cable from a wrong baud rate. */
export interface Lsp1Stats {
  /** Frames delivered. */
  frames: number;
  /** Longer than 64 bytes. */
  tooLong: number;
  badChecksum: number;
  /** Bad shape: no `*CS`, a bad TYPE, a control byte, cut off by a new `$`, or wrong fields. */
  malformed: number;
  /** A TYPE outside `knownTypes`. */
  unknownType: number;
  /** Bytes outside any frame (noise, boot messages, the tail of a dropped frame). */
  skippedBytes: number;
}

function isPrintable(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

function isFieldByte(byte: number): boolean {
  return isPrintable(byte) && byte !== DOLLAR && byte !== STAR && byte !== COMMA;
}

/** The two uppercase hex digits of the XOR of every character of `body` (the part between `$` and `*`). */
export function checksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i) & 0xff;
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * One complete frame, `\r\n` included. Throws on anything the spec forbids, so a bad frame is a
 * bug found at the sender and never a silent drop at the receiver.
 */
export function encodeFrame(type: string, fields: readonly (string | number)[]): string {
  if (!TYPE_PATTERN.test(type)) {
    throw new Error(`LSP/1 frame type ${JSON.stringify(type)} is not 2–8 uppercase letters`);
  }
  const texts = fields.map((field, i) => {
    if (typeof field === 'number' && !Number.isFinite(field)) {
      throw new Error(`LSP/1 ${type} field ${i + 1} is not a finite number: ${field}`);
    }
    const text = String(field);
    for (let j = 0; j < text.length; j++) {
      if (!isFieldByte(text.charCodeAt(j))) {
        throw new Error(
          `LSP/1 ${type} field ${i + 1} ${JSON.stringify(text)} holds ${JSON.stringify(text[j])}: ` +
            'fields are printable ASCII without $ * ,',
        );
      }
    }
    return text;
  });
  const body = [type, ...texts].join(',');
  const frame = `$${body}*${checksum(body)}\r\n`;
  if (frame.length > LSP1_MAX_FRAME) {
    throw new Error(`LSP/1 ${type} frame is ${frame.length} bytes; at most ${LSP1_MAX_FRAME} are allowed`);
  }
  return frame;
}

export interface Lsp1DecoderOptions {
  /** Frames of other types are dropped and counted as `unknownType` (the host's rule). */
  knownTypes?: ReadonlySet<string> | undefined;
}

/**
 * Streaming decoder: feed it whatever the port delivers, in any chunking, and it returns the
 * complete, valid frames. It never throws on input.
 *
 * Line ends: `\r\n` is the spec; a lone `\n` is accepted too (a device or test peer printing with
 * `\n` alone still works, and the `\n` is what ends a frame either way). The 64-byte limit is
 * counted as if the frame ended in `\r\n`, so every accepted frame is also a valid `\r\n` frame.
 * A `\r` anywhere but right before the `\n` makes the frame malformed.
 */
export class Lsp1Decoder {
  readonly stats: Lsp1Stats = { frames: 0, tooLong: 0, badChecksum: 0, malformed: 0, unknownType: 0, skippedBytes: 0 };
  /** Bytes after `$` of the frame being read, or null while hunting for `$`. */
  private body: number[] | null = null;
  private readonly knownTypes: ReadonlySet<string> | undefined;

  constructor(options: Lsp1DecoderOptions = {}) {
    this.knownTypes = options.knownTypes;
  }

  push(chunk: Uint8Array | string): Lsp1Frame[] {
    const out: Lsp1Frame[] = [];
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      const byte = typeof chunk === 'string' ? chunk.charCodeAt(i) : (chunk[i] ?? 0);
      const frame = this.pushByte(byte);
      if (frame) out.push(frame);
    }
    return out;
  }

  /** Forgets a half-read frame (after the port reopens, its start is gone for good). */
  reset(): void {
    this.body = null;
  }

  private pushByte(byte: number): Lsp1Frame | null {
    const body = this.body;
    if (body === null) {
      if (byte === DOLLAR) this.body = [];
      else this.stats.skippedBytes++;
      return null;
    }
    if (byte === DOLLAR) {
      this.stats.malformed++;
      this.body = [];
      return null;
    }
    if (byte === LF) {
      this.body = null;
      return this.finish(body);
    }
    if (byte !== CR && !isPrintable(byte)) return this.drop('malformed');
    body.push(byte);
    // One byte of slack for the `\r` that may still come before the `\n`.
    if (body.length > MAX_BODY_WITH_CS + 1) return this.drop('tooLong');
    return null;
  }

  private drop(reason: 'malformed' | 'tooLong'): null {
    this.stats[reason]++;
    this.body = null;
    return null;
  }

  private finish(bytes: number[]): Lsp1Frame | null {
    if (bytes[bytes.length - 1] === CR) bytes.pop();
    if (bytes.length > MAX_BODY_WITH_CS) {
      this.stats.tooLong++;
      return null;
    }
    const raw = `$${String.fromCharCode(...bytes)}`;
    const star = raw.length - 3;
    if (star < 1 || raw.charCodeAt(star) !== STAR || raw.includes('\r')) {
      this.stats.malformed++;
      return null;
    }
    const content = raw.slice(1, star);
    if (raw.slice(star + 1) !== checksum(content)) {
      this.stats.badChecksum++;
      return null;
    }
    const [type = '', ...fields] = content.split(',');
    if (!TYPE_PATTERN.test(type) || content.includes('*')) {
      this.stats.malformed++;
      return null;
    }
    if (this.knownTypes && !this.knownTypes.has(type)) {
      this.stats.unknownType++;
      return null;
    }
    this.stats.frames++;
    return { type, fields, raw };
  }
}
