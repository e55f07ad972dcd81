import type { Migration } from './index.ts';

/**
 * The report roll-ups follow `ticket_log` (server/reports/rollup-follower.ts) instead of being
 * written by each transition. Until now the transitions wrote them, so they already hold every
 * entry: the position starts at the last one. (A rebuild still pending from migration 0004 sets
 * the position itself when it runs.)
 */
const migration: Migration = {
  version: 7,
  name: 'rollups-follow-log',
  up(db) {
    db.exec(`
      INSERT INTO settings (key, value)
        SELECT 'report_rollups_position', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM ticket_log WHERE true
        ON CONFLICT (key) DO NOTHING;
    `);
  },
};

export default migration;
