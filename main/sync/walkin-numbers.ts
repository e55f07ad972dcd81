import { z } from 'zod';
import { WalkInBlockSchema, walkInLabel, type WalkInBlock } from '../../core/sync-api.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { walkInNumbersOnDay } from '../ledger/queries.ts';

export const WALKIN_BLOCKS_KEY = 'walkin.blocks';
/** Below this many numbers left for today, another block is leased while online. */
export const WALKIN_LOW_WATER = 10;

const BlocksSchema = z.array(WalkInBlockSchema);

/**
 * The walk-in numbers the hall server leased to this counter in advance (DESIGN.md §5), kept in the
 * ledger's settings so they are there when the server is not. A number is used once it appears on
 * a `walkin.served` event of the day: the ledger itself says which are taken.
 */
export class WalkInNumbers {
  /**
   * The last answer of `free`: it is asked on every change of the counter's connection state
   * (several times a call, one of them while the call's answer is on its way), and it changes
   * only with the ledger's events or the leased blocks.
   */
  private lastFree: { key: string; free: string[] } | null = null;

  constructor(
    private readonly ledger: Ledger,
    private readonly counterId: () => string,
  ) {}

  blocks(day: string): WalkInBlock[] {
    return this.blocksIn(this.ledger.getSetting(WALKIN_BLOCKS_KEY), day);
  }

  private blocksIn(text: string | null, day: string): WalkInBlock[] {
    if (text === null) return [];
    const parsed = BlocksSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.filter((b) => b.serviceDay === day).sort((a, b) => a.first - b.first) : [];
  }

  /** Keeps a newly leased block (and drops those of earlier days). */
  add(block: WalkInBlock): void {
    const kept = this.blocks(block.serviceDay).filter((b) => b.first !== block.first);
    this.ledger.setSetting(WALKIN_BLOCKS_KEY, JSON.stringify([...kept, block]));
  }

  /** The next unused number of the day, or null when the leased blocks are used up (or none was leased). */
  next(day: string): string | null {
    const free = this.free(day);
    return free.length === 0 ? null : (free[0] ?? null);
  }

  left(day: string): number {
    return this.free(day).length;
  }

  private free(day: string): string[] {
    const text = this.ledger.getSetting(WALKIN_BLOCKS_KEY);
    const counterId = this.counterId();
    // Inside a transaction that may still roll back, a seq is not yet a fact: not kept.
    if (this.ledger.db.inTransaction) return this.computeFree(this.blocksIn(text, day), day, counterId);
    const key = `${day} ${counterId} ${this.ledger.lastSeq()} ${text}`;
    if (this.lastFree?.key === key) return this.lastFree.free;
    const free = this.computeFree(this.blocksIn(text, day), day, counterId);
    this.lastFree = { key, free };
    return free;
  }

  private computeFree(blocks: WalkInBlock[], day: string, counterId: string): string[] {
    if (blocks.length === 0) return [];
    const used = new Set(walkInNumbersOnDay(this.ledger, day, counterId));
    // Numbers are given in order: everything up to the highest used one counts as taken.
    let highest = 0;
    for (const b of blocks) for (let n = b.first; n <= b.last; n++) if (used.has(walkInLabel(b.prefix, n))) highest = Math.max(highest, n);
    const free: string[] = [];
    for (const b of blocks) for (let n = Math.max(b.first, highest + 1); n <= b.last; n++) free.push(walkInLabel(b.prefix, n));
    return free;
  }
}
