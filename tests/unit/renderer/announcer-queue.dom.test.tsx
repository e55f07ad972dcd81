import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHIME_CLIP } from '../../../core/announcement-clips.ts';
import {
  AnnouncementQueue,
  pauseBefore,
  type AnnounceEvent,
  type AnnouncerDeps,
  type CallToAnnounce,
  type ClipSequence,
  type ClipStep,
  type ClipVoice,
  type SpeechVoice,
} from '../../../renderer/board/announcer-queue.ts';

// ---------------------------------------------------------------------------------------------
// FAKE players: each clip "plays" for 10 ms of (fake) time per step, so the test sees what would
// be audible when; `active` counts announcements sounding at once (must never exceed 1).
// ---------------------------------------------------------------------------------------------

const STEP_MS = 10;

function fakeVoices() {
  const log: string[] = [];
  let active = 0;
  let maxActive = 0;
  const missing = new Set<string>();
  const begin = (): void => {
    active++;
    maxActive = Math.max(maxActive, active);
  };
  const clips: ClipVoice & { prepared: ClipStep[][] } = {
    prepared: [],
    async prepare(steps) {
      this.prepared.push([...steps]);
      if (steps.some((s) => missing.has(s.clip))) return null;
      const sequence: ClipSequence = {
        async play(onStep) {
          begin();
          for (const [i, step] of steps.entries()) {
            onStep(i);
            log.push(`clip:${step.clip}`);
            await new Promise((resolve) => setTimeout(resolve, STEP_MS));
          }
          active--;
        },
      };
      return sequence;
    },
  };
  const speech: SpeechVoice & { hasVoice: boolean } = {
    hasVoice: true,
    available() {
      return this.hasVoice;
    },
    async speak(text) {
      begin();
      log.push(`speak:${text}`);
      await new Promise((resolve) => setTimeout(resolve, 5 * STEP_MS));
      active--;
    },
  };
  return { clips, speech, log, missing, maxActive: () => maxActive };
}

function setup(patch: Partial<AnnouncerDeps> = {}) {
  const voices = fakeVoices();
  const events: AnnounceEvent[] = [];
  const errors: unknown[] = [];
  const queue = new AnnouncementQueue({
    clips: voices.clips,
    speech: voices.speech,
    canSound: () => true,
    emit: (event) => events.push(event),
    onError: (error) => errors.push(error),
    ...patch,
  });
  return { ...voices, queue, events, errors };
}

const call = (number: string, counterNumber: number, callCount = 1, patch: Partial<CallToAnnounce> = {}): CallToAnnounce => ({
  key: `${number}:${counterNumber}:${callCount}`,
  number,
  counterNumber,
  agencyName: 'Disdukcapil',
  recall: callCount > 1,
  ...patch,
});

/** The events as short strings: `start A-012 clips`, `chime`, `word dua`, `speech …`, `end A-012`. */
const summary = (events: readonly AnnounceEvent[]): string[] =>
  events.map((e) =>
    e.phase === 'start'
      ? `start ${e.number} ${e.via}`
      : e.phase === 'word'
        ? `word ${e.word}`
        : e.phase === 'speech'
          ? `speech ${e.text}`
          : e.phase === 'end'
            ? `end ${e.number}`
            : e.phase,
  );

