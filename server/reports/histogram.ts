import { DURATION_CAP_MS, DURATION_STEP_MS } from '../../core/report-definitions.ts';

/**
 * Duration histograms with fixed bucket edges, the one rule both report paths use for median,
 * p90 and "within target", so the roll-ups answer exactly what a recomputation from raw rows does.
 *
 * Bucket b holds durations in ((b − 1) · 15 s, b · 15 s]; bucket 0 holds 0 (and anything below);
 * bucket OVERFLOW holds everything above 12 h. A percentile is the upper edge of the bucket that
 * holds its nearest rank, so it overstates the true value by less than 15 s. Targets are whole
 * minutes, so a target falls on an edge and "wait ≤ target" is exactly "bucket ≤ target / 15 s".
 *
 * Stored as a BLOB: (bucket − previous bucket, count) pairs as unsigned LEB128 varints, buckets
 * ascending, no zero counts; NULL for an empty histogram. The encoding is canonical, so two
 * histograms of the same durations are byte-equal.
 */
export const STEP_MS = DURATION_STEP_MS;
export const LAST_BUCKET = DURATION_CAP_MS / DURATION_STEP_MS;
export const OVERFLOW = LAST_BUCKET + 1;
export const BUCKETS = OVERFLOW + 1;

/** SQL for the bucket of a duration column/expression `d` (integer ms): the same rule in SQLite. */
export const bucketSql = (d: string): string =>
  `(CASE WHEN (${d}) <= 0 THEN 0 WHEN (${d}) > ${DURATION_CAP_MS} THEN ${OVERFLOW} ELSE ((${d}) + ${STEP_MS - 1}) / ${STEP_MS} END)`;

export function bucketOf(ms: number): number {
  if (ms <= 0) return 0;
  if (ms > DURATION_CAP_MS) return OVERFLOW;
  return Math.ceil(ms / STEP_MS);
}

/** The duration a bucket stands for, ms: its upper edge (the cap for the overflow). */
export function bucketValueMs(bucket: number): number {
  return Math.min(bucket, LAST_BUCKET) * STEP_MS;
}

/** Targets above the cap count as the cap: "within target" is wait ≤ min(target, 12 h). */
export const TARGET_CAP_MINUTES = DURATION_CAP_MS / 60_000;

