/**
 * Where the visitor's public pages live on the hall server (renderer/visitor/, built to
 * out/renderer/visitor/). Printed tickets and booking QR codes point here, so these paths are a
 * contract: change them only together with every printed link. Kept apart from visitor-api.ts
 * (and zod) so the pages that need only a path stay small on a cheap phone.
 */

/** Service information and online booking; `?view=booking&code=…` shows (and cancels) one booking. */
export const VISITOR_HOME_PATH = '/visitor/';

/** The tracking page of a ticket or booking code (QR codes on tickets and bookings point here). */
export const trackingPagePath = (code: string): string => `/visitor/track/?code=${encodeURIComponent(code)}`;

/** The SKM survey of a finished ticket; `counter` adds `source=counter` for the tablet at the counter. */
export const surveyPagePath = (code: string, options: { counter?: boolean } = {}): string =>
  `/visitor/skm/?code=${encodeURIComponent(code)}${options.counter ? '&source=counter' : ''}`;

/** One booking by its code, with its QR code and the cancel form. */
export const bookingPagePath = (code: string): string => `${VISITOR_HOME_PATH}?view=booking&code=${encodeURIComponent(code)}`;
