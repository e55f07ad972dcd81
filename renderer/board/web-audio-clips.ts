import { AUDIO_PATH, clipFileName } from '../../core/announcement-clips.ts';
import type { ClipSequence, ClipStep, ClipVoice } from './announcer-queue.ts';

/**
 * The clip player of the board: Web Audio. Each clip is fetched from the hall server and decoded
 * once, then kept; an announcement's clips are scheduled on the audio clock back to back, so
 * there is no gap between words beyond the pauses asked for. A clip that fails to load is asked
 * for again next time (a hall may add its recordings while the board runs).
 */

export interface WebAudioClipsOptions {
  /** Where the clips are: `/audio/` of the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The browser's AudioContext (null where there is none). */
  createContext: () => AudioContext | null;
  /** A clip not loaded by then counts as missing (the board speaks instead). */
  loadTimeoutMs?: number;
}

/** How long to wait for the browser to let the audio start without a click. */
const PROBE_MS = 300;

export class WebAudioClips implements ClipVoice {
  private context: AudioContext | null = null;
  private created = false;
  private readonly cache = new Map<string, Promise<AudioBuffer>>();
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly loadTimeoutMs: number;

  constructor(private readonly options: WebAudioClipsOptions) {
    this.baseUrl = options.baseUrl ?? AUDIO_PATH;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.loadTimeoutMs = options.loadTimeoutMs ?? 4_000;
  }

  private ctx(): AudioContext | null {
    if (!this.created) {
      this.created = true;
      try {
        this.context = this.options.createContext();
      } catch {
        this.context = null;
      }
    }
    return this.context;
  }

  /** Web Audio exists here. */
  get supported(): boolean {
    return this.ctx() !== null;
  }

  /** Sound can play now (the browser does not hold it until a click). */
  get running(): boolean {
    return this.ctx()?.state === 'running';
  }

  /**
   * Asks the browser to start the audio. Inside a click or key handler this always works; outside
   * one it works only where autoplay is allowed (a kiosk browser started with
   * `--autoplay-policy=no-user-gesture-required`). Resolves with whether sound runs now.
   */
  async start(): Promise<boolean> {
    const ctx = this.ctx();
    if (!ctx) return false;
    if (isRunning(ctx)) return true;
    await Promise.race([ctx.resume().catch(() => undefined), wait(PROBE_MS)]);
    return isRunning(ctx); // read again: resume() changed it, or not
  }

  /** Loads clips ahead of the first call, so the first announcement starts at once. */
  warm(names: readonly string[]): void {
    for (const name of names) this.load(name).catch(() => undefined);
  }

  async prepare(steps: readonly ClipStep[]): Promise<ClipSequence | null> {
    const ctx = this.ctx();
    if (!ctx || ctx.state !== 'running') return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.loadTimeoutMs)));
    try {
      const buffers = await Promise.race([Promise.all(steps.map((s) => this.load(s.clip))), timeout]);
      return buffers ? { play: (onStep) => playBackToBack(ctx, steps, buffers, onStep) } : null;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private load(name: string): Promise<AudioBuffer> {
    const ctx = this.ctx();
    if (!ctx) return Promise.reject(new Error('no Web Audio here'));
    const known = this.cache.get(name);
    if (known) return known;
    const loading = (async () => {
      const response = await this.fetch(`${this.baseUrl}${clipFileName(name)}`);
      if (!response.ok) throw new Error(`clip ${name}: HTTP ${response.status}`);
      return ctx.decodeAudioData(await response.arrayBuffer());
    })();
    this.cache.set(name, loading);
    loading.catch(() => this.cache.delete(name));
    return loading;
  }
}

/**
 * Schedules the buffers one after another on the audio clock. `onStep` fires (in order, each once)
 * as each clip starts; the promise resolves when the last has ended, or shortly after it should
 * have, if the browser never says so (a suspended context must not hold the queue for ever).
 */
function playBackToBack(
  ctx: AudioContext,
  steps: readonly ClipStep[],
  buffers: readonly AudioBuffer[],
  onStep: (index: number) => void,
): Promise<void> {
  const startsAt: number[] = [];
  let t = ctx.currentTime + 0.05;
  let last: AudioBufferSourceNode | null = null;
  for (const [i, step] of steps.entries()) {
    const buffer = buffers[i];
    if (!buffer) continue;
    t += step.pauseBefore;
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    source.start(t);
    startsAt.push(t);
    t += buffer.duration;
    last = source;
  }
  const endsAt = t;
  return new Promise<void>((resolve) => {
    let fired = 0;
    const fireThrough = (index: number): void => {
      for (; fired <= index && fired < startsAt.length; fired++) onStep(fired);
    };
    const timers = startsAt.map((at, i) => setTimeout(() => fireThrough(i), Math.max(0, (at - ctx.currentTime) * 1000)));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      timers.forEach(clearTimeout);
      clearTimeout(guard);
      fireThrough(startsAt.length - 1);
      resolve();
    };
    const guard = setTimeout(finish, (endsAt - ctx.currentTime) * 1000 + 1_000);
    last?.addEventListener('ended', finish);
  });
}

const isRunning = (ctx: AudioContext): boolean => ctx.state === 'running';
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
