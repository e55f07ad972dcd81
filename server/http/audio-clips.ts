import type { FastifyInstance } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIO_PATH, clipFileName, clipOfFileName } from '../../core/announcement-clips.ts';
import { sendError } from './http-errors.ts';

/**
 * `GET /audio/<name>.wav`: the display board's voice-call clips. Each name is looked up in `dirs`
 * in order, so a hall's own recordings (`<data dir>/audio/`, put there by a technician) win over
 * the clips the build made with espeak-ng (build/audio/). Only the known clip names are served
 * (core/announcement-clips.ts), so nothing else in those folders is ever reachable.
 */
export function registerAudioClips(app: FastifyInstance, dirs: readonly string[]): void {
  app.get<{ Params: { file: string } }>(`${AUDIO_PATH}:file`, async (request, reply) => {
    const clip = clipOfFileName(request.params.file);
    const found = clip === null ? null : await firstFile(dirs.map((dir) => join(dir, clipFileName(clip))));
    if (found === null) {
      return sendError(reply, {
        code: 'not_found',
        message: `No audio clip ${request.params.file}. The board speaks with the browser's voice instead; make the clips with \`npm run build\` (needs espeak-ng) or put recordings in the data folder's audio/.`,
      });
    }
    // Replaced recordings must reach the boards: they revalidate, and get 304 while nothing changed.
    const etag = `"${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}"`;
    reply.header('Cache-Control', 'no-cache').header('ETag', etag).header('X-Content-Type-Options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('audio/wav').send(await readFile(found.path));
  });
}

async function firstFile(paths: readonly string[]): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return { path, size: info.size, mtimeMs: info.mtimeMs };
  }
  return null;
}
