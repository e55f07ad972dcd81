import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { LoketError } from '../../../core/errors.ts';
import { TRACK_STREAM_EVENT, TrackingCodeSchema, type TrackStreamData } from '../../../core/visitor-api.ts';
import { trackState } from '../../visitor/track-state.ts';
import type { VisitorRuntime } from '../../visitor/visitor-runtime.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

const CodeParams = z.object({ code: TrackingCodeSchema });

/**
 * Live tracking of one ticket as Server-Sent Events: what a cheap phone handles best (plain HTTP,
 * reconnects by itself after a drop or a server restart, no socket library, no token). Each
 * message is `event: track` with a TrackStreamData as JSON; a comment line every 15 s keeps idle
 * links open.
 */
export function registerTrackStreamRoutes(app: FastifyInstance, ctx: HallContext, runtime: VisitorRuntime): void {
  app.get(`${API_BASE}/track/:code/stream`, (request, reply) => {
    authorize(request, 'public');
    const { code } = parseInput(CodeParams, request.params, 'path');
    const first = ctx.queue.snapshot((tx) => trackState(tx, code));
    if (first === null) throw new LoketError('not_found', `No ticket or booking has the code ${code}. Check the code on your ticket or booking.`, 'code');
    const refusal = runtime.watchers.refusal(code);
    if (refusal !== null) throw new LoketError('too_many_streams', refusal);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Nginx and similar proxies would hold the events back otherwise.
      'x-accel-buffering': 'no',
    });
    // After a drop the phone tries again in 3 s.
    res.write('retry: 3000\n\n');
    const remove = runtime.watchers.add(
      code,
      {
        send: (data: TrackStreamData) => res.write(`event: ${TRACK_STREAM_EVENT}\ndata: ${JSON.stringify(data)}\n\n`),
        ping: () => res.write(': ping\n\n'),
        end: () => res.end(),
      },
      first,
    );
    request.raw.on('close', remove);
    res.on('close', remove);
  });
}
