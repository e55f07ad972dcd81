import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  bucketValueMs,
  countWithin,
  encodePairs,
  forEachBucket,
  Histogram,
  LAST_BUCKET,
  mergeBlobs,
  OVERFLOW,
  single,
} from '../../../server/reports/histogram.ts';

const histogramOf = (durations: number[]): Histogram => {
  const h = new Histogram();
  for (const d of durations) h.add(bucketOf(d));
  return h;
};
const durations = fc.array(fc.integer({ min: -1000, max: 13 * 3_600_000 }), { maxLength: 60 });

describe('duration histograms (the bucket rule of both report paths)', () => {
  it('puts a duration in the 15-second step that ends at or after it', () => {
    expect([0, -5, 1, 15_000, 15_001, 30_000, 12 * 3_600_000, 12 * 3_600_000 + 1].map(bucketOf)).toEqual([0, 0, 1, 1, 2, 2, LAST_BUCKET, OVERFLOW]);
    expect(bucketValueMs(3)).toBe(45_000);
    expect(bucketValueMs(OVERFLOW)).toBe(12 * 3_600_000);
  });

  it('counts "within target" exactly, for any whole-minute target', () => {
    fc.assert(
      fc.property(durations, fc.integer({ min: 1, max: 900 }), (ds, target) => {
        const exact = ds.filter((d) => d <= Math.min(target, 720) * 60_000).length;
        expect(countWithin(histogramOf(ds).encode(), target)).toBe(exact);
      }),
    );
  });

  it('stores canonically: merging stored histograms equals storing the union', () => {
    fc.assert(
      fc.property(durations, durations, (a, b) => {
        const merged = mergeBlobs(histogramOf(a).encode(), histogramOf(b).encode());
        expect(merged).toEqual(histogramOf([...a, ...b]).encode());
        const back = new Map<number, number>();
        forEachBucket(merged, (bucket, count) => back.set(bucket, count));
        expect(back).toEqual(histogramOf([...a, ...b]).counts);
      }),
    );
    expect(mergeBlobs(null, null)).toBeNull();
    expect(mergeBlobs(single(20_000), null)).toEqual(encodePairs([2], [1]));
  });

  it('gives nearest-rank percentiles at most 15 s above the true value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 3_600_000 }), { minLength: 1, maxLength: 80 }), fc.constantFrom(50, 90), (ds, p) => {
        const sorted = [...ds].sort((x, y) => x - y);
        const truth = sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
        const value = histogramOf(ds).percentileMs(p) as number;
        expect(value).toBeGreaterThanOrEqual(truth);
        expect(value - truth).toBeLessThan(15_000);
      }),
    );
    expect(new Histogram().percentileMs(50)).toBeNull();
  });
});
