/**
 * Makes the voice-call clips the display board plays: one WAV per word of SPOKEN_WORDS, spoken by
 * espeak-ng's Indonesian voice (trimmed and evened out in loudness), plus a chime synthesised here.
 * Output: build/audio/ (git-ignored), which the hall server serves at /audio/; a hall's own
 * recordings with the same names in <data dir>/audio/ win over these.
 *
 *   node --import tsx scripts/make-audio.ts [--out DIR] [--force]
 *
 * Runs with every `electron-vite build` (a plugin in electron.vite.config.ts) and costs nothing
 * when the clips are up to date (build/audio/manifest.json). Without espeak-ng it makes nothing and
 * says why: the board then speaks with the browser's id-ID voice where there is one.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { ANNOUNCEMENT_CLIPS, CHIME_CLIP, clipFileName } from '../core/announcement-clips.ts';
import { normalizeLoudness, readWav, synthChime, trimSilence, writeWav } from './audio-pcm.ts';

const run = promisify(execFile);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_AUDIO_DIR = join(REPO, 'build', 'audio');
const MANIFEST = 'manifest.json';
/** Bump when the processing below changes, so existing clips are made again. */
const RECIPE = 2;
const VOICE = 'id';
/** Words per minute: a little slower than espeak-ng's 175, as a hall announcer speaks. */
const SPEED = 150;

interface Manifest {
  recipe: number;
  tool: string;
  voice: string;
  speed: number;
  clips: string[];
}

function espeakVersion(): string | null {
  const probe = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  // "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/…": the name and version only
  return probe.stdout.trim().split(/\s{2,}|\n/)[0] ?? 'espeak-ng';
}

function upToDate(outDir: string, wanted: Manifest): boolean {
  try {
    const known = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8')) as Manifest;
    return JSON.stringify(known) === JSON.stringify(wanted) && wanted.clips.every((c) => existsSync(join(outDir, clipFileName(c))));
  } catch {
    return false;
  }
}

async function speakWord(word: string, workDir: string, outDir: string): Promise<void> {
  const raw = join(workDir, clipFileName(word));
  await run('espeak-ng', ['-v', VOICE, '-s', String(SPEED), '-w', raw, word]);
  const pcm = normalizeLoudness(trimSilence(readWav(readFileSync(raw))));
  if (pcm.samples.length === 0) throw new Error(`espeak-ng said nothing for "${word}"`);
  writeFileSync(join(outDir, clipFileName(word)), writeWav(pcm));
}

/** Runs `task` over `items`, `parallel` at a time (the build machines have two cores). */
async function each<T>(items: readonly T[], parallel: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

export async function makeAudio({ outDir = DEFAULT_AUDIO_DIR, force = false, log = console.log } = {}): Promise<'made' | 'up-to-date' | 'skipped'> {
  const tool = espeakVersion();
  if (tool === null) {
    log(
      'make-audio: skipped: espeak-ng is not installed (fix: apt-get install -y espeak-ng). ' +
        "The display board will use the browser's id-ID speech where it has one, or show calls silently.",
    );
    return 'skipped';
  }
  const manifest: Manifest = { recipe: RECIPE, tool, voice: VOICE, speed: SPEED, clips: [...ANNOUNCEMENT_CLIPS] };
  if (!force && upToDate(outDir, manifest)) return 'up-to-date';
  mkdirSync(outDir, { recursive: true });
  rmSync(join(outDir, MANIFEST), { force: true }); // an interrupted run is made again next time
  const workDir = mkdtempSync(join(tmpdir(), 'loket-audio-'));
  try {
    writeFileSync(join(outDir, clipFileName(CHIME_CLIP)), writeWav(synthChime()));
    const words = ANNOUNCEMENT_CLIPS.filter((c) => c !== CHIME_CLIP);
    await each(words, 2, (word) => speakWord(word, workDir, outDir));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  writeFileSync(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`make-audio: ${manifest.clips.length} clips (chime + ${manifest.clips.length - 1} words, ${tool}, voice ${VOICE}) in ${outDir}`);
  return 'made';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean', default: false } } });
  makeAudio({ outDir: values.out ? resolve(values.out) : DEFAULT_AUDIO_DIR, force: values.force }).catch((error: unknown) => {
    console.error(`make-audio: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
