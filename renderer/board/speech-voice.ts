import type { SpeechVoice } from './announcer-queue.ts';

/**
 * The board's second voice: the browser's speech synthesis with an Indonesian (id-ID) voice, for
 * when the recorded clips are missing. A browser without an Indonesian voice does not speak at all
 * (another language's voice reading Indonesian would mislead more than silence).
 */

type Utterance = Pick<SpeechSynthesisUtterance, 'lang' | 'voice' | 'rate' | 'volume' | 'onend' | 'onerror'>;

export interface SpeechDeps {
  synth: Pick<SpeechSynthesis, 'getVoices' | 'speak' | 'cancel'>;
  createUtterance: (text: string) => Utterance;
}

/** Longest wait for the browser to say a sentence before the queue moves on anyway. */
const speakTimeoutMs = (text: string): number => 4_000 + text.length * 150;

/** The voice to use: Indonesian (`id-ID`, `id_ID`, or the old code `in-ID`), a local one first. */
export function indonesianVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const indonesian = voices.filter((v) => /^(id|in)([-_]|$)/i.test(v.lang));
  const rank = (v: SpeechSynthesisVoice): number => (/^id-ID$/i.test(v.lang) ? 0 : 1) + (v.localService ? 0 : 2);
  return [...indonesian].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

export class BrowserSpeech implements SpeechVoice {
  constructor(private readonly deps: SpeechDeps) {
    deps.synth.getVoices(); // Chromium loads its voices on the first ask
  }

  available(): boolean {
    return this.voice() !== null;
  }

  /** Inside a click: a silent utterance, which some browsers need before they speak later by themselves. */
  unlock(): void {
    try {
      const silent = this.deps.createUtterance('');
      silent.volume = 0;
      this.deps.synth.speak(silent as SpeechSynthesisUtterance);
    } catch {
      // nothing to unlock
    }
  }

  cancel(): void {
    this.deps.synth.cancel();
  }

  speak(text: string): Promise<void> {
    const voice = this.voice();
    return new Promise<void>((resolve) => {
      const utterance = this.deps.createUtterance(text);
      utterance.lang = 'id-ID';
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      const done = (): void => {
        clearTimeout(guard);
        resolve();
      };
      const guard = setTimeout(() => {
        this.deps.synth.cancel();
        done();
      }, speakTimeoutMs(text));
      utterance.onend = done;
      utterance.onerror = done;
      try {
        this.deps.synth.speak(utterance as SpeechSynthesisUtterance);
      } catch {
        done();
      }
    });
  }

  private voice(): SpeechSynthesisVoice | null {
    try {
      return indonesianVoice(this.deps.synth.getVoices());
    } catch {
      return null;
    }
  }
}
