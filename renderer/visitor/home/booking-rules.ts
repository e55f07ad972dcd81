import { normalizeIndonesianMobile } from '../../../core/phone-number.ts';

/**
 * The checks the booking form makes before sending (the server makes them again): the same rules
 * as `VisitorNameSchema` and `PhoneSchema` of core/visitor-api.ts, said in the visitor's language.
 */
export type NameProblem = 'nameMissing' | 'nameTooLong' | 'nameLetters';

const NAME_LETTERS = /^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u;

export function nameProblem(text: string): NameProblem | null {
  const name = text.trim();
  if (name.length < 2) return 'nameMissing';
  if (name.length > 60) return 'nameTooLong';
  if (!NAME_LETTERS.test(name)) return 'nameLetters';
  return null;
}

/** `+628…` for a valid Indonesian mobile number, else null. */
export const normalizedPhone = (text: string): string | null => normalizeIndonesianMobile(text);
