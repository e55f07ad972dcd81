import { SPOKEN_WORDS } from './number-words.ts';

/**
 * The audio clips of the voice call, as the build makes them (scripts/make-audio.ts), the hall
 * server serves them (`GET /audio/<name>.wav`) and the display board plays them: one per spoken
 * word, plus the chime before each call.
 */

export const CHIME_CLIP = 'chime';

/** Every clip name: the chime and each word of `SPOKEN_WORDS`. */
export const ANNOUNCEMENT_CLIPS: readonly string[] = [CHIME_CLIP, ...new Set<string>(SPOKEN_WORDS)];

/** Where the hall server serves the clips. */
export const AUDIO_PATH = '/audio/';

export const clipFileName = (name: string): string => `${name}.wav`;

const KNOWN = new Set(ANNOUNCEMENT_CLIPS);

/** The clip a file name stands for (`dua.wav` → `dua`), or null for anything else. */
export function clipOfFileName(file: string): string | null {
  const match = /^([a-z]{1,24})\.wav$/.exec(file);
  return match?.[1] !== undefined && KNOWN.has(match[1]) ? match[1] : null;
}
