import { ESC, GS, LF, QR, type Align } from './escpos.ts';

/**
 * Reads an ESC/POS byte stream back into operations: the commands `escpos.ts` writes, and nothing
 * else. Tests (and the end-to-end printer listener) use it to check what a printer would print.
 */

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export type EscPosOp =
  | { kind: 'init' }
  | { kind: 'codepage'; page: number }
  | { kind: 'align'; align: Align }
  | { kind: 'bold'; on: boolean }
  | { kind: 'size'; w: number; h: number }
  | { kind: 'text'; text: string }
  | { kind: 'newline' }
  | { kind: 'feed'; lines: number }
  /** At the print command, with the settings and data stored before it. */
  | { kind: 'qr'; data: string; model: 1 | 2; moduleSize: number; errorCorrection: QrErrorCorrection }
  | { kind: 'cut'; partial: boolean; feed: number };

export class EscPosDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'EscPosDecodeError';
  }
}

const hex = (byte: number | undefined): string => (byte === undefined ? 'end' : `0x${byte.toString(16).padStart(2, '0')}`);

const ALIGNS: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };
const ECC_LEVELS: Record<number, QrErrorCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };
/** GS V m: cut mode, and whether a feed amount n follows. */
const CUTS: Record<number, { partial: boolean; withFeed: boolean }> = {
  0: { partial: false, withFeed: false },
  48: { partial: false, withFeed: false },
  1: { partial: true, withFeed: false },
  49: { partial: true, withFeed: false },
  65: { partial: false, withFeed: true },
  66: { partial: true, withFeed: true },
};