/** The highest bucket that is within a target of whole minutes. */
export function targetBucket(targetMinutes: number): number {
  return Math.floor((Math.min(targetMinutes, TARGET_CAP_MINUTES) * 60_000) / STEP_MS);
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Calls `each(bucket, count)` for every non-empty bucket of a stored histogram, ascending. */
export function forEachBucket(blob: Uint8Array | null, each: (bucket: number, count: number) => void): void {
  if (blob === null) return;
  let i = 0;
  let bucket = 0;
  const read = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = blob[i++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  while (i < blob.length) {
    bucket += read();
    each(bucket, read());
  }
}

/** Encodes ascending (bucket, count) pairs; NULL when there are none. */
export function encodePairs(buckets: readonly number[], counts: readonly number[]): Buffer | null {
  const out: number[] = [];
  let previous = 0;
  for (let k = 0; k < buckets.length; k++) {
    const count = counts[k] as number;
    if (count === 0) continue;
    const bucket = buckets[k] as number;
    writeVarint(out, bucket - previous);
    writeVarint(out, count);
    previous = bucket;
  }
  return out.length === 0 ? null : Buffer.from(out);
}

/** A histogram of one duration. */
export function single(ms: number): Buffer {
  return encodePairs([bucketOf(ms)], [1]) as Buffer;
}

/** Reads the varint at `pos` of `blob`: [value, next position]. */
function varintAt(blob: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  let i = pos;
  for (;;) {
    const byte = blob[i++] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i];
    scale *= 0x80;
  }
}

/**
 * The sum of two stored histograms (what `loket_hist_merge` does in SQL): one pass over both,
 * in bucket order, so adding one duration to a large histogram stays cheap.
 */
export function mergeBlobs(a: Uint8Array | null, b: Uint8Array | null): Buffer | null {
  if (a === null || a.length === 0) return b === null || b.length === 0 ? null : Buffer.from(b);
  if (b === null || b.length === 0) return Buffer.from(a);
  const out: number[] = [];
  let previous = 0;
  const emit = (bucket: number, count: number): void => {
    writeVarint(out, bucket - previous);
    writeVarint(out, count);
    previous = bucket;
  };
  let i = 0;
  let j = 0;
  let bucketA = -1;
  let bucketB = -1;
  let countA = 0;
  let countB = 0;
  let lastA = 0;
  let lastB = 0;
  const nextA = (): void => {
    if (i >= a.length) return void (bucketA = -1);
    const [delta, p] = varintAt(a, i);
    const [count, q] = varintAt(a, p);
    lastA += delta;
    bucketA = lastA;
    countA = count;
    i = q;
  };
  const nextB = (): void => {
    if (j >= b.length) return void (bucketB = -1);
    const [delta, p] = varintAt(b, j);
    const [count, q] = varintAt(b, p);
    lastB += delta;
    bucketB = lastB;
    countB = count;
    j = q;
  };
  nextA();
  nextB();
  while (bucketA >= 0 || bucketB >= 0) {
    if (bucketB < 0 || (bucketA >= 0 && bucketA < bucketB)) {
      emit(bucketA, countA);
      nextA();
    } else if (bucketA < 0 || bucketB < bucketA) {
      emit(bucketB, countB);
      nextB();
    } else {
      emit(bucketA, countA + countB);
      nextA();
      nextB();
    }
  }
  return Buffer.from(out);
}

/** A histogram being summed in memory (a report group, a rebuild key). */
export class Histogram {
  readonly counts = new Map<number, number>();
  n = 0;

  add(bucket: number, count = 1): void {
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
    this.n += count;
  }

  addBlob(blob: Uint8Array | null): void {
    forEachBucket(blob, (bucket, count) => this.add(bucket, count));
  }

  addAll(other: Histogram): void {
    for (const [bucket, count] of other.counts) this.add(bucket, count);
  }

  encode(): Buffer | null {
    const buckets = [...this.counts.keys()].sort((x, y) => x - y);
    return encodePairs(buckets, buckets.map((k) => this.counts.get(k) as number));
  }

  /** Nearest-rank percentile (p in 1–100) as the bucket's value in ms; null when empty. */
  percentileMs(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((this.n * p) / 100));
    const buckets = [...this.counts.keys()].sort((x, y) => x - y);
    let seen = 0;
    for (const bucket of buckets) {
      seen += this.counts.get(bucket) as number;
      if (seen >= rank) return bucketValueMs(bucket);
    }
    return bucketValueMs(buckets[buckets.length - 1] as number);
  }
}

/** How many durations of a stored histogram are within a target of whole minutes. */
export function countWithin(blob: Uint8Array | null, targetMinutes: number): number {
  const last = targetBucket(targetMinutes);
  let n = 0;
  forEachBucket(blob, (bucket, count) => {
    if (bucket <= last) n += count;
  });
  return n;
}

/**
 * A histogram summed for a report row: one count per bucket in a flat array, so adding stored
 * histograms (thousands per report) and reading percentiles stay cheap.
 */
export class DenseHistogram {
  readonly counts = new Float64Array(BUCKETS);
  n = 0;

  add(bucket: number, count = 1): void {
    (this.counts[bucket] as number) += count;
    this.n += count;
  }

  /** Adds a stored histogram; returns how many of its durations are in buckets ≤ `within`. */
  addBlob(blob: Uint8Array | null, within = -1): number {
    if (blob === null) return 0;
    const counts = this.counts;
    let inside = 0;
    let i = 0;
    let bucket = 0;
    while (i < blob.length) {
      let delta = 0;
      let scale = 1;
      for (;;) {
        const byte = blob[i++] as number;
        delta += (byte & 0x7f) * scale;
        if (byte < 0x80) break;
        scale *= 0x80;
      }
      let count = 0;
      scale = 1;
      for (;;) {
        const byte = blob[i++] as number;
        count += (byte & 0x7f) * scale;
        if (byte < 0x80) break;
        scale *= 0x80;
      }
      bucket += delta;
      (counts[bucket] as number) += count;
      this.n += count;
      if (bucket <= within) inside += count;
    }
    return inside;
  }

  addAll(other: DenseHistogram): void {
    if (other.n === 0) return;
    for (let b = 0; b < BUCKETS; b++) (this.counts[b] as number) += other.counts[b] as number;
    this.n += other.n;
  }

  /** Nearest-rank percentile (p in 1–100) as the bucket's value in ms (as Histogram's); null when empty. */
  percentileMs(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((this.n * p) / 100));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b] as number;
      if (seen >= rank) return bucketValueMs(b);
    }
    return bucketValueMs(OVERFLOW);
  }
}
