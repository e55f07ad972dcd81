import { encodeFrame, Lsp1Decoder, type Lsp1Frame, type Lsp1Stats } from './lsp1-frame.ts';

/**
 * The messages of LSP/1 (DESIGN.md §6) as typed values, both ways, so the host session and a
 * scripted or simulated device speak through the same checks. Import it through `lsp1.ts`.
 */

/** Sequence numbers are 16-bit and wrap. */
export const SEQ_MODULO = 65_536;

/** The seq after `seq`, wrapping 65535 → 0. */
export function nextSeq(seq: number): number {
  return (seq + 1) % SEQ_MODULO;
}

/** The protocol version the host speaks; a device reports it in `INFO` and `BOOT`. */
export const LSP1_PROTOCOL = '1';

/** Whether a device's protocol field is a version the host speaks: `1`, or a minor revision `1.x`. */
export function isSupportedProtocol(protocol: string): boolean {
  return /^1(\.[0-9]+)?$/.test(protocol);
}

/** Ranges of the numeric fields; the device answers `NAK,seq,RANGE` outside them. */
export const LSP1_LIMITS = {
  /** Display digits a device may report. */
  digits: { min: 1, max: 16 },
  keys: { min: 0, max: 8 },
  key: { min: 1, max: 8 },
  /** `BLINK` count; 0 stops a blink in progress. */
  blinkTimes: { min: 0, max: 255 },
  brightness: { min: 0, max: 15 },
  /** `BEEP` length in milliseconds; 0 silences. */
  beepMs: { min: 0, max: 5000 },
  /** Score of the optional 4-key rating pad (the IKM scale is 1–4). */
  score: { min: 1, max: 4 },
} as const;

export type DeviceMessage =
  | { type: 'ACK'; seq: number }
  | { type: 'NAK'; seq: number; reason: string }
  | { type: 'INFO'; seq: number; model: string; firmware: string; protocol: string; digits: number; keys: number }
  | { type: 'PONG'; seq: number }
  | { type: 'BOOT'; model: string; firmware: string; protocol: string }
  | { type: 'KEY'; key: number; count: number }
  | { type: 'RATE'; score: number; count: number };

export type HostCommand =
  | { type: 'HELLO' }
  | { type: 'SHOW'; text: string }
  | { type: 'BLINK'; times: number }
  | { type: 'BRIGHT'; level: number }
  | { type: 'BEEP'; ms: number }
  | { type: 'PING' };

/** Device → host types; the host drops (and counts) any other. */
export const DEVICE_MESSAGE_TYPES: ReadonlySet<string> = new Set(['ACK', 'NAK', 'INFO', 'PONG', 'BOOT', 'KEY', 'RATE']);
/** Host → device types; a device answers any other with `NAK,seq,TYPE`. */
export const HOST_COMMAND_TYPES: ReadonlySet<string> = new Set(['HELLO', 'SHOW', 'BLINK', 'BRIGHT', 'BEEP', 'PING']);

/**
 * Letters a 7-segment digit draws legibly (as A b C d E F G H I J L n O P q r S t U y); K M V W X Z
 * have no shape that reads unambiguously, so they are refused rather than shown wrong.
 */
export const DISPLAY_LETTERS = 'ABCDEFGHIJLNOPQRSTUY';
const DISPLAY_PATTERN = new RegExp(`^[0-9${DISPLAY_LETTERS} -]*$`);

/**
 * The `SHOW` text for a display of `digits` digits. Upper-cases and trims; when the text is longer
 * than the display, first drops `-` and spaces (`A-012` on 4 digits shows `A012`), then keeps the
 * last `digits` characters, because the visitor matches the number (`AB-1234` on 4 shows `1234`).
 * Only the characters that will be shown are checked; a character the display cannot draw throws.
 * The result is not padded: the device right-aligns.
 */
export function displayText(text: string, digits: number): string {
  let shown = text.trim().toUpperCase();
  if (shown.length > digits) shown = shown.replace(/[- ]/g, '');
  if (shown.length > digits) shown = shown.slice(shown.length - digits);
  if (!DISPLAY_PATTERN.test(shown)) {
    throw new Error(
      `The display cannot show ${JSON.stringify(shown)}: it draws 0-9, -, space and the letters ${DISPLAY_LETTERS}`,
    );
  }
  return shown;
}

function checkInt(what: string, value: number, range: { min: number; max: number }): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new Error(`LSP/1 ${what} must be a whole number ${range.min}–${range.max}, not ${value}`);
  }
  return value;
}

/** The frame for `command` with sequence number `seq`; throws on a value out of range. */
export function encodeCommand(seq: number, command: HostCommand): string {
  checkInt('seq', seq, { min: 0, max: SEQ_MODULO - 1 });
  switch (command.type) {
    case 'HELLO':
    case 'PING':
      return encodeFrame(command.type, [seq]);
    case 'SHOW':
      if (!DISPLAY_PATTERN.test(command.text)) throw new Error(`LSP/1 SHOW text ${JSON.stringify(command.text)} is not displayable`);
      return encodeFrame('SHOW', [seq, command.text]);
    case 'BLINK':
      return encodeFrame('BLINK', [seq, checkInt('BLINK times', command.times, LSP1_LIMITS.blinkTimes)]);
    case 'BRIGHT':
      return encodeFrame('BRIGHT', [seq, checkInt('BRIGHT level', command.level, LSP1_LIMITS.brightness)]);
    case 'BEEP':
      return encodeFrame('BEEP', [seq, checkInt('BEEP ms', command.ms, LSP1_LIMITS.beepMs)]);
  }
}