export function decodeEscPos(bytes: Uint8Array): EscPosOp[] {
  const ops: EscPosOp[] = [];
  // The printer's QR state: Epson's power-on defaults until set.
  const qr = { model: 2 as 1 | 2, moduleSize: 3, errorCorrection: 'L' as QrErrorCorrection, data: null as string | null };
  let at = 0;

  /** The `count` bytes after the command's first `skip` bytes, or an error naming the command's offset. */
  const take = (count: number, skip: number, what: string): Uint8Array => {
    if (at + skip + count > bytes.length) {
      throw new EscPosDecodeError(`${what} is cut off: it needs ${skip + count} bytes, ${bytes.length - at} are left`, at);
    }
    return bytes.subarray(at + skip, at + skip + count);
  };
  const arg = (skip: number, what: string): number => take(1, skip, what)[0] ?? 0;

  while (at < bytes.length) {
    const byte = bytes[at] ?? 0;
    if (byte >= 0x20 && byte <= 0x7e) {
      let end = at;
      while (end < bytes.length && (bytes[end] ?? 0) >= 0x20 && (bytes[end] ?? 0) <= 0x7e) end++;
      ops.push({ kind: 'text', text: String.fromCharCode(...bytes.subarray(at, end)) });
      at = end;
    } else if (byte === LF) {
      ops.push({ kind: 'newline' });
      at += 1;
    } else if (byte === ESC) {
      at += decodeEsc(bytes[at + 1]);
    } else if (byte === GS) {
      at += decodeGs(bytes[at + 1]);
    } else {
      throw new EscPosDecodeError(`unknown ESC/POS byte ${hex(byte)}`, at);
    }
  }
  return ops;

  /** Decodes the ESC command at `at`; returns its length. */
  function decodeEsc(command: number | undefined): number {
    switch (command) {
      case 0x40:
        ops.push({ kind: 'init' });
        return 2;
      case 0x74:
        ops.push({ kind: 'codepage', page: arg(2, 'ESC t') });
        return 3;
      case 0x61: {
        const n = arg(2, 'ESC a');
        const align = ALIGNS[n];
        if (!align) throw new EscPosDecodeError(`ESC a with unknown alignment ${n}`, at);
        ops.push({ kind: 'align', align });
        return 3;
      }
      case 0x45:
        ops.push({ kind: 'bold', on: (arg(2, 'ESC E') & 1) === 1 });
        return 3;
      case 0x64:
        ops.push({ kind: 'feed', lines: arg(2, 'ESC d') });
        return 3;
      default:
        throw new EscPosDecodeError(`unknown ESC/POS command ESC ${hex(command)}`, at);
    }
  }

  /** Decodes the GS command at `at`; returns its length. */
  function decodeGs(command: number | undefined): number {
    switch (command) {
      case 0x21: {
        const n = arg(2, 'GS !');
        if (n & 0x88) throw new EscPosDecodeError(`GS ! with a magnification above 8 (n = ${hex(n)})`, at);
        ops.push({ kind: 'size', w: (n >> 4) + 1, h: (n & 0x0f) + 1 });
        return 3;
      }
      case 0x56: {
        const m = arg(2, 'GS V');
        const cut = CUTS[m];
        if (!cut) throw new EscPosDecodeError(`GS V with unknown cut mode ${m}`, at);
        ops.push({ kind: 'cut', partial: cut.partial, feed: cut.withFeed ? arg(3, 'GS V') : 0 });
        return cut.withFeed ? 4 : 3;
      }
      case 0x28: {
        if (bytes[at + 2] !== 0x6b) throw new EscPosDecodeError(`unknown ESC/POS command GS ( ${hex(bytes[at + 2])}`, at);
        const header = take(2, 3, 'GS ( k');
        const length = (header[0] ?? 0) + (header[1] ?? 0) * 256;
        decodeQr(take(length, 5, 'GS ( k'));
        return 5 + length;
      }
      default:
        throw new EscPosDecodeError(`unknown ESC/POS command GS ${hex(command)}`, at);
    }
  }

  /** GS ( k with its parameters `cn fn …`. */
  function decodeQr(params: Uint8Array): void {
    const [cn, fn, a] = params;
    const bad = (what: string): EscPosDecodeError => new EscPosDecodeError(`GS ( k ${what}`, at);
    if (cn !== QR.cn) throw bad(`for symbol type ${hex(cn)}, not QR (0x31)`);
    const expectLength = (n: number): void => {
      if (params.length !== n) throw bad(`function ${hex(fn)} with ${params.length} parameter bytes, expected ${n}`);
    };
    switch (fn) {
      case QR.model:
        expectLength(4);
        if (a !== 49 && a !== 50) throw bad(`with unknown QR model ${a}`);
        qr.model = a === 49 ? 1 : 2;
        return;
      case QR.moduleSize:
        expectLength(3);
        if (a === undefined || a < 1 || a > 16) throw bad(`with module size ${a}, outside 1..16`);
        qr.moduleSize = a;
        return;
      case QR.errorCorrection: {
        expectLength(3);
        const level = ECC_LEVELS[a ?? -1];
        if (!level) throw bad(`with unknown error correction ${a}`);
        qr.errorCorrection = level;
        return;
      }
      case QR.store:
        if (params.length < 4 || a !== 0x30) throw bad('storing no data, or with m other than 48');
        qr.data = String.fromCharCode(...params.subarray(3));
        return;
      case QR.print:
        expectLength(3);
        if (a !== 0x30) throw bad(`print with m = ${a}, expected 48`);
        if (qr.data === null) throw bad('print with no data stored');
        ops.push({ kind: 'qr', data: qr.data, model: qr.model, moduleSize: qr.moduleSize, errorCorrection: qr.errorCorrection });
        return;
      default:
        throw bad(`with unknown QR function ${hex(fn)}`);
    }
  }
}

export interface PrintedLine {
  text: string;
  /** Magnification of the line's text (of its first text, should sizes be mixed). */
  w: number;
  h: number;
  bold: boolean;
  align: Align;
  /** Font A columns the line takes: characters × width magnification. */
  columns: number;
}

/** The text lines a printer would print, each with its style; QR codes and cuts are left out. */
export function printedLines(ops: readonly EscPosOp[]): PrintedLine[] {
  const lines: PrintedLine[] = [];
  let style = { w: 1, h: 1, bold: false, align: 'left' as Align };
  let current: PrintedLine | null = null;
  for (const op of ops) {
    if (op.kind === 'init') style = { w: 1, h: 1, bold: false, align: 'left' };
    else if (op.kind === 'size') style = { ...style, w: op.w, h: op.h };
    else if (op.kind === 'bold') style = { ...style, bold: op.on };
    else if (op.kind === 'align') style = { ...style, align: op.align };
    else if (op.kind === 'text') {
      current ??= { text: '', ...style, columns: 0 };
      current.text += op.text;
      current.columns += op.text.length * style.w;
    } else if (op.kind === 'newline') {
      lines.push(current ?? { text: '', ...style, columns: 0 });
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines;
}
