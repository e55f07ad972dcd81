/**
 * When the hall tries a webhook message again: capped exponential backoff. After the first failed
 * attempt it waits WEBHOOK_RETRY_BASE_MS, then twice as long each time, never longer than
 * WEBHOOK_RETRY_CAP_MS; after WEBHOOK_MAX_ATTEMPTS attempts (about 40 minutes) it gives up.
 */
export const WEBHOOK_RETRY_BASE_MS = 5_000;
export const WEBHOOK_RETRY_CAP_MS = 5 * 60_000;
export const WEBHOOK_MAX_ATTEMPTS = 12;

/** The wait after `attempts` failed attempts (1 = the first failed), or null when it is time to give up. */
export function webhookRetryDelayMs(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts counts failed attempts from 1, got ${attempts}`);
  if (attempts >= WEBHOOK_MAX_ATTEMPTS) return null;
  // 2^(attempts−1) grows past the cap long before it could overflow; stop doubling there.
  const exponent = Math.min(attempts - 1, 30);
  return Math.min(WEBHOOK_RETRY_BASE_MS * 2 ** exponent, WEBHOOK_RETRY_CAP_MS);
}
