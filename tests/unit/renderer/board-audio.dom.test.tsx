import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClipStep } from '../../../renderer/board/announcer-queue.ts';
import { BrowserSpeech, indonesianVoice } from '../../../renderer/board/speech-voice.ts';
import { WebAudioClips } from '../../../renderer/board/web-audio-clips.ts';

// ---------------------------------------------------------------------------------------------
// FAKE Web Audio: a context whose clock the test sets, sources that record when they were
// scheduled; a clip's duration is its file's first byte in tenths of a second.
// ---------------------------------------------------------------------------------------------

class FakeSource extends EventTarget {
  buffer: { duration: number } | null = null;
  at: number | null = null;
  connect(): void {}
  start(at: number): void {
    this.at = at;
  }
}

class FakeAudioContext {
  state: AudioContextState = 'suspended';
  currentTime = 0;
  readonly destination = {};
  readonly sources: FakeSource[] = [];
  resumeHangs = false;
  resume(): Promise<void> {
    if (this.resumeHangs) return new Promise<void>(() => undefined);
    this.state = 'running';
    return Promise.resolve();
  }
  decodeAudioData(data: ArrayBuffer): Promise<{ duration: number }> {
    return Promise.resolve({ duration: (new Uint8Array(data)[0] ?? 0) / 10 });
  }
  createBufferSource(): FakeSource {
    const source = new FakeSource();
    this.sources.push(source);
    return source;
  }
}

const DURATIONS: Record<string, number> = { chime: 15, nomor: 5, antrean: 7, a: 3 };

function setup(options: { missing?: string[]; hang?: boolean } = {}) {
  const ctx = new FakeAudioContext();
  const fetched: string[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL) => {
    const name = /\/audio\/([a-z]+)\.wav$/.exec(String(url))?.[1] ?? '';
    fetched.push(name);
    if (options.hang) return new Promise<Response>(() => undefined);
    if (options.missing?.includes(name)) return { ok: false, status: 404 } as Response;
    return { ok: true, status: 200, arrayBuffer: async () => new Uint8Array([DURATIONS[name] ?? 4]).buffer } as Response;
  });
  const clips = new WebAudioClips({ createContext: () => ctx as unknown as AudioContext, fetch: fetch as typeof globalThis.fetch, loadTimeoutMs: 1_000 });
  return { ctx, clips, fetched };
}

