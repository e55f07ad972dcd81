import type { ClipVoice, SpeechVoice } from './announcer-queue.ts';
import { BrowserSpeech } from './speech-voice.ts';
import { WebAudioClips } from './web-audio-clips.ts';

/** The board's sound, as the announcer and the sound prompt need it (fakes in tests). */
export interface BoardClips extends ClipVoice {
  /** Web Audio exists here. */
  readonly supported: boolean;
  /** Sound plays now (no click needed any more). */
  readonly running: boolean;
  /** Starts the audio: always works in a click or key handler, outside one only where autoplay is allowed. */
  start(): Promise<boolean>;
  warm(names: readonly string[]): void;
}

export interface BoardSpeech extends SpeechVoice {
  unlock(): void;
  cancel(): void;
}

export interface BoardAudio {
  clips: BoardClips | null;
  speech: BoardSpeech | null;
  /** The page has had a click or a key press (browsers let it make sound from then on). */
  userActivated(): boolean;
}

/** The real thing: Web Audio for the clips, speechSynthesis for the fallback, in this window. */
export function browserBoardAudio(win: Window & typeof globalThis): BoardAudio {
  const AudioContextClass = win.AudioContext as typeof AudioContext | undefined;
  const clips = AudioContextClass
    ? new WebAudioClips({ createContext: () => new AudioContextClass({ latencyHint: 'playback' }) })
    : null;
  const speech =
    'speechSynthesis' in win && typeof win.SpeechSynthesisUtterance === 'function'
      ? new BrowserSpeech({ synth: win.speechSynthesis, createUtterance: (text) => new win.SpeechSynthesisUtterance(text) })
      : null;
  return {
    clips,
    speech,
    userActivated: () => win.navigator.userActivation?.hasBeenActive ?? false,
  };
}
