import type { StreamMessage } from '../../core/stream.ts';
import type { TrackStreamData } from '../../core/visitor-api.ts';

/** One open tracking stream (a visitor's phone). */
export interface TrackSink {
  send(data: TrackStreamData): void;
  /** A comment line, so proxies and phones keep an idle connection open. */
  ping(): void;
  end(): void;
}

export interface TrackWatchersDeps {
  /** What the code shows now (server/visitor/track-state.ts), read in one transaction. */
  compute(code: string): TrackStreamData | null;
  /** How long changes gather before watchers are recomputed, ms. */
  coalesceMs?: number;
  /** Heartbeat (and refresh of bookings, whose release depends on the clock), ms. */
  heartbeatMs?: number;
  maxStreams?: number;
  maxStreamsPerCode?: number;
}

interface Watch {
  sinks: Set<TrackSink>;
  /** The JSON last sent: a recompute that changes nothing sends nothing. */
  last: string;
  serviceId: string | null;
  kind: TrackStreamData['type'] | null;
}

export const MAX_TRACK_STREAMS = 2000;
export const MAX_TRACK_STREAMS_PER_CODE = 5;

/**
 * Live tracking for single tickets (`GET /track/:code/stream`): each code's streams get the code's
 * state again whenever the live feed reports a change in its service (people ahead, a call, the
 * counters open for it) or, for a booking, its check-in. Changes are gathered for a moment and each
 * watched code is computed once for all its streams, so a busy hall costs one read per code, not one
 * per message per phone.
 */
export class TrackWatchers {
  private readonly watches = new Map<string, Watch>();
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private streams = 0;

  constructor(private readonly deps: TrackWatchersDeps) {
    this.heartbeat = setInterval(() => this.beat(), deps.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.streams;
  }

  /** Null when there is room for another stream of this code; otherwise why not. */
  refusal(code: string): string | null {
    if (this.streams >= (this.deps.maxStreams ?? MAX_TRACK_STREAMS)) return 'The hall server is following too many tickets right now. Reload the page in a minute.';
    if ((this.watches.get(code)?.sinks.size ?? 0) >= (this.deps.maxStreamsPerCode ?? MAX_TRACK_STREAMS_PER_CODE)) {
      return 'This ticket is already followed on too many screens. Close one of them and reload.';
    }
    return null;
  }

  /** Starts a stream with the state already read; returns what removes it. */
  add(code: string, sink: TrackSink, first: TrackStreamData): () => void {
    let watch = this.watches.get(code);
    if (watch === undefined) {
      watch = { sinks: new Set(), last: '', serviceId: null, kind: null };
      this.watches.set(code, watch);
    }
    watch.sinks.add(sink);
    this.streams++;
    this.remember(watch, first);
    sink.send(first);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.streams--;
      watch.sinks.delete(sink);
      if (watch.sinks.size === 0 && this.watches.get(code) === watch) this.watches.delete(code);
    };
  }

  /** A live-feed message: the codes it may concern are recomputed shortly. */
  onMessage(message: StreamMessage): void {
    if (message.type === 'hello' || this.watches.size === 0) return;
    const services = message.type === 'ticket' ? [message.ticket.serviceId] : message.counter.serviceIds;
    for (const [code, watch] of this.watches) {
      if (watch.serviceId !== null && services.includes(watch.serviceId)) this.dirty.add(code);
    }
    this.schedule();
  }

  /** Something outside the feed changed this code (a booking cancelled). */
  touch(code: string): void {
    if (!this.watches.has(code)) return;
    this.dirty.add(code);
    this.schedule();
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    clearInterval(this.heartbeat);
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    for (const watch of this.watches.values()) for (const sink of watch.sinks) sink.end();
    this.watches.clear();
    this.streams = 0;
  }

  private remember(watch: Watch, data: TrackStreamData): string {
    watch.serviceId = data.type === 'ticket' ? data.track.serviceId : data.booking.serviceId;
    watch.kind = data.type;
    return (watch.last = JSON.stringify(data));
  }

  private schedule(): void {
    if (this.flushTimer !== null || this.dirty.size === 0) return;
    this.flushTimer = setTimeout(() => this.flush(), this.deps.coalesceMs ?? 50);
    this.flushTimer.unref();
  }

  private flush(): void {
    this.flushTimer = null;
    const codes = [...this.dirty];
    this.dirty.clear();
    for (const code of codes) {
      const watch = this.watches.get(code);
      if (watch === undefined) continue;
      let data: TrackStreamData | null;
      try {
        data = this.deps.compute(code);
      } catch (error) {
        console.error('Loket: recomputing a tracked ticket failed; its streams stay as they were', error);
        continue;
      }
      if (data === null) continue;
      const before = watch.last;
      if (this.remember(watch, data) === before) continue;
      for (const sink of watch.sinks) sink.send(data);
    }
  }

  private beat(): void {
    for (const [code, watch] of this.watches) {
      for (const sink of watch.sinks) sink.ping();
      if (watch.kind === 'booking') this.dirty.add(code);
    }
    this.schedule();
  }
}