const steps = (...names: string[]): ClipStep[] =>
  names.map((clip, i) => ({ clip, kind: i === 0 ? 'chime' : 'word', pauseBefore: i === 0 ? 0 : i === 1 ? 0.25 : 0.02 }));

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Web Audio clip player', () => {
  it('starts the audio when the browser lets it, and says so when it does not', async () => {
    const allowed = setup();
    expect(allowed.clips.running).toBe(false);
    expect(await allowed.clips.start()).toBe(true);
    expect(allowed.clips.running).toBe(true);

    const blocked = setup();
    blocked.ctx.resumeHangs = true; // Chromium before a click: resume() never settles
    const started = blocked.clips.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(await started).toBe(false);
  });

  it('plays nothing while the audio is held (before a click): prepare gives null and fetches nothing', async () => {
    const { clips, fetched } = setup();
    expect(await clips.prepare(steps('chime', 'nomor'))).toBeNull();
    expect(fetched).toEqual([]);
  });

  it('schedules the clips back to back on the audio clock, with the pauses asked for', async () => {
    const { ctx, clips } = setup();
    await clips.start();
    ctx.currentTime = 10;
    const sequence = await clips.prepare(steps('chime', 'nomor', 'antrean', 'a'));
    expect(sequence).not.toBeNull();
    const started: number[] = [];
    const playing = sequence?.play((i) => started.push(i));
    const at = ctx.sources.map((s) => s.at);
    // 10.05 chime (1.5 s) · +0.25 nomor (0.5 s) · +0.02 antrean (0.7 s) · +0.02 a
    expect(at.map((t) => Number(t?.toFixed(2)))).toEqual([10.05, 11.8, 12.32, 13.04]);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(started).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1_760);
    expect(started).toEqual([0, 1]);
    ctx.sources.at(-1)?.dispatchEvent(new Event('ended'));
    await playing;
    expect(started).toEqual([0, 1, 2, 3]); // every step reported, in order, before it resolves
  });

  it('resolves shortly after the last clip should have ended even if the browser never says so', async () => {
    const { ctx, clips } = setup();
    await clips.start();
    const sequence = await clips.prepare(steps('chime', 'a'));
    let done = false;
    void sequence?.play(() => undefined).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1_900); // 0.05 + 1.5 + 0.25 + 0.3 = 2.1 s of audio
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_300);
    expect(done).toBe(true);
    expect(ctx.sources).toHaveLength(2);
  });

  it('fetches and decodes each clip once, then plays it from memory', async () => {
    const { clips, fetched } = setup();
    await clips.start();
    await clips.prepare(steps('chime', 'nomor', 'a'));
    await clips.prepare(steps('chime', 'nomor', 'antrean', 'a', 'a'));
    expect(fetched).toEqual(['chime', 'nomor', 'a', 'antrean']);
    clips.warm(['chime', 'antrean', 'belas']);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetched).toEqual(['chime', 'nomor', 'a', 'antrean', 'belas']);
  });

  it('a missing clip makes the whole announcement unavailable, and is asked for again next time', async () => {
    const { clips, fetched } = setup({ missing: ['antrean'] });
    await clips.start();
    expect(await clips.prepare(steps('chime', 'nomor', 'antrean'))).toBeNull();
    expect(await clips.prepare(steps('chime', 'nomor', 'antrean'))).toBeNull();
    expect(fetched.filter((n) => n === 'antrean')).toHaveLength(2);
    expect(fetched.filter((n) => n === 'nomor')).toHaveLength(1);
  });

  it('a server that does not answer counts as missing after the load timeout', async () => {
    const { clips } = setup({ hang: true });
    await clips.start();
    const prepared = clips.prepare(steps('chime', 'nomor'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await prepared).toBeNull();
  });

  it('where there is no Web Audio, it is not supported and never plays', async () => {
    const clips = new WebAudioClips({ createContext: () => null });
    expect(clips.supported).toBe(false);
    expect(await clips.start()).toBe(false);
    expect(await clips.prepare(steps('chime'))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

const voice = (lang: string, name: string, localService = true): SpeechSynthesisVoice =>
  ({ lang, name, localService, default: false, voiceURI: name }) as SpeechSynthesisVoice;

function fakeSynth(voices: SpeechSynthesisVoice[]) {
  const spoken: Array<{ text: string; lang: string; voice: SpeechSynthesisVoice | null; rate: number; volume: number }> = [];
  const utterances: Array<{ onend: (() => void) | null; onerror: (() => void) | null }> = [];
  const synth = { getVoices: () => voices, speak: vi.fn(), cancel: vi.fn() };
  const createUtterance = (text: string) => {
    const u = { text, lang: '', voice: null as SpeechSynthesisVoice | null, rate: 1, volume: 1, onend: null, onerror: null };
    synth.speak.mockImplementationOnce(() => {
      spoken.push(u);
      utterances.push(u);
    });
    return u as unknown as SpeechSynthesisUtterance;
  };
  return { speech: new BrowserSpeech({ synth, createUtterance }), synth, spoken, utterances };
}

describe("the browser's Indonesian speech", () => {
  it('picks an Indonesian voice (id-ID first, local first), or none', () => {
    const remote = voice('id-ID', 'Google Bahasa Indonesia', false);
    const local = voice('id-ID', 'Damayanti');
    const old = voice('in_ID', 'Android');
    expect(indonesianVoice([voice('en-US', 'Alex'), remote, old, local])).toBe(local);
    expect(indonesianVoice([voice('en-US', 'Alex'), old])).toBe(old);
    expect(indonesianVoice([voice('en-US', 'Alex'), voice('ms-MY', 'Amira'), voice('ind', 'x')])).toBeNull();
  });

  it('speaks in id-ID with that voice, and is done when the browser says so', async () => {
    const damayanti = voice('id-ID', 'Damayanti');
    const { speech, spoken, utterances } = fakeSynth([voice('en-US', 'Alex'), damayanti]);
    expect(speech.available()).toBe(true);
    let done = false;
    void speech.speak('Nomor antrean A dua belas, silakan menuju loket tiga').then(() => (done = true));
    expect(spoken[0]).toMatchObject({ lang: 'id-ID', voice: damayanti, rate: 0.9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    utterances[0]?.onend?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('never holds the queue: an error or a browser that never finishes still ends the sentence', async () => {
    const { speech, utterances, synth } = fakeSynth([voice('id-ID', 'Damayanti')]);
    const failed = speech.speak('Nomor antrean A satu');
    utterances[0]?.onerror?.();
    await failed;
    let done = false;
    void speech.speak('Nomor antrean A dua').then(() => (done = true));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(done).toBe(true);
    expect(synth.cancel).toHaveBeenCalled();
  });

  it('is not available without an Indonesian voice', () => {
    expect(fakeSynth([voice('en-US', 'Alex')]).speech.available()).toBe(false);
    expect(fakeSynth([]).speech.available()).toBe(false);
  });

  it('unlocks with a silent utterance inside the click', () => {
    const { speech, spoken } = fakeSynth([voice('id-ID', 'Damayanti')]);
    speech.unlock();
    expect(spoken).toEqual([expect.objectContaining({ text: '', volume: 0 })]);
  });
});
