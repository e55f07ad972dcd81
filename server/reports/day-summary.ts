import type { Database } from 'better-sqlite3';
import { z } from 'zod';

export const DaySummaryRowSchema = z.object({
  counterId: z.string(),
  counterNumber: z.number().int(),
  served: z.number().int(),
  pending: z.number().int(),
  noShow: z.number().int(),
  transferred: z.number().int(),
  walkIns: z.number().int(),
});
export const DaySummarySchema = z.object({ day: z.string(), counters: z.array(DaySummaryRowSchema) });
export type DaySummary = z.infer<typeof DaySummarySchema>;

/**
 * One service day per counter, from the hall's tickets (replicated counter events included): what
 * each counter finished and how. The supervisors' full reports build on the same rows.
 */
export function daySummary(db: Database, day: string): DaySummary {
  const counters = db
    .prepare(
      `SELECT c.id AS counterId, c.number AS counterNumber,
              COUNT(CASE WHEN t.status = 'done' AND t.outcome = 'served' THEN 1 END) AS served,
              COUNT(CASE WHEN t.status = 'done' AND t.outcome = 'pending' THEN 1 END) AS pending,
              COUNT(CASE WHEN t.status = 'no_show' THEN 1 END) AS noShow,
              COUNT(CASE WHEN t.status = 'transferred' THEN 1 END) AS transferred,
              COUNT(CASE WHEN t.channel = 'counter' THEN 1 END) AS walkIns
       FROM counters c JOIN tickets t ON t.counter_id = c.id AND t.service_day = ?
       GROUP BY c.id ORDER BY c.number`,
    )
    .all(day) as DaySummary['counters'];
  return { day, counters };
}
