import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_CLIPS } from '../../../core/announcement-clips.ts';
import { normalizeLoudness, readWav, synthChime, trimSilence, writeWav, type Pcm } from '../../../scripts/audio-pcm.ts';
import { makeAudio } from '../../../scripts/make-audio.ts';
import { requireTools } from '../../support/system-tools.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/** The build's voice-call clips (scripts/make-audio.ts) and the PCM helpers behind them. */

const tone = (seconds: number, amplitude: number, rate = 8_000): Float32Array =>
  Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / rate));
const rms = (s: Float32Array): number => Math.sqrt(s.reduce((sum, v) => sum + v * v, 0) / s.length);

describe('PCM helpers', () => {
  it('write and read 16-bit mono WAV losslessly (to 16-bit precision)', () => {
    const pcm: Pcm = { sampleRate: 22_050, samples: tone(0.1, 0.5, 22_050) };
    const file = writeWav(pcm);
    expect(Buffer.from(file.subarray(0, 4)).toString()).toBe('RIFF');
    const back = readWav(file);
    expect(back.sampleRate).toBe(22_050);
    expect(back.samples.length).toBe(pcm.samples.length);
    back.samples.forEach((s, i) => expect(Math.abs(s - (pcm.samples[i] ?? 0))).toBeLessThan(1e-4));
  });

  it('refuses what is not 16-bit PCM WAV', () => {
    expect(() => readWav(new TextEncoder().encode('not a wave file'))).toThrow(/RIFF/);
  });

  it('trims the silence around a word, keeping a little padding', () => {
    const rate = 8_000;
    const samples = new Float32Array([...new Float32Array(4_000), ...tone(0.2, 0.5), ...new Float32Array(8_000)]);
    const trimmed = trimSilence({ sampleRate: rate, samples }, { padMs: 10 });
    expect(trimmed.samples.length / rate).toBeGreaterThan(0.2);
    expect(trimmed.samples.length / rate).toBeLessThan(0.23);
    expect(trimSilence({ sampleRate: rate, samples: new Float32Array(100) }).samples.length).toBe(0);
  });

  it('brings quiet and loud words to one loudness, never clipping', () => {
    const quiet = normalizeLoudness({ sampleRate: 8_000, samples: tone(0.2, 0.05) });
    const loud = normalizeLoudness({ sampleRate: 8_000, samples: tone(0.2, 0.9) });
    expect(rms(quiet.samples)).toBeCloseTo(rms(loud.samples), 3);
    for (const s of [...quiet.samples, ...loud.samples]) expect(Math.abs(s)).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
  });

  it('synthesises a two-tone chime of 1.5 s that ends in silence', () => {
    const chime = synthChime(22_050);
    expect(chime.samples.length).toBe(Math.round(1.5 * 22_050));
    expect(Math.max(...chime.samples.map(Math.abs))).toBeCloseTo(10 ** (-3 / 20), 3);
    expect(Math.abs(chime.samples.at(-1) ?? 1)).toBeLessThan(1e-3);
    // the second tone starts at 0.5 s: the level jumps there
    const level = (from: number) => rms(chime.samples.slice(Math.round(from * 22_050), Math.round((from + 0.05) * 22_050)));
    expect(level(0.5)).toBeGreaterThan(level(0.44) * 1.5);
  });
});

describe('scripts/make-audio.ts', () => {
  const out = makeTempDir('loket-make-audio-');
  afterAll(() => out.remove());

  it('without espeak-ng makes nothing and says why', async () => {
    const path = process.env['PATH'];
    const lines: string[] = [];
    process.env['PATH'] = '/nonexistent';
    try {
      expect(await makeAudio({ outDir: join(out.path, 'none'), log: (l) => lines.push(l) })).toBe('skipped');
    } finally {
      process.env['PATH'] = path;
    }
    expect(lines.join('\n')).toMatch(/espeak-ng is not installed.*apt-get install -y espeak-ng/);
    expect(existsSync(join(out.path, 'none'))).toBe(false);
  });

  const hasEspeak = requireTools('make-audio with espeak-ng', [{ command: 'espeak-ng', aptPackage: 'espeak-ng' }]);
  it.runIf(hasEspeak)('with espeak-ng makes one trimmed Indonesian clip per word plus the chime, then nothing while up to date', async () => {
    const dir = join(out.path, 'clips');
    expect(await makeAudio({ outDir: dir, log: () => undefined })).toBe('made');
    const files = readdirSync(dir).sort();
    expect(files).toEqual([...ANNOUNCEMENT_CLIPS.map((c) => `${c}.wav`), 'manifest.json'].sort());
    for (const name of ANNOUNCEMENT_CLIPS) {
      const pcm = readWav(readFileSync(join(dir, `${name}.wav`)));
      const seconds = pcm.samples.length / pcm.sampleRate;
      expect(seconds, name).toBeGreaterThan(0.15);
      expect(seconds, name).toBeLessThan(name === 'chime' ? 1.6 : 1.2);
    }
    const before = statSync(join(dir, 'dua.wav')).mtimeMs;
    expect(await makeAudio({ outDir: dir, log: () => undefined })).toBe('up-to-date');
    expect(statSync(join(dir, 'dua.wav')).mtimeMs).toBe(before);
  });
});
