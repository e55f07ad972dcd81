/**
 * Indonesian reading of numbers and ticket codes for the voice call on the display board.
 *
 * Everything is produced as tokens from one closed vocabulary (`SPOKEN_WORDS`), so the board can
 * play one recorded clip per token; the same tokens joined make the text for speech synthesis.
 */

/** The largest number read: ticket sequences and counter numbers stay far below it. */
export const MAX_SPOKEN_NUMBER = 999_999;

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/** Indonesian letter names (ejaan): what an officer says when spelling a ticket prefix. */
export const LETTER_NAMES = {
  A: 'a', B: 'be', C: 'ce', D: 'de', E: 'e', F: 'ef', G: 'ge', H: 'ha', I: 'i', J: 'je', K: 'ka', L: 'el', M: 'em',
  N: 'en', O: 'o', P: 'pe', Q: 'ki', R: 'er', S: 'es', T: 'te', U: 'u', V: 've', W: 'we', X: 'eks', Y: 'ye', Z: 'zet',
} as const;

type Letter = keyof typeof LETTER_NAMES;

const ANNOUNCEMENT_WORDS = ['nomor', 'antrean', 'silakan', 'menuju', 'loket'] as const;

/** Every token this module can produce: a build script records one audio clip per word. */
export const SPOKEN_WORDS = [
  ...UNITS,
  'sepuluh',
  'sebelas',
  'belas',
  'puluh',
  'seratus',
  'ratus',
  'seribu',
  'ribu',
  ...Object.values(LETTER_NAMES),
  ...ANNOUNCEMENT_WORDS,
] as const;

export type SpokenWord = (typeof SPOKEN_WORDS)[number];

function unit(digit: number): SpokenWord {
  const word = UNITS[digit];
  if (word === undefined) throw new RangeError(`${digit} is not a decimal digit`);
  return word;
}

/** 1..999 (0 gives no words: it is the silent part of 2000 or 1300). */
function belowThousand(n: number): SpokenWord[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const words: SpokenWord[] = [];
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(unit(hundreds), 'ratus');
  if (rest === 0) return words;
  if (rest < 10) words.push(unit(rest));
  else if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest < 20) words.push(unit(rest - 10), 'belas');
  else {
    words.push(unit(Math.floor(rest / 10)), 'puluh');
    if (rest % 10 !== 0) words.push(unit(rest % 10));
  }
  return words;
}

/** The tokens of an integer 0..999 999: 1 011 → ['seribu', 'sebelas']. */
export function numberWords(n: number): SpokenWord[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`only whole numbers from 0 to ${MAX_SPOKEN_NUMBER} can be read aloud, got ${n}`);
  }
  if (n === 0) return ['nol'];
  const thousands = Math.floor(n / 1000);
  const words: SpokenWord[] = [];
  if (thousands === 1) words.push('seribu');
  else if (thousands > 1) words.push(...belowThousand(thousands), 'ribu');
  words.push(...belowThousand(n % 1000));
  return words;
}

/** 9 999 → "sembilan ribu sembilan ratus sembilan puluh sembilan". */
export function numberToWords(n: number): string {
  return numberWords(n).join(' ');
}

const TICKET_CODE = /^([A-Z0-9]{1,8})-(\d{1,6})$/;

function parseTicketCode(code: string): { prefix: string[]; sequence: number } {
  const match = TICKET_CODE.exec(code.trim().toUpperCase());
  if (!match) {
    throw new RangeError(
      `a ticket code is a prefix of 1–8 letters or digits, a dash and 1–6 digits (e.g. A-012 or 4K-010), got ${JSON.stringify(code)}`,
    );
  }
  return { prefix: [...(match[1] ?? '')], sequence: Number(match[2]) };
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * The tokens of a ticket code. The prefix (before the dash) is spelled: each letter by its name,
 * each digit as a digit, because a prefix is a label, not a quantity (`4K` is "empat ka", and
 * a walk-in's `L12` is "el satu dua", not "el dua belas"). The sequence after the dash is a number,
 * so its padding zeros are silent: `A-012` → a dua belas, `L1-001` → el satu satu.
 */
export function ticketCodeWords(code: string): SpokenWord[] {
  const { prefix, sequence } = parseTicketCode(code);
  const spelled = prefix.map((c): SpokenWord => (isDigit(c) ? unit(Number(c)) : LETTER_NAMES[c as Letter]));
  return [...spelled, ...numberWords(sequence)];
}

/** `4K-10` → "empat ka sepuluh": the clip names joined by spaces. */
export function ticketCodeToWords(code: string): string {
  return ticketCodeWords(code).join(' ');
}

export interface AnnouncementInput {
  number: string;
  counterNumber: number;
  /**
   * Not in the clip tokens: an agency's name is free text with no recorded clip. Speech synthesis
   * reads it (`announcementText`); a board playing clips shows it on screen instead.
   */
  agencyName?: string | null;
}

/** The call as clip tokens: nomor antrean, the code, silakan menuju loket, the counter number. */
export function announcementWords(input: AnnouncementInput): SpokenWord[] {
  return ['nomor', 'antrean', ...ticketCodeWords(input.number), 'silakan', 'menuju', 'loket', ...counterWords(input.counterNumber)];
}

function counterWords(counterNumber: number): SpokenWord[] {
  if (!Number.isInteger(counterNumber) || counterNumber < 1) {
    throw new RangeError(`a counter number is a whole number from 1, got ${counterNumber}`);
  }
  return numberWords(counterNumber);
}

/**
 * The call as one sentence for browser speech synthesis (id-ID), the agency's name last when
 * given. Prefix letters stay capitals (an id-ID voice says "A" as the letter, where a lone "a" or
 * "e" may be read as a sound); digits and numbers are written out so no voice reads "012" its own way.
 */
export function announcementText(input: AnnouncementInput): string {
  const { prefix, sequence } = parseTicketCode(input.number);
  const code = [...prefix.map((c) => (isDigit(c) ? unit(Number(c)) : c)), ...numberWords(sequence)].join(' ');
  const sentence = `Nomor antrean ${code}, silakan menuju loket ${counterWords(input.counterNumber).join(' ')}`;
  const agency = input.agencyName?.trim();
  return agency ? `${sentence}, ${agency}` : sentence;
}
