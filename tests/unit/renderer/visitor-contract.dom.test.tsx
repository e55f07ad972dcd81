import { describe, expect, it } from 'vitest';
import { API_BASE, TRACKING_CODE_PATTERN } from '../../../core/api.ts';
import { TRACK_STREAM_EVENT, VisitorNameSchema, trackingPagePath as apiTrackingPagePath } from '../../../core/visitor-api.ts';
import { bookingPagePath, surveyPagePath, trackingPagePath } from '../../../core/visitor-pages.ts';
import { CODE_PATTERN, normalizeCode } from '../../../renderer/visitor/CodeForm.tsx';
import { nameProblem } from '../../../renderer/visitor/home/booking-rules.ts';
import { en } from '../../../renderer/shared/locales/en.ts';
import { id } from '../../../renderer/shared/locales/id.ts';
import { PUBLIC_API_BASE, TRACK_EVENT } from '../../../renderer/visitor/public-api.ts';
import { addDays, checkInWindow, dayIn, formatOpeningHours, shiftClock } from '../../../renderer/visitor/visitor-dates.ts';

/**
 * The visitor pages repeat a few facts of core/ instead of importing modules that build zod schemas
 * on load (which would add ~30 kB gzipped to a phone's page): these tests hold them equal.
 */
describe('visitor pages: the contract with core/', () => {
  it('uses the API base, the stream event and the code form of core', () => {
    expect(PUBLIC_API_BASE).toBe(API_BASE);
    expect(TRACK_EVENT).toBe(TRACK_STREAM_EVENT);
    expect(CODE_PATTERN.source).toBe(TRACKING_CODE_PATTERN.source);
    expect(normalizeCode(' k7qx-4m2p ')).toBe('K7QX4M2P');
  });

  it('names the language switch as every other page does (the visitor pages load only their own strings)', () => {
    for (const messages of [id, en]) {
      expect(messages.visitorPages.switchLanguage).toBe(messages.header.switchLanguage);
      expect(messages.visitorPages.switchLanguageLabel).toBe(messages.header.switchLanguageLabel);
    }
  });

  it('links to the tracking page exactly where printed QR codes point', () => {
    expect(trackingPagePath).toBe(apiTrackingPagePath);
    expect(trackingPagePath('K7QX4M2P')).toBe('/visitor/track/?code=K7QX4M2P');
    expect(surveyPagePath('K7QX4M2P')).toBe('/visitor/skm/?code=K7QX4M2P');
    expect(surveyPagePath('K7QX4M2P', { counter: true })).toBe('/visitor/skm/?code=K7QX4M2P&source=counter');
    expect(bookingPagePath('K7QX4M2P')).toBe('/visitor/?view=booking&code=K7QX4M2P');
  });

  it('checks a name as the server does', () => {
    for (const name of ['Siti', "Ni Luh Putu Ayu'", 'Muh. Rizky-Pratama', 'Ṣāliḥ', 'S', ' ', 'Siti 123', 'x'.repeat(61), 'Siti <b>', '-Siti']) {
      expect(nameProblem(name) === null, name).toBe(VisitorNameSchema.safeParse(name).success);
    }
  });

  it('reads days in the hall’s zone and check-in windows from the slot’s own clock', () => {
    expect(dayIn(Date.UTC(2025, 2, 9, 17, 30), 'Asia/Jakarta')).toBe('2025-03-10'); // 00:30 WIB
    expect(dayIn(Date.UTC(2025, 2, 9, 17, 30), 'Not/AZone')).toBe('2025-03-10');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(shiftClock('00:15', -30)).toBe('23:45');
    const start = Date.UTC(2025, 2, 10, 2, 0);
    expect(checkInWindow({ slotTime: '09:00', slotStart: start, checkInOpensAt: start - 30 * 60_000, checkInClosesAt: start + 15 * 60_000 })).toEqual({
      before: 30,
      after: 15,
      from: '08:30',
      to: '09:15',
    });
    expect(formatOpeningHours({ days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' }, 'id')).toBe('Sen–Jum 08:00–15:00');
    expect(formatOpeningHours({ days: [0, 1, 2, 3, 4, 5, 6], open: '07:00', close: '12:00' }, 'en')).toBe('Mon–Sun 07:00–12:00');
    expect(formatOpeningHours({ days: [1, 3, 6], open: '08:00', close: '12:00' }, 'en')).toBe('Mon, Wed, Sat 08:00–12:00');
  });
});
