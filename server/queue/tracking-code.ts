import { randomInt } from 'node:crypto';
import { TRACKING_CODE_PATTERN } from '../../core/api.ts';

/** The tracking-code alphabet: digits 2–9 and capitals without I and O (no 0/O or 1/I to misread). */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 8;

/** 8 characters, 40 bits, from the system's cryptographic random source. */
export function randomTrackingCode(): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  return code;
}

export function isTrackingCode(code: string): boolean {
  return TRACKING_CODE_PATTERN.test(code);
}
