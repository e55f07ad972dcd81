/**
 * Indonesian mobile numbers as visitors type them: `0812-3456-7890`, `+62 812 3456 7890` or
 * `6281234567890`. Written in the national form they are 10 to 13 digits starting `08`; stored in
 * one form, `+62` and the number without its leading 0, so one phone is one phone however typed.
 */

/** Spaces, dashes, dots and brackets people put between the groups of digits. */
const SEPARATORS = /[\s\-.()]/g;
/** The national significant number of a mobile: 8, then a non-zero digit, 9–12 digits in all. */
const MOBILE_NSN = /^8[1-9]\d{7,10}$/;

export const PHONE_RULE =
  'write an Indonesian mobile number: 08… (10 to 13 digits), +628… or 628…, e.g. 0812 3456 7890';

/** `+6281234567890`, or null when the text is not an Indonesian mobile number. */
export function normalizeIndonesianMobile(text: string): string | null {
  const compact = text.trim().replace(SEPARATORS, '');
  let nsn: string;
  if (compact.startsWith('+62')) nsn = compact.slice(3);
  else if (compact.startsWith('62')) nsn = compact.slice(2);
  else if (compact.startsWith('0')) nsn = compact.slice(1);
  else return null;
  return MOBILE_NSN.test(nsn) ? `+62${nsn}` : null;
}

/** `+6281234567890` → `+62812****7890`: enough for the visitor to recognise, not to call. */
export function maskPhone(normalized: string): string {
  if (normalized.length < 10) return '****';
  return `${normalized.slice(0, 6)}${'*'.repeat(normalized.length - 10)}${normalized.slice(-4)}`;
}
