import { describe, expect, it } from 'vitest';
import { formatDurationClock, formatDurationWords, formatTime } from '../../../renderer/shared/format.ts';
import { createI18n, LANGUAGE_STORAGE_KEY, type LanguageStorage } from '../../../renderer/shared/i18n.ts';
import { en } from '../../../renderer/shared/locales/en.ts';
import { id } from '../../../renderer/shared/locales/id.ts';

const ID_UNITS = { hour: 'j', minute: 'mnt', second: 'dtk' };
const EN_UNITS = { hour: 'h', minute: 'min', second: 's' };

describe('formatTime', () => {
  const instant = Date.UTC(2025, 0, 6, 2, 5, 59); // 02:05:59 UTC

  it('shows HH:mm in the hall time zone, not the machine one', () => {
    expect(formatTime(instant, 'Asia/Jakarta')).toBe('09:05'); // WIB, UTC+7
    expect(formatTime(instant, 'Asia/Makassar')).toBe('10:05'); // WITA, UTC+8
    expect(formatTime(instant, 'Asia/Jayapura')).toBe('11:05'); // WIT, UTC+9
  });

  it('uses 24-hour time with a colon and a leading zero', () => {
    expect(formatTime(Date.UTC(2025, 0, 6, 17, 0), 'Asia/Jakarta')).toBe('00:00');
    expect(formatTime(Date.UTC(2025, 0, 6, 8, 30), 'Asia/Jakarta')).toBe('15:30');
  });

  it('falls back to Asia/Jakarta for an unknown zone instead of throwing', () => {
    expect(formatTime(instant, 'Not/AZone')).toBe('09:05');
  });
});

describe('formatDurationClock', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [1_000, '00:01'],
    [200_000, '03:20'],
    [59 * 60_000 + 59_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_600_000 + 5 * 60_000 + 7_000, '1:05:07'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDurationClock(ms)).toBe(text);
  });

  it('shows zero for a negative (clock skew) or non-finite duration', () => {
    expect(formatDurationClock(-5_000)).toBe('00:00');
    expect(formatDurationClock(Number.NaN)).toBe('00:00');
  });
});

describe('formatDurationWords', () => {
  it.each([
    [200_000, '3 mnt 20 dtk', '3 min 20 s'],
    [45_000, '45 dtk', '45 s'],
    [120_000, '2 mnt', '2 min'],
    [0, '0 dtk', '0 s'],
    [199_600, '3 mnt 20 dtk', '3 min 20 s'], // rounded to the second (averages are fractional)
    [3_900_000, '1 j 5 mnt', '1 h 5 min'],
    [7_200_000, '2 j', '2 h'],
  ])('%d ms → %s / %s', (ms, indonesian, english) => {
    expect(formatDurationWords(ms, ID_UNITS)).toBe(indonesian);
    expect(formatDurationWords(ms, EN_UNITS)).toBe(english);
  });
});

describe('locales and i18n', () => {
  const keys = (messages: Record<string, Record<string, string>>): string[] =>
    Object.entries(messages).flatMap(([section, entries]) => Object.keys(entries).map((key) => `${section}.${key}`)).sort();

  it('English has exactly the Indonesian keys, none empty', () => {
    expect(keys(en)).toEqual(keys(id));
    for (const messages of [id, en]) {
      for (const entries of Object.values(messages)) {
        for (const text of Object.values(entries)) expect(text.trim()).not.toBe('');
      }
    }
  });

  it('starts in Bahasa Indonesia, then in the remembered language', async () => {
    const data = new Map<string, string>();
    const storage: LanguageStorage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
    const first = createI18n(storage);
    expect(first.language).toBe('id');
    expect(first.t('header.counter', { number: 3 })).toBe('Loket 3');
    await first.changeLanguage('en');
    expect(data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(createI18n(storage).t('header.counter', { number: 3 })).toBe('Counter 3');
  });

  it('ignores an unknown stored language and a storage that throws', () => {
    const junk: LanguageStorage = { getItem: () => 'fr', setItem: () => {} };
    expect(createI18n(junk).language).toBe('id');
    const broken: LanguageStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const i18n = createI18n(broken);
    expect(i18n.language).toBe('id');
    expect(() => i18n.changeLanguage('en')).not.toThrow();
  });
});
