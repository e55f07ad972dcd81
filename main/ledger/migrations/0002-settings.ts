import type { Migration } from './index.ts';

/** Local settings of this PC and the cached hall configuration, as text values by key. */
const migration: Migration = {
  version: 2,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT    PRIMARY KEY,
        value      TEXT    NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};

export default migration;
