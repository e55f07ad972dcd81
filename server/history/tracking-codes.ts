import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH } from '../queue/tracking-code.ts';

/**
 * Tracking codes for generated tickets: 8 characters of the kiosk's alphabet that never repeat.
 * The first three say the day (its number since 1970, in the alphabet's order, so a later day
 * sorts later); the last five are the day's ticket number multiplied by an odd number and offset
 * by the seed, modulo 32^5 — a bijection, so they look random but never repeat within the day.
 * Loading a year of history then adds each day's codes to one small region of the tracking-code
 * index instead of a random page per ticket.
 */
const DAY_CHARS = 3;
const REST_CHARS = TRACKING_CODE_LENGTH - DAY_CHARS;
const REST_SPACE = 32 ** REST_CHARS;
const MULTIPLIER = 0x1c3a5b7; // odd, so multiplying is a bijection modulo 2^25

function encode(value: number, chars: number): string {
  let code = '';
  let x = value;
  for (let i = 0; i < chars; i++) {
    code = (TRACKING_CODE_ALPHABET[x % 32] as string) + code;
    x = Math.floor(x / 32);
  }
  return code;
}

export class TrackingCodes {
  private n = 0;
  private readonly prefix: string;
  private readonly offset: number;

  constructor(seed: number, day: string) {
    this.prefix = encode(Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000) % 32 ** DAY_CHARS, DAY_CHARS);
    this.offset = Math.imul(seed >>> 0, 0x9e3779b1) >>> 7;
  }

  next(): string {
    if (this.n >= REST_SPACE) throw new Error('more than 32^5 generated tickets in one day');
    // Products stay below 2^53: n < 2^25 and the multiplier < 2^25.
    const rest = (this.n * MULTIPLIER + this.offset) % REST_SPACE;
    this.n += 1;
    return this.prefix + encode(rest, REST_CHARS);
  }
}
