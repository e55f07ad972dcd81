/**
 * Hybrid logical clock (Kulkarni et al.): orders events across devices even when their wall clocks
 * disagree, while staying close to physical time. Encoded as a fixed-width string so that plain
 * string comparison gives the causal order: `<ms:15>-<counter:5>-<node>`.
 */
export interface HlcTimestamp {
  readonly ms: number;
  readonly counter: number;
  readonly node: string;
}

const MAX_COUNTER = 99_999;

export function encodeHlc(t: HlcTimestamp): string {
  return `${String(t.ms).padStart(15, '0')}-${String(t.counter).padStart(5, '0')}-${t.node}`;
}

export function decodeHlc(s: string): HlcTimestamp {
  const m = /^(\d{15})-(\d{5})-(.+)$/.exec(s);
  if (!m) throw new Error(`not a hybrid logical clock value: ${JSON.stringify(s)}`);
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] ?? '' };
}

export class HybridLogicalClock {
  private last: HlcTimestamp;

  constructor(
    private readonly node: string,
    private readonly now: () => number,
    restoredFrom?: string,
  ) {
    this.last = restoredFrom ? decodeHlc(restoredFrom) : { ms: 0, counter: 0, node };
  }

  /** A timestamp for a local event (or a send). */
  tick(): string {
    const wall = this.now();
    const ms = Math.max(wall, this.last.ms);
    const counter = ms === this.last.ms ? this.last.counter + 1 : 0;
    return this.set(ms, counter);
  }

  /** Merge a timestamp received from another device. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const wall = this.now();
    const ms = Math.max(wall, this.last.ms, r.ms);
    let counter: number;
    if (ms === this.last.ms && ms === r.ms) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (ms === this.last.ms) counter = this.last.counter + 1;
    else if (ms === r.ms) counter = r.counter + 1;
    else counter = 0;
    return this.set(ms, counter);
  }

  private set(ms: number, counter: number): string {
    if (counter > MAX_COUNTER) throw new Error('hybrid logical clock counter overflow');
    this.last = { ms, counter, node: this.node };
    return encodeHlc(this.last);
  }
}
