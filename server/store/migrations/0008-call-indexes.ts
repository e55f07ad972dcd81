import type { Migration } from './index.ts';

/**
 * Indexes for the two lookups every call makes, so neither reads the counter's tickets of the day
 * one by one:
 * - `tickets_counter_day` also holds `called_at`: how many tickets a counter called today per
 *   service (its weighted fair share, server/queue/queries.ts `calledToday`) is read from the
 *   index alone.
 * - `tickets_held`: the few tickets called or being served right now, by counter, which is what
 *   a counter falls back to holding when it lets a ticket go (counter-state.ts `clearCurrentTicket`).
 */
const migration: Migration = {
  version: 8,
  name: 'call-indexes',
  up(db) {
    db.exec(`
      DROP INDEX tickets_counter_day;
      CREATE INDEX tickets_counter_day ON tickets (counter_id, service_day, service_id, called_at)
        WHERE counter_id IS NOT NULL;
      CREATE INDEX tickets_held ON tickets (counter_id) WHERE status IN ('called', 'serving');
    `);
  },
};

export default migration;
