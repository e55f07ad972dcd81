import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LETTER_NAMES,
  MAX_SPOKEN_NUMBER,
  SPOKEN_WORDS,
  announcementText,
  announcementWords,
  numberToWords,
  numberWords,
  ticketCodeToWords,
  ticketCodeWords,
} from '../../../core/number-words.ts';

/**
 * A second reading built straight from the grammar book, shaped differently from the module:
 * read every digit with its place word ("satu ribu satu ratus satu belas"), then apply the one
 * exception: "satu" before a place word (belas, puluh, ratus, ribu) fuses into "se-".
 */
const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

function plainGroup(n: number): string[] {
  const [h = 0, t = 0, u = 0] = String(n).padStart(3, '0').split('').map(Number);
  const words: string[] = [];
  if (h > 0) words.push(DIGITS[h]!, 'ratus');
  if (t === 1 && u > 0) words.push(DIGITS[u]!, 'belas');
  else {
    if (t > 0) words.push(DIGITS[t]!, 'puluh');
    if (u > 0) words.push(DIGITS[u]!);
  }
  return words;
}

function referenceReading(n: number): string {
  if (n === 0) return 'nol';
  const thousands = Math.floor(n / 1000);
  // "satu ribu" fuses only when the whole thousands group is one: 21 000 is "dua puluh satu ribu".
  const head = thousands === 0 ? [] : thousands === 1 ? ['seribu'] : [...plainGroup(thousands), 'ribu'];
  const plain = [...head, ...plainGroup(n % 1000)].join(' ');
  return plain.replace(/\bsatu (belas|puluh|ratus)\b/g, 'se$1');
}

const LETTERS = Object.keys(LETTER_NAMES);

