import type { Migration } from './index.ts';

/**
 * The walk-ins of a counter by server time. Which leased walk-in numbers are still free is asked on
 * every change of the counter's state; without this index that read went through every event of
 * the day, so a counter slowed down as its day filled.
 */
const migration: Migration = {
  version: 3,
  name: 'walkin-index',
  up(db) {
    db.exec(`CREATE INDEX events_walkin ON events (counter_id, server_at) WHERE type = 'walkin.served';`);
  },
};

export default migration;