/** The frame a device sends for `message` (scripted peers and simulators use it). */
export function encodeDeviceMessage(message: DeviceMessage): string {
  switch (message.type) {
    case 'ACK':
    case 'PONG':
      return encodeFrame(message.type, [message.seq]);
    case 'NAK':
      return encodeFrame('NAK', [message.seq, message.reason]);
    case 'INFO':
      return encodeFrame('INFO', [message.seq, message.model, message.firmware, message.protocol, message.digits, message.keys]);
    case 'BOOT':
      return encodeFrame('BOOT', [message.model, message.firmware, message.protocol]);
    case 'KEY':
      return encodeFrame('KEY', [message.key, message.count]);
    case 'RATE':
      return encodeFrame('RATE', [message.score, message.count]);
  }
}

/** A decimal field in range, or null; leading zeros allowed, signs and spaces not. */
function int(field: string | undefined, range: { min: number; max: number }): number | null {
  if (field === undefined || !/^[0-9]{1,5}$/.test(field)) return null;
  const value = Number(field);
  return value >= range.min && value <= range.max ? value : null;
}

const SEQ_RANGE = { min: 0, max: SEQ_MODULO - 1 };
const COUNT_RANGE = SEQ_RANGE;

function text(field: string | undefined): string | null {
  return field === undefined || field.length === 0 ? null : field;
}

/** Every value non-null, else null: one check for "some field was wrong". */
function all<T extends Record<string, unknown>>(value: T): { [K in keyof T]: NonNullable<T[K]> } | null {
  return Object.values(value).some((v) => v === null) ? null : (value as { [K in keyof T]: NonNullable<T[K]> });
}

/** A device frame as a typed message, or null when its type is not a device type or a field is wrong. */
export function parseDeviceMessage(frame: Lsp1Frame): DeviceMessage | null {
  const f = frame.fields;
  const n = (count: number) => f.length === count;
  switch (frame.type) {
    case 'ACK':
    case 'PONG':
      return n(1) ? all({ type: frame.type, seq: int(f[0], SEQ_RANGE) }) : null;
    case 'NAK':
      return n(2) ? all({ type: 'NAK' as const, seq: int(f[0], SEQ_RANGE), reason: text(f[1]) }) : null;
    case 'INFO':
      return n(6)
        ? all({
            type: 'INFO' as const,
            seq: int(f[0], SEQ_RANGE),
            model: text(f[1]),
            firmware: text(f[2]),
            protocol: text(f[3]),
            digits: int(f[4], LSP1_LIMITS.digits),
            keys: int(f[5], LSP1_LIMITS.keys),
          })
        : null;
    case 'BOOT':
      return n(3) ? all({ type: 'BOOT' as const, model: text(f[0]), firmware: text(f[1]), protocol: text(f[2]) }) : null;
    case 'KEY':
      return n(2) ? all({ type: 'KEY' as const, key: int(f[0], LSP1_LIMITS.key), count: int(f[1], COUNT_RANGE) }) : null;
    case 'RATE':
      return n(2) ? all({ type: 'RATE' as const, score: int(f[0], LSP1_LIMITS.score), count: int(f[1], COUNT_RANGE) }) : null;
    default:
      return null;
  }
}

/** A host frame as `{seq, command}`, or null when it is not a valid command (what a device checks). */
export function parseHostCommand(frame: Lsp1Frame): { seq: number; command: HostCommand } | null {
  const seq = int(frame.fields[0], SEQ_RANGE);
  if (seq === null) return null;
  const arity = frame.type === 'HELLO' || frame.type === 'PING' ? 1 : 2;
  if (frame.fields.length !== arity) return null;
  const arg = frame.fields[1];
  let command: HostCommand | null = null;
  switch (frame.type) {
    case 'HELLO':
    case 'PING':
      command = { type: frame.type };
      break;
    case 'SHOW':
      command = arg !== undefined && DISPLAY_PATTERN.test(arg) ? { type: 'SHOW', text: arg } : null;
      break;
    case 'BLINK':
      command = all({ type: 'BLINK' as const, times: int(arg, LSP1_LIMITS.blinkTimes) });
      break;
    case 'BRIGHT':
      command = all({ type: 'BRIGHT' as const, level: int(arg, LSP1_LIMITS.brightness) });
      break;
    case 'BEEP':
      command = all({ type: 'BEEP' as const, ms: int(arg, LSP1_LIMITS.beepMs) });
      break;
  }
  return command === null ? null : { seq, command };
}

/**
 * The host's reader: decodes, drops unknown types, and parses each frame into a message, counting
 * a frame with wrong fields as `malformed` in the same stats.
 */
export class DeviceMessageReader {
  private readonly decoder = new Lsp1Decoder({ knownTypes: DEVICE_MESSAGE_TYPES });

  get stats(): Readonly<Lsp1Stats> {
    return this.decoder.stats;
  }

  push(chunk: Uint8Array | string): { frame: Lsp1Frame; message: DeviceMessage }[] {
    const out: { frame: Lsp1Frame; message: DeviceMessage }[] = [];
    for (const frame of this.decoder.push(chunk)) {
      const message = parseDeviceMessage(frame);
      if (message) out.push({ frame, message });
      else {
        this.decoder.stats.frames--;
        this.decoder.stats.malformed++;
      }
    }
    return out;
  }

  reset(): void {
    this.decoder.reset();
  }
}
