/**
 * Small PCM helpers for the voice-call clips (scripts/make-audio.ts): read and write 16-bit mono
 * WAV, trim silence, even out loudness, and synthesise the chime. Pure: buffers in, buffers out.
 */

export interface Pcm {
  sampleRate: number;
  /** Mono samples in -1..1. */
  samples: Float32Array;
}

/** Reads a RIFF/WAVE file of 16-bit PCM (what espeak-ng writes); stereo is mixed down to mono. */
export function readWav(file: Uint8Array): Pcm {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tag = (at: number): string => String.fromCharCode(...file.subarray(at, at + 4));
  if (file.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let format: { channels: number; sampleRate: number; bits: number; code: number } | null = null;
  for (let at = 12; at + 8 <= file.byteLength; ) {
    const id = tag(at);
    // espeak-ng writes to a pipe-friendly header whose sizes may be 0 or too large: clamp to the file
    const declared = view.getUint32(at + 4, true);
    const size = Math.min(declared === 0 ? file.byteLength : declared, file.byteLength - at - 8);
    if (id === 'fmt ') {
      format = {
        code: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        sampleRate: view.getUint32(at + 12, true),
        bits: view.getUint16(at + 22, true),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAVE data before its format');
      if (format.code !== 1 || format.bits !== 16) throw new Error(`only 16-bit PCM is read, got format ${format.code}/${format.bits} bits`);
      const frames = Math.floor(size / 2 / format.channels);
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < format.channels; c++) sum += view.getInt16(at + 8 + (i * format.channels + c) * 2, true);
        samples[i] = sum / format.channels / 32768;
      }
      return { sampleRate: format.sampleRate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAVE file without data');
}

/** 16-bit mono PCM WAV. */
export function writeWav({ sampleRate, samples }: Pcm): Uint8Array {
  const file = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(file.buffer);
  const text = (at: number, s: string): void => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return file;
}

/**
 * Cuts the silence before and after the voice (what makes word-by-word playback sound choppy),
 * keeping `padMs` on each side; a short fade at both ends avoids clicks.
 */
export function trimSilence(pcm: Pcm, { threshold = 0.02, padMs = 12, fadeMs = 4 } = {}): Pcm {
  const { samples, sampleRate } = pcm;
  let first = samples.findIndex((s) => Math.abs(s) >= threshold);
  if (first < 0) return { sampleRate, samples: new Float32Array(0) };
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last] ?? 0) < threshold) last--;
  const pad = Math.round((padMs / 1000) * sampleRate);
  first = Math.max(0, first - pad);
  last = Math.min(samples.length - 1, last + pad);
  const out = samples.slice(first, last + 1);
  const fade = Math.min(Math.round((fadeMs / 1000) * sampleRate), Math.floor(out.length / 2));
  for (let i = 0; i < fade; i++) {
    const gain = i / fade;
    out[i] = (out[i] ?? 0) * gain;
    out[out.length - 1 - i] = (out[out.length - 1 - i] ?? 0) * gain;
  }
  return { sampleRate, samples: out };
}

/** Scales to a common loudness (RMS in dBFS), never letting a peak pass `peakDb`. */
export function normalizeLoudness(pcm: Pcm, { rmsDb = -16, peakDb = -1 } = {}): Pcm {
  const { samples } = pcm;
  if (samples.length === 0) return pcm;
  let energy = 0;
  let peak = 0;
  for (const s of samples) {
    energy += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  const rms = Math.sqrt(energy / samples.length);
  if (rms === 0) return pcm;
  const gain = Math.min(10 ** (rmsDb / 20) / rms, 10 ** (peakDb / 20) / peak);
  return { sampleRate: pcm.sampleRate, samples: samples.map((s) => s * gain) };
}

/**
 * The call chime: a two-tone "ding-dong" (E5 then C5, as a doorbell) with bell-like overtones and
 * an exponential decay. About 1.5 s; made here, so no sound file of unknown origin is shipped.
 */
export function synthChime(sampleRate = 22_050): Pcm {
  const tones = [
    { at: 0, frequency: 659.25 },
    { at: 0.5, frequency: 523.25 },
  ];
  const length = Math.round(1.5 * sampleRate);
  const samples = new Float32Array(length);
  const partials = [
    { ratio: 1, gain: 1, decay: 0.55 },
    { ratio: 2, gain: 0.35, decay: 0.3 },
    { ratio: 3, gain: 0.12, decay: 0.18 },
    { ratio: 4.2, gain: 0.06, decay: 0.1 },
  ];
  for (const tone of tones) {
    const start = Math.round(tone.at * sampleRate);
    for (let i = start; i < length; i++) {
      const t = (i - start) / sampleRate;
      const attack = Math.min(1, t / 0.004);
      let v = 0;
      for (const p of partials) v += p.gain * Math.exp(-t / p.decay) * Math.sin(2 * Math.PI * tone.frequency * p.ratio * t);
      samples[i] = (samples[i] ?? 0) + attack * v;
    }
  }
  // fade the tail out so the file ends in silence
  const tail = Math.round(0.15 * sampleRate);
  for (let i = 0; i < tail; i++) samples[length - 1 - i] = (samples[length - 1 - i] ?? 0) * (i / tail);
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const gain = 10 ** (-3 / 20) / peak;
  return { sampleRate, samples: samples.map((s) => s * gain) };
}