describe('numberToWords', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [7, 'tujuh'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [200, 'dua ratus'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1011, 'seribu sebelas'],
    [1100, 'seribu seratus'],
    [2000, 'dua ribu'],
    [9999, 'sembilan ribu sembilan ratus sembilan puluh sembilan'],
    [10_000, 'sepuluh ribu'],
    [11_000, 'sebelas ribu'],
    [21_000, 'dua puluh satu ribu'],
    [100_000, 'seratus ribu'],
    [101_101, 'seratus satu ribu seratus satu'],
    [111_111, 'seratus sebelas ribu seratus sebelas'],
    [999_999, 'sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
  ])('%i → %s', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  it('agrees with the reference reading for every integer 0..9999', () => {
    for (let n = 0; n <= 9999; n++) {
      const words = numberToWords(n);
      if (words !== referenceReading(n)) expect(words, String(n)).toBe(referenceReading(n));
    }
  });

  it('agrees with the reference reading for every thousand and any number up to 999 999', () => {
    for (let n = 0; n <= MAX_SPOKEN_NUMBER; n += 1000) expect(numberToWords(n), String(n)).toBe(referenceReading(n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SPOKEN_NUMBER }), (n) => {
        expect(numberToWords(n)).toBe(referenceReading(n));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([-1, 1.5, 1_000_000, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s with a RangeError naming it', (n) => {
    expect(() => numberToWords(n)).toThrow(RangeError);
    expect(() => numberToWords(n)).toThrow(`0 to 999999 can be read aloud, got ${n}`);
  });
});

describe('ticket codes', () => {
  /*
   * The rule: the prefix before the dash is spelled (letters by their Indonesian names, digits one
   * by one, since a prefix is a label); the sequence after the dash is read as a number, so padding
   * zeros are silent. Walk-in codes follow the same rule: L1-001 is "el satu satu", L12-003
   * "el satu dua tiga".
   */
  it.each([
    ['A-012', 'a dua belas'],
    ['A-001', 'a satu'],
    ['A-000', 'a nol'],
    ['4K-10', 'empat ka sepuluh'],
    ['4K-010', 'empat ka sepuluh'],
    ['B-100', 'be seratus'],
    ['AB-001', 'a be satu'],
    ['L1-001', 'el satu satu'],
    ['L12-003', 'el satu dua tiga'],
    ['W3-050', 'we tiga lima puluh'],
    ['ZZ9-12345', 'zet zet sembilan dua belas ribu tiga ratus empat puluh lima'],
    ['Q0-1000', 'ki nol seribu'],
    [' x-7 ', 'eks tujuh'],
  ])('%s → %s', (code, words) => {
    expect(ticketCodeToWords(code)).toBe(words);
    expect(ticketCodeWords(code)).toEqual(words.split(' '));
  });

  it.each(['', 'A', 'A012', '-012', 'A-', 'A--1', 'A-B', 'A-1234567', 'ABCDEFGHI-1', 'É-1', 'A 1-2'])(
    'refuses %j with a RangeError that shows the expected form',
    (code) => {
      expect(() => ticketCodeWords(code)).toThrow(RangeError);
      expect(() => ticketCodeWords(code)).toThrow(/e\.g\. A-012/);
    },
  );
});

describe('SPOKEN_WORDS', () => {
  it('has each word once', () => {
    expect(new Set(SPOKEN_WORDS).size).toBe(SPOKEN_WORDS.length);
  });

  it('holds every token read for 0..9999, for every letter and digit of a prefix, and for a call', () => {
    const vocabulary = new Set<string>(SPOKEN_WORDS);
    const produced = new Set<string>();
    for (let n = 0; n <= 9999; n++) for (const word of numberWords(n)) produced.add(word);
    for (const c of [...LETTERS, ...'0123456789']) for (const word of ticketCodeWords(`${c}-1`)) produced.add(word);
    for (const word of announcementWords({ number: 'A-1', counterNumber: 1 })) produced.add(word);
    for (const word of produced) expect(vocabulary.has(word), word).toBe(true);
    // …and every recorded clip is used: no word in the list is dead.
    expect([...produced].sort()).toEqual([...vocabulary].sort());
  });

  it('names all 26 letters by their Indonesian names', () => {
    expect(Object.values(LETTER_NAMES)).toEqual([
      'a', 'be', 'ce', 'de', 'e', 'ef', 'ge', 'ha', 'i', 'je', 'ka', 'el', 'em',
      'en', 'o', 'pe', 'ki', 'er', 'es', 'te', 'u', 've', 'we', 'eks', 'ye', 'zet',
    ]);
    expect(LETTERS.join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('holds every token of any call', () => {
    const vocabulary = new Set<string>(SPOKEN_WORDS);
    const code = fc
      .tuple(fc.stringMatching(/^[A-Z0-9]{1,8}$/), fc.integer({ min: 0, max: MAX_SPOKEN_NUMBER }))
      .map(([prefix, n]) => `${prefix}-${String(n).padStart(3, '0')}`);
    fc.assert(
      fc.property(code, fc.integer({ min: 1, max: MAX_SPOKEN_NUMBER }), (number, counterNumber) => {
        for (const word of announcementWords({ number, counterNumber })) expect(vocabulary.has(word), word).toBe(true);
      }),
    );
  });
});

describe('announcements', () => {
  it('gives the call as clip tokens, without the agency (no clip can say a free-text name)', () => {
    const tokens = ['nomor', 'antrean', 'a', 'dua', 'belas', 'silakan', 'menuju', 'loket', 'tiga'];
    expect(announcementWords({ number: 'A-012', counterNumber: 3 })).toEqual(tokens);
    expect(announcementWords({ number: 'A-012', counterNumber: 3, agencyName: 'Disdukcapil' })).toEqual(tokens);
    expect(announcementWords({ number: '4K-007', counterNumber: 12 })).toEqual([
      'nomor', 'antrean', 'empat', 'ka', 'tujuh', 'silakan', 'menuju', 'loket', 'dua', 'belas',
    ]);
  });

  it('gives the sentence for speech synthesis, letters as capitals and the agency last', () => {
    expect(announcementText({ number: 'A-012', counterNumber: 3 })).toBe('Nomor antrean A dua belas, silakan menuju loket tiga');
    expect(announcementText({ number: '4K-10', counterNumber: 11, agencyName: null })).toBe(
      'Nomor antrean empat K sepuluh, silakan menuju loket sebelas',
    );
    expect(announcementText({ number: 'L1-001', counterNumber: 1, agencyName: '  Samsat ' })).toBe(
      'Nomor antrean L satu satu, silakan menuju loket satu, Samsat',
    );
    expect(announcementText({ number: 'B-100', counterNumber: 2, agencyName: '' })).toBe(
      'Nomor antrean B seratus, silakan menuju loket dua',
    );
  });

  it.each([0, -1, 2.5])('refuses counter number %s', (counterNumber) => {
    expect(() => announcementWords({ number: 'A-1', counterNumber })).toThrow(/counter number/);
    expect(() => announcementText({ number: 'A-1', counterNumber })).toThrow(/counter number/);
  });
});
