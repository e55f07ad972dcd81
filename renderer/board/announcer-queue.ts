import { CHIME_CLIP } from '../../core/announcement-clips.ts';
import { announcementText, announcementWords, type SpokenWord } from '../../core/number-words.ts';

/**
 * The voice calls of the display board, one after another: a chime and the recorded word clips
 * when they can play, else the browser's Indonesian speech, else nothing (the call is still shown).
 * Calls are queued and never overlap; a recall is announced again; a call that arrives while
 * another is announced waits its turn. No DOM here: the players and the event sink are injected,
 * so tests drive it with fakes (renderer/board/web-audio-clips.ts and speech-voice.ts are the real ones).
 */

/** One clip of an announcement, with the silence before it (seconds). */
export interface ClipStep {
  clip: string;
  kind: 'chime' | 'word';
  pauseBefore: number;
}

export interface ClipSequence {
  /** Plays the steps back to back, calling `onStep` as each starts; resolves after the last. */
  play(onStep: (index: number) => void): Promise<void>;
}

export interface ClipVoice {
  /** Every clip loaded (or cached) and ready to play now; null if one is missing or sound is blocked. */
  prepare(steps: readonly ClipStep[]): Promise<ClipSequence | null>;
}

export interface SpeechVoice {
  /** An Indonesian voice is there. */
  available(): boolean;
  /** Resolves when the sentence has been said (or failed): never hangs. */
  speak(text: string): Promise<void>;
}

export interface CallToAnnounce {
  /** Ticket, counter and call count: the same call twice (a replayed message) is said once. */
  key: string;
  number: string;
  counterNumber: number;
  agencyName: string | null;
  recall: boolean;
}

export type AnnounceVia = 'clips' | 'speech' | 'silent';

/** What a test (or a curious technician) can observe: `loket:announce` events on the window. */
export interface AnnounceEvent {
  phase: 'start' | 'chime' | 'word' | 'speech' | 'end';
  number: string;
  counterNumber: number;
  recall: boolean;
  via: AnnounceVia;
  /** `word`: the clip's word. */
  word?: string;
  /** `speech`: the sentence given to the browser's voice. */
  text?: string;
}

export interface AnnouncerDeps {
  clips: ClipVoice | null;
  speech: SpeechVoice | null;
  /** False while the browser blocks sound (no click or key press on the board yet). */
  canSound: () => boolean;
  emit: (event: AnnounceEvent) => void;
  /** Silence between two announcements (ms). */
  gapMs?: number;
  delay?: (ms: number) => Promise<void>;
  onError?: (error: unknown) => void;
}

/** Calls remembered for de-duplication; far more than can be queued at once. */
const REMEMBERED_KEYS = 500;
export const DEFAULT_GAP_MS = 700;

/** Seconds of silence before word `index`: phrases apart, words within a phrase close together. */
export function pauseBefore(index: number, words: readonly SpokenWord[]): number {
  const silakan = words.lastIndexOf('silakan');
  if (index === 0) return 0.25; // after the chime
  if (index === 2) return 0.08; // "nomor antrean | A dua belas"
  if (index === silakan) return 0.35; // "A dua belas, | silakan menuju loket"
  if (index === silakan + 3) return 0.06; // "loket | tiga"
  return 0.02;
}

export class AnnouncementQueue {
  private readonly waiting: CallToAnnounce[] = [];
  private readonly seen = new Set<string>();
  private draining: Promise<void> | null = null;
  private disposed = false;

  constructor(private readonly deps: AnnouncerDeps) {}

  /** Queues a call; false when this very call was queued before (or the queue is disposed). */
  enqueue(call: CallToAnnounce): boolean {
    if (this.disposed || this.seen.has(call.key)) return false;
    this.seen.add(call.key);
    if (this.seen.size > REMEMBERED_KEYS) this.seen.delete(this.seen.values().next().value as string);
    this.waiting.push(call);
    this.draining ??= this.drain();
    return true;
  }

  /** Calls waiting behind the one being announced. */
  get pending(): number {
    return this.waiting.length;
  }

  get busy(): boolean {
    return this.draining !== null;
  }

  /** Resolves once every queued call has been announced. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops after the current announcement; what waits is dropped. */
  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
  }

  private async drain(): Promise<void> {
    const { delay = sleep, gapMs = DEFAULT_GAP_MS, onError } = this.deps;
    try {
      await Promise.resolve(); // calls that arrive in the same tick queue up behind the first
      for (let call = this.waiting.shift(); call !== undefined && !this.disposed; call = this.waiting.shift()) {
        try {
          await this.announce(call);
        } catch (error) {
          onError?.(error);
        }
        if (this.waiting.length > 0 && gapMs > 0) await delay(gapMs);
      }
    } finally {
      this.draining = null;
    }
  }

  private async announce(call: CallToAnnounce): Promise<void> {
    const { clips, speech, canSound, emit } = this.deps;
    const base = { number: call.number, counterNumber: call.counterNumber, recall: call.recall };
    const say = (via: AnnounceVia, more: Partial<AnnounceEvent> & Pick<AnnounceEvent, 'phase'>): void => emit({ ...base, via, ...more });
    let words: SpokenWord[];
    let text: string;
    try {
      words = announcementWords(call);
      text = announcementText(call);
    } catch (error) {
      // a number the words cannot read: shown, not said
      this.deps.onError?.(error);
      say('silent', { phase: 'start' });
      say('silent', { phase: 'end' });
      return;
    }
    if (!canSound()) {
      say('silent', { phase: 'start' });
      say('silent', { phase: 'end' });
      return;
    }
    const steps: ClipStep[] = [
      { clip: CHIME_CLIP, kind: 'chime', pauseBefore: 0 },
      ...words.map((word, i): ClipStep => ({ clip: word, kind: 'word', pauseBefore: pauseBefore(i, words) })),
    ];
    const sequence = clips ? await clips.prepare(steps).catch(() => null) : null;
    const via: AnnounceVia = sequence ? 'clips' : speech?.available() ? 'speech' : 'silent';
    say(via, { phase: 'start' });
    try {
      if (sequence) {
        await sequence.play((index) => {
          const step = steps[index];
          if (step) say(via, step.kind === 'chime' ? { phase: 'chime' } : { phase: 'word', word: step.clip });
        });
      } else if (speech && via === 'speech') {
        say(via, { phase: 'speech', text });
        await speech.speak(text);
      }
    } finally {
      say(via, { phase: 'end' }); // even when the player failed: every start has its end
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
