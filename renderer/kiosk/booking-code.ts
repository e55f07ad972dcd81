import { BOOKING_CODE_PATTERN } from '../../core/visitor-api.ts';

/**
 * Booking codes as the kiosk reads them: typed on its keypad, or scanned from the booking's QR
 * code by a keyboard-wedge scanner (which types what the code holds, then Enter).
 */

export const BOOKING_CODE_LENGTH = 8;
/** The letters and digits a code can hold (no 0/O, 1/I to misread), in keypad order. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Keeps what a visitor typed to the code's letters: upper case, ambiguous characters and spaces dropped, at most 8. */
export function cleanCodeInput(text: string): string {
  let out = '';
  for (const char of text.toUpperCase()) {
    if (CODE_ALPHABET.includes(char)) out += char;
    if (out.length === BOOKING_CODE_LENGTH) break;
  }
  return out;
}

export const isBookingCode = (text: string): boolean => BOOKING_CODE_PATTERN.test(text);

/**
 * The booking code in what a scanner typed: the code itself (what the booking's QR holds), or a
 * link to the booking's tracking or booking page (`…?code=K7QX4M2P`). Null when it holds none.
 */
export function bookingCodeFromScan(scanned: string): string | null {
  const text = scanned.trim();
  const direct = text.toUpperCase();
  if (isBookingCode(direct)) return direct;
  const param = /[?&]code=([^&#\s]+)/i.exec(text)?.[1];
  if (param !== undefined) {
    let value = param;
    try {
      value = decodeURIComponent(param);
    } catch {
      // keep it as it is
    }
    const code = value.trim().toUpperCase();
    if (isBookingCode(code)) return code;
  }
  return null;
}

/**
 * Tells a scanner from a person: a scanner types a whole code within a few milliseconds per key and
 * ends it with Enter; a person types slower. Keys further apart than `gapMs` start a new reading.
 */
export class ScanReader {
  private text = '';
  private last = -Infinity;

  constructor(
    private readonly gapMs = 100,
    private readonly minLength = BOOKING_CODE_LENGTH,
  ) {}

  /** A printable character at `at` (ms). */
  key(char: string, at: number): void {
    if (at - this.last > this.gapMs) this.text = '';
    this.text += char;
    this.last = at;
  }

  /** Enter at `at`: what was scanned, or null when it was not a quick enough reading. */
  enter(at: number): string | null {
    const quick = at - this.last <= this.gapMs && this.text.length >= this.minLength;
    const text = this.text;
    this.reset();
    return quick ? text : null;
  }

  reset(): void {
    this.text = '';
    this.last = -Infinity;
  }
}
