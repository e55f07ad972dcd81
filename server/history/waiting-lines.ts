import type { PriorityClass } from '../../core/domain.ts';

/** A binary min-heap. */
export class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i] as T, a[parent] as T)) break;
      [a[i], a[parent]] = [a[parent] as T, a[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] as T, a[m] as T)) m = l;
        if (r < a.length && this.less(a[r] as T, a[m] as T)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as T, a[i] as T];
        i = m;
      }
    }
    return top;
  }

  drain(): T[] {
    const out: T[] = [];
    for (let item = this.pop(); item !== undefined; item = this.pop()) out.push(item);
    return out;
  }
}

/** A waiting ticket as the simulated officers see it. */
export interface WaitingEntry {
  ticketId: string;
  serviceId: string;
  priority: PriorityClass;
  /** Arrival (kept through transfers, returns and reactivation): the queue's order. */
  queuedAt: number;
  order: number;
  targetCounterId: string | null;
  /** When it (re)entered the queue. */
  since: number;
}

const earlier = (a: WaitingEntry, b: WaitingEntry): boolean => a.queuedAt < b.queuedAt || (a.queuedAt === b.queuedAt && a.order < b.order);

/**
 * The waiting tickets of a simulated day: per service and class in arrival order, and the tickets
 * transferred to one counter. A counter takes a ticket transferred to it first, then the oldest
 * priority visitor of its services, then the oldest of the rest.
 */
export class WaitingLines {
  private readonly lines = new Map<string, { normal: MinHeap<WaitingEntry>; priority: MinHeap<WaitingEntry> }>();
  private readonly targeted = new Map<string, MinHeap<WaitingEntry>>();

  add(entry: WaitingEntry): void {
    if (entry.targetCounterId !== null) {
      let heap = this.targeted.get(entry.targetCounterId);
      if (heap === undefined) this.targeted.set(entry.targetCounterId, (heap = new MinHeap(earlier)));
      heap.push(entry);
      return;
    }
    let line = this.lines.get(entry.serviceId);
    if (line === undefined) this.lines.set(entry.serviceId, (line = { normal: new MinHeap(earlier), priority: new MinHeap(earlier) }));
    line[entry.priority].push(entry);
  }

  /** Takes the ticket this counter calls next, if any. */
  take(counterId: string, serviceIds: readonly string[]): WaitingEntry | undefined {
    const mine = this.targeted.get(counterId);
    if (mine !== undefined && mine.size > 0) return mine.pop();
    for (const cls of ['priority', 'normal'] as const) {
      let best: MinHeap<WaitingEntry> | undefined;
      for (const serviceId of serviceIds) {
        const heap = this.lines.get(serviceId)?.[cls];
        const head = heap?.peek();
        if (heap === undefined || head === undefined) continue;
        const current = best?.peek();
        if (current === undefined || earlier(head, current)) best = heap;
      }
      if (best !== undefined) return best.pop();
    }
    return undefined;
  }

  /** Everything still waiting (the day is over). */
  drain(): WaitingEntry[] {
    const out: WaitingEntry[] = [];
    for (const heap of this.targeted.values()) out.push(...heap.drain());
    for (const line of this.lines.values()) out.push(...line.priority.drain(), ...line.normal.drain());
    return out.sort((a, b) => a.since - b.since || a.order - b.order);
  }
}
