import type { Migration } from './index.ts';

/**
 * The append-only event ledger of DESIGN.md §5 (also the outbox to the hall server) and the `meta`
 * table that holds this PC's device id.
 *
 * Append-only is enforced by triggers, so no code path (nor a technician with a SQL shell) can
 * change or remove an event: UPDATE and DELETE abort, and so does an INSERT that would collide
 * with an existing key, because `INSERT OR REPLACE` removes the old row without firing DELETE
 * triggers.
 *
 * One ledger file holds one device's events, so `seq` alone is the key and doubles as the rowid:
 * appends land at the right edge of the table's own B-tree, and the only other B-trees a commit
 * touches are the ticket index and the server-time index, which also grows at its right edge
 * (measured with `npm run bench -- ledger`). The hall server keys its copy by (device_id, seq).
 */
const APPEND_ONLY = 'ledger events are append-only';

const migration: Migration = {
  version: 1,
  name: 'events',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE events (
        seq         INTEGER PRIMARY KEY,
        device_id   TEXT    NOT NULL,
        event_id    TEXT    NOT NULL,
        type        TEXT    NOT NULL,
        at          INTEGER NOT NULL,
        server_at   INTEGER NOT NULL,
        hlc         TEXT    NOT NULL,
        ticket_id   TEXT,
        counter_id  TEXT    NOT NULL,
        officer_id  TEXT,
        lease_epoch INTEGER,
        data        TEXT    NOT NULL,
        hash        TEXT    NOT NULL
      );

      CREATE INDEX events_ticket ON events (ticket_id) WHERE ticket_id IS NOT NULL;
      CREATE INDEX events_server_at ON events (server_at);

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: an event cannot be changed; record a new event instead');
      END;

      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: an event cannot be removed; record a new event instead');
      END;

      CREATE TRIGGER events_no_replace BEFORE INSERT ON events
      WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq)
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: an event with this seq is already stored');
      END;
    `);
  },
};

export default migration;
