import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_GROUP_BYS } from '../../../core/reports-api.ts';
import { seedHistory } from '../../../server/history/seed-history.ts';
import { rebuildRollups } from '../../../server/reports/rebuild-rollups.ts';
import { computeReport, type ReportRequest } from '../../../server/reports/report.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * Roll-ups kept as events arrive equal a from-scratch recomputation, over generated history:
 * three days (Monday to Wednesday) at four counters of four agencies, every action run through the
 * live queue functions, for several seeds. Checked two ways: the roll-up tables equal what
 * `rebuild-rollups` recomputes, row for row and byte for byte; and every report (each grouping, with
 * and without filters, over several ranges) equals the one a plain GROUP BY over the raw rows gives.
 */
const FROM = '2025-03-10';
const TO = '2025-03-12';
const AFTER = Date.UTC(2025, 2, 13, 3);

function tables(db: Database): unknown {
  return {
    rollup: db.prepare('SELECT * FROM report_rollup ORDER BY grain, period, hour, counter_id, officer_id, service_id').all(),
    arrivals: db.prepare('SELECT * FROM report_arrivals ORDER BY day, hour, service_id').all(),
    spans: db.prepare('SELECT * FROM report_open_spans ORDER BY counter_id, kind').all(),
  };
}

describe('report roll-ups over generated history', () => {
  it('equal a recomputation from the raw rows, for several seeds', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const dir = makeTempDir('loket-rollup-prop-');
        const db = openHallStore(join(dir.path, 'hall.sqlite'));
        try {
          const made = await seedHistory(db, { days: 3, counters: 4, seed, endDay: TO, writer: 'queue' }, AFTER);
          expect(made.tickets).toBeGreaterThan(300);
          const kept = tables(db);
          expect(rebuildRollups(db, { compare: true }).differences).toBe(0);
          expect(tables(db)).toEqual(kept);

          const services = db.prepare(`SELECT DISTINCT service_id FROM tickets ORDER BY service_id`).pluck().all() as string[];
          const agency = db.prepare(`SELECT agency_id FROM services WHERE id = ?`).pluck().get(services[0]) as string;
          const filters: Pick<ReportRequest, 'agencyId' | 'serviceId'>[] = [{}, { agencyId: agency }, { serviceId: services[seed % services.length] as string }];
          const ranges: [string, string][] = [[FROM, TO], ['2025-03-11', '2025-03-11'], ['2025-03-01', '2025-03-31']];
          for (const groupBy of REPORT_GROUP_BYS) {
            for (const filter of filters) {
              for (const [from, to] of ranges) {
                const query = { from, to, groupBy, ...filter };
                expect(computeReport(db, query, { now: AFTER })).toEqual(computeReport(db, query, { now: AFTER, source: 'naive' }));
              }
            }
          }
        } finally {
          db.close();
          dir.remove();
        }
      }),
      { numRuns: 3 },
    );
  });
});