const A012_AT_3 = ['chime', 'word nomor', 'word antrean', 'word a', 'word dua', 'word belas', 'word silakan', 'word menuju', 'word loket', 'word tiga'];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('announcement queue', () => {
  it('says a call as chime + clips: "nomor antrean A dua belas, silakan menuju loket tiga"', async () => {
    const { queue, events, clips } = setup();
    queue.enqueue(call('A-012', 3));
    await vi.runAllTimersAsync();
    expect(summary(events)).toEqual(['start A-012 clips', ...A012_AT_3, 'end A-012']);
    expect(clips.prepared[0]?.[0]).toEqual({ clip: CHIME_CLIP, kind: 'chime', pauseBefore: 0 });
    expect(events.every((e) => e.via === 'clips' && e.number === 'A-012' && e.counterNumber === 3 && !e.recall)).toBe(true);
  });

  it('never lets two announcements overlap, and loses none that arrive during one, in arrival order', async () => {
    const { queue, events, maxActive } = setup({ gapMs: 100 });
    queue.enqueue(call('A-001', 1));
    await vi.advanceTimersByTimeAsync(STEP_MS * 3); // A-001 is being said…
    queue.enqueue(call('B-002', 2));
    queue.enqueue(call('4K-010', 5));
    expect(queue.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(STEP_MS);
    queue.enqueue(call('A-003', 4));
    await vi.runAllTimersAsync();
    expect(maxActive()).toBe(1);
    const starts = summary(events).filter((s) => s.startsWith('start') || s.startsWith('end'));
    expect(starts).toEqual([
      'start A-001 clips', 'end A-001', 'start B-002 clips', 'end B-002', 'start 4K-010 clips', 'end 4K-010', 'start A-003 clips', 'end A-003',
    ]);
    // each announcement's words stay together, between its own start and end
    const fourK = summary(events.filter((e) => e.number === '4K-010'));
    expect(fourK).toEqual(['start 4K-010 clips', 'chime', 'word nomor', 'word antrean', 'word empat', 'word ka', 'word sepuluh', 'word silakan', 'word menuju', 'word loket', 'word lima', 'end 4K-010']);
    expect(queue.busy).toBe(false);
  });

  it('waits the gap between two announcements, not after the last', async () => {
    const delay = vi.fn((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const { queue } = setup({ delay, gapMs: 700 });
    queue.enqueue(call('A-001', 1));
    queue.enqueue(call('A-002', 2));
    await vi.runAllTimersAsync();
    expect(delay.mock.calls).toEqual([[700]]);
  });

  it('announces a recall again, but the same call (a replayed message) only once', async () => {
    const { queue, events } = setup();
    expect(queue.enqueue(call('A-012', 3))).toBe(true);
    expect(queue.enqueue(call('A-012', 3))).toBe(false);
    await vi.runAllTimersAsync();
    expect(queue.enqueue(call('A-012', 3))).toBe(false);
    expect(queue.enqueue(call('A-012', 3, 2))).toBe(true);
    await vi.runAllTimersAsync();
    const starts = events.filter((e) => e.phase === 'start');
    expect(starts.map((e) => [e.number, e.recall])).toEqual([
      ['A-012', false],
      ['A-012', true],
    ]);
    expect(summary(events.slice(events.indexOf(starts[1] as AnnounceEvent)))).toEqual(['start A-012 clips', ...A012_AT_3, 'end A-012']);
  });

  it("falls back to the browser's Indonesian speech when a clip cannot be loaded", async () => {
    const { queue, events, missing, log } = setup();
    missing.add('belas');
    queue.enqueue(call('A-012', 3));
    await vi.runAllTimersAsync();
    const text = 'Nomor antrean A dua belas, silakan menuju loket tiga, Disdukcapil';
    expect(summary(events)).toEqual(['start A-012 speech', `speech ${text}`, 'end A-012']);
    expect(log).toEqual([`speak:${text}`]);
  });

  it('speaks when there is no clip player at all, and the next call with clips again once they load', async () => {
    const { queue, events, missing } = setup();
    missing.add('chime');
    queue.enqueue(call('A-001', 1));
    await vi.runAllTimersAsync();
    missing.clear();
    queue.enqueue(call('A-002', 1));
    await vi.runAllTimersAsync();
    expect(events.filter((e) => e.phase === 'start').map((e) => e.via)).toEqual(['speech', 'clips']);

    const noClips = setup({ clips: null });
    noClips.queue.enqueue(call('A-003', 2));
    await vi.runAllTimersAsync();
    expect(summary(noClips.events)[0]).toBe('start A-003 speech');
  });

  it('shows the call silently when neither clips nor an Indonesian voice can speak', async () => {
    const { queue, events, missing, speech, log } = setup();
    missing.add('chime');
    speech.hasVoice = false;
    queue.enqueue(call('A-012', 3));
    queue.enqueue(call('A-013', 4));
    await vi.runAllTimersAsync();
    expect(summary(events)).toEqual(['start A-012 silent', 'end A-012', 'start A-013 silent', 'end A-013']);
    expect(log).toEqual([]);
  });

  it('stays silent while the browser blocks sound (before the first click), without holding the queue', async () => {
    let allowed = false;
    const { queue, events, clips } = setup({ canSound: () => allowed });
    queue.enqueue(call('A-001', 1));
    await vi.runAllTimersAsync();
    expect(summary(events)).toEqual(['start A-001 silent', 'end A-001']);
    expect(clips.prepared).toHaveLength(0);
    allowed = true;
    queue.enqueue(call('A-002', 1));
    await vi.runAllTimersAsync();
    expect(summary(events)[2]).toBe('start A-002 clips');
  });

  it('a player that throws costs that one announcement, not the queue', async () => {
    const { queue, events, errors, clips } = setup();
    const prepare = clips.prepare.bind(clips);
    let first = true;
    clips.prepare = async (steps) => {
      const sequence = await prepare(steps);
      if (!first || !sequence) return sequence;
      first = false;
      return { play: async () => Promise.reject(new Error('audio device lost')) };
    };
    queue.enqueue(call('A-001', 1));
    queue.enqueue(call('A-002', 2));
    await vi.runAllTimersAsync();
    expect(errors).toHaveLength(1);
    expect(summary(events).filter((s) => s.startsWith('start') || s.startsWith('end'))).toEqual(['start A-001 clips', 'end A-001', 'start A-002 clips', 'end A-002']);
  });

  it('a ticket number the words cannot read is shown silently', async () => {
    const { queue, events, errors } = setup();
    queue.enqueue(call('???', 1));
    await vi.runAllTimersAsync();
    expect(summary(events)).toEqual(['start ??? silent', 'end ???']);
    expect(errors).toHaveLength(1);
  });

  it('dispose drops what waits and takes nothing new', async () => {
    const { queue, events } = setup();
    queue.enqueue(call('A-001', 1));
    queue.enqueue(call('A-002', 2));
    await vi.advanceTimersByTimeAsync(STEP_MS);
    queue.dispose();
    expect(queue.enqueue(call('A-003', 3))).toBe(false);
    await vi.runAllTimersAsync();
    expect(events.filter((e) => e.phase === 'start').map((e) => e.number)).toEqual(['A-001']);
  });

  it('pauses between phrases: after the chime, before the code, before "silakan", before the counter', () => {
    const words = ['nomor', 'antrean', 'a', 'dua', 'belas', 'silakan', 'menuju', 'loket', 'tiga'] as const;
    expect(words.map((_, i) => pauseBefore(i, words))).toEqual([0.25, 0.02, 0.08, 0.02, 0.02, 0.35, 0.02, 0.02, 0.06]);
  });
});
