import { LoketError } from '../../core/errors.ts';

/** A 429: too many requests of one kind; `retryAfterSeconds` goes into the Retry-After header when known. */
export class RateLimitedError extends LoketError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null,
    field?: string,
  ) {
    super('rate_limited', message, field);
    this.name = 'RateLimitedError';
  }
}

/**
 * Failed attempts per key in a sliding window, in memory only (a refused request stores nothing in
 * the hall database): e.g. wrong phone digits when cancelling one booking code. Old keys are
 * dropped as they expire, and the map never holds more than `maxKeys`.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: { max: number; windowMs: number; maxKeys?: number },
    private readonly now: () => number,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  waitSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit.max) return 0;
    return Math.max(1, Math.ceil(((recent[0] ?? 0) + this.limit.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > (this.limit.maxKeys ?? 10_000)) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limit.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
