import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeIndonesianMobile } from '../../../core/phone-number.ts';
import {
  CreateBookingRequestSchema,
  HolidaysRequestSchema,
  IkmReportQuerySchema,
  QuickRatingRequestSchema,
  SkmSubmitRequestSchema,
  WebhookConfigRequestSchema,
} from '../../../core/visitor-api.ts';

describe('Indonesian mobile numbers', () => {
  // Rules: 08 + 8 to 11 more digits (10–13 in all) as written at home; +62 / 62 replace the 0;
  // the digit after 8 is not 0; spaces, dashes, dots and brackets between groups are ignored.
  it.each([
    ['0812 3456 7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    ['0812345678', '+62812345678'], // 10 digits, the shortest
    ['0812345678901', '+62812345678901'], // 13 digits, the longest
    ['+62895123456789', '+62895123456789'],
  ])('%s → %s', (text, normalized) => {
    expect(normalizeIndonesianMobile(text)).toBe(normalized);
  });

  it.each([
    ['081234567', '9 digits'],
    ['08123456789012', '14 digits'],
    ['0212345678', 'a Jakarta landline'],
    ['0801234567', '080 is no mobile prefix'],
    ['+6012345678', 'a Malaysian number'],
    ['812345678', 'no 0 or country code'],
    ['0812abc45678', 'letters'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (text) => {
    expect(normalizeIndonesianMobile(text)).toBeNull();
  });

  it('masks all but the operator prefix and the last 4 digits', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskPhone('+62812345678')).toBe('+62812**5678');
  });
});

describe('visitor request schemas', () => {
  const booking = { serviceId: 'ktp-el', date: '2025-03-10', slotStart: 1741572000000, name: 'Siti Aminah', phone: '0812 3456 7890' };

  it('normalises the phone and trims the name of a booking', () => {
    expect(CreateBookingRequestSchema.parse({ ...booking, name: '  Siti Aminah ' })).toMatchObject({ name: 'Siti Aminah', phone: '+6281234567890' });
  });

  it.each([
    [{ ...booking, phone: '12345' }, 'phone'],
    [{ ...booking, date: '2025-02-30' }, 'date'],
    [{ ...booking, date: '10-03-2025' }, 'date'],
    [{ ...booking, name: 'x' }, 'name'],
    [{ ...booking, name: '<script>' }, 'name'],
    [{ ...booking, slotStart: 'pagi' }, 'slotStart'],
    [{ ...booking, extra: 1 }, ''],
  ])('refuses a bad booking field (%#)', (input, field) => {
    const r = CreateBookingRequestSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path.join('.')).toBe(field);
  });

  it('takes a survey by tracking code, upper-cased, with u1…u9 from 1 to 4', () => {
    const answers = { u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 2 };
    expect(SkmSubmitRequestSchema.parse({ trackingCode: 'abcdefgh', answers })).toMatchObject({ trackingCode: 'ABCDEFGH', source: 'link' });
    const bad = SkmSubmitRequestSchema.safeParse({ trackingCode: 'ABCDEFGH', answers: { ...answers, u5: 5 } });
    expect(bad.success || bad.error.issues[0]?.path.join('.')).toBe('answers.u5');
    const missing = SkmSubmitRequestSchema.safeParse({ trackingCode: 'ABCDEFGH', answers: { ...answers, u9: undefined } });
    expect(missing.success || missing.error.issues[0]?.path.join('.')).toBe('answers.u9');
  });

  it('rates 1 to 4, as the $RATE pad does', () => {
    expect(QuickRatingRequestSchema.safeParse({ value: 4 }).success).toBe(true);
    expect(QuickRatingRequestSchema.safeParse({ value: 5 }).success).toBe(false);
    expect(QuickRatingRequestSchema.safeParse({ value: 0 }).success).toBe(false);
  });

  it('refuses a report range backwards, a holiday twice, a webhook on without a URL', () => {
    expect(IkmReportQuerySchema.safeParse({ from: '2025-03-10', to: '2025-03-01' }).success).toBe(false);
    expect(IkmReportQuerySchema.parse({ from: '2025-03-01', to: '2025-03-31' })).toMatchObject({ groupBy: 'service', lang: 'id' });
    const twice = HolidaysRequestSchema.safeParse({ holidays: [{ date: '2025-03-31', name: 'Idul Fitri' }, { date: '2025-03-31', name: 'Idul Fitri' }] });
    expect(twice.success || twice.error.issues[0]?.path.join('.')).toBe('holidays.1.date');
    const noUrl = WebhookConfigRequestSchema.safeParse({ url: null, nearlyTurnAhead: 3, enabled: true });
    expect(noUrl.success || noUrl.error.issues[0]?.path.join('.')).toBe('url');
    expect(WebhookConfigRequestSchema.safeParse({ url: 'ftp://x.example', nearlyTurnAhead: 3, enabled: false }).success).toBe(false);
  });
});
