import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { IdSchema } from '../../../core/domain.ts';
import { LoketError } from '../../../core/errors.ts';
import { PUSH_BODY_LIMIT, SyncCursorQuerySchema, type SyncAlarm } from '../../../core/sync-api.ts';
import type { DevicePrincipal } from '../../auth/principal.ts';
import { daySummary } from '../../reports/day-summary.ts';
import { receivePush, syncCursor } from '../../sync/receive-push.ts';
import { leaseWalkInBlock } from '../../sync/walkin-blocks.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

const CounterParams = z.object({ id: IdSchema });
const DayQuery = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD') });

/** Replication (DESIGN.md §5): counters push their ledgers, ask where the server stands, lease walk-in numbers. */
export function registerSyncRoutes(app: FastifyInstance, ctx: HallContext): void {
  const { queue } = ctx;
  const counterPc = (request: Parameters<typeof authorize>[0]): DevicePrincipal =>
    authorize(request, { devices: ['counter'] }) as DevicePrincipal;

  // The push body arrives as bytes: ctx.pushChecker parses and checks it, off the event loop when large.
  void app.register(async (pushScope) => {
    pushScope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: PUSH_BODY_LIMIT }, (_request, body, done) => done(null, body));
    pushScope.post(`${API_BASE}/sync/push`, { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
      const device = counterPc(request);
      const done = ctx.applier.pushArrived();
      try {
        const push = await ctx.pushChecker.check(request.body as Buffer, device);
        const { answer, backlog } = await queue.submit((q) => q.replicate((tx) => receivePush(tx, device, push.deviceId, push.events)));
        if (backlog) ctx.applier.schedule();
        return answer;
      } finally {
        done();
      }
    });
  });

  app.get(`${API_BASE}/sync/cursor`, (request) => {
    const device = counterPc(request);
    const { deviceId, lastSeq } = parseInput(SyncCursorQuerySchema, request.query, 'cursor');
    return queue.submit((q) => q.replicate((tx) => syncCursor(tx, device, deviceId, lastSeq)));
  });

  app.post(`${API_BASE}/counters/:id/walkin-blocks`, async (request, reply) => {
    const device = counterPc(request);
    const { id } = parseInput(CounterParams, request.params, 'path');
    if (device.counterId !== id) {
      throw new LoketError('forbidden', `This PC is enrolled for counter ${device.counterId ?? 'none'}; it leases walk-in numbers for that counter only.`);
    }
    return reply.code(201).send(await queue.submit((q) => q.replicate((tx) => leaseWalkInBlock(tx, id, device.deviceId))));
  });

  app.get(`${API_BASE}/sync/alarms`, (request) => {
    authorize(request, { roles: ['supervisor', 'admin'] });
    const rows = ctx.db
      .prepare(
        `SELECT id, at, kind, ledger_id AS ledgerId, device_id AS deviceId, counter_id AS counterId, seq, detail
         FROM sync_alarms WHERE cleared_at IS NULL ORDER BY at DESC LIMIT 200`,
      )
      .all() as (Omit<SyncAlarm, 'detail'> & { detail: string })[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  });

  app.get(`${API_BASE}/reports/day`, (request) => {
    authorize(request, { roles: ['supervisor', 'admin'] });
    const { day } = parseInput(DayQuery, request.query, 'report');
    return daySummary(ctx.db, day);
  });
}
