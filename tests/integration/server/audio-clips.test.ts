import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_CLIPS, clipOfFileName } from '../../../core/announcement-clips.ts';
import { SPOKEN_WORDS } from '../../../core/number-words.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * GET /audio/<name>.wav on a real hall server: the build's clips, the hall's own recordings first,
 * nothing but the known clip names.
 */

const wav = (tag: string): Buffer => Buffer.concat([Buffer.from('RIFF....WAVE'), Buffer.from(tag)]);

describe('voice-call clips served by the hall server', () => {
  let hall: TestHall;
  const built = makeTempDir('loket-audio-built-');

  beforeAll(async () => {
    for (const name of ['chime', 'dua', 'nomor']) writeFileSync(join(built.path, `${name}.wav`), wav(`built ${name}`));
    writeFileSync(join(built.path, 'manifest.json'), '{}');
    hall = await startTestHall({ audioDir: built.path });
  });
  afterAll(async () => {
    await hall.close();
    built.remove();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${hall.server.url}${path}`, { headers });

  it('serves a clip the build made, as audio/wav that boards revalidate', async () => {
    const res = await get('/audio/dua.wav');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('RIFF....WAVEbuilt dua');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/audio/dua.wav', { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it("prefers the hall's own recording in <data dir>/audio/ (same name), and sees one added while running", async () => {
    const own = join(hall.dataDir, 'audio');
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'dua.wav'), wav('recorded by the hall'));
    const res = await get('/audio/dua.wav');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('RIFF....WAVErecorded by the hall');
    // the others still come from the build
    expect(Buffer.from(await (await get('/audio/chime.wav')).arrayBuffer()).toString()).toBe('RIFF....WAVEbuilt chime');
  });

  it('answers 404 with the usual error for a clip nobody made, and for anything that is not a clip name', async () => {
    const missing = await get('/audio/sembilan.wav');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    for (const path of ['/audio/manifest.json', '/audio/dua.mp3', '/audio/..%2Fhall.sqlite', '/audio/DUA.wav', '/audio/secret.wav', '/audio/']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});

describe('clip names', () => {
  it('are the chime and every spoken word, each once, and only they map from file names', () => {
    expect(ANNOUNCEMENT_CLIPS[0]).toBe('chime');
    expect(new Set(ANNOUNCEMENT_CLIPS).size).toBe(ANNOUNCEMENT_CLIPS.length);
    expect([...ANNOUNCEMENT_CLIPS].sort()).toEqual(['chime', ...new Set(SPOKEN_WORDS)].sort());
    expect(clipOfFileName('belas.wav')).toBe('belas');
    expect(clipOfFileName('belas.ogg')).toBeNull();
    expect(clipOfFileName('../belas.wav')).toBeNull();
    expect(clipOfFileName('hall.wav')).toBeNull();
  });
});
