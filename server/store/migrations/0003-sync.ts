import type { Migration } from './index.ts';

/**
 * Replication from the counter PCs' ledgers (DESIGN.md §5).
 *
 * - `sync_ledgers`: each counter ledger (its own id, `ledger_id`), the enrolled device that may
 *   push it, `acked_through`, the highest seq stored without a gap (what the counter may consider
 *   delivered), and `applied_through`, how far the live queue has applied them (a large backlog is
 *   applied in the background after it is acknowledged).
 * - `sync_events`: every pushed event exactly as the counter recorded it, once per (ledger, seq),
 *   with what applying it to the live queue did: `applied`, `stale` (its lease epoch was no longer
 *   the ticket's: stored, never applied) or `refused` (the queue refused it; `problem` says why).
 *   NULL until it is applied, which happens in seq order once every earlier event is stored.
 * - `sync_alarms`: what supervisors must look at: the same (ledger, seq) pushed with another
 *   content hash (two PCs with one ledger: a cloned disk), or a PC behind the server (restored
 *   from an old copy).
 * - `walkin_blocks`: numbers a counter may give walk-ins while offline (`L3-001`…), leased per
 *   service day so that a replacement PC never repeats one.
 *
 * - `counter_state.call_request_id` / `call_answer`: the last call-next or call a counter made, by
 *   the id the counter gave it, and the answer: a counter whose answer was lost (network, or the PC
 *   died before recording it) asks again with the same id and gets the same ticket, never a second.
 *
 * Walk-ins become tickets of channel `counter` numbered from those blocks, outside the services'
 * daily sequences, so the unique index on issued numbers leaves them out.
 */
const APPEND_ONLY = 'sync_events is append-only';

const migration: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_ledgers (
        ledger_id     TEXT NOT NULL PRIMARY KEY,
        device_id     TEXT NOT NULL REFERENCES devices (id),
        acked_through INTEGER NOT NULL DEFAULT 0 CHECK (acked_through >= 0),
        applied_through INTEGER NOT NULL DEFAULT 0 CHECK (applied_through >= 0 AND applied_through <= acked_through),
        first_seen_at INTEGER NOT NULL,
        last_push_at  INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX sync_ledgers_device ON sync_ledgers (device_id);

      CREATE TABLE sync_events (
        ledger_id   TEXT NOT NULL,
        seq         INTEGER NOT NULL CHECK (seq > 0),
        event_id    TEXT NOT NULL,
        type        TEXT NOT NULL,
        at          INTEGER NOT NULL,
        server_at   INTEGER NOT NULL,
        hlc         TEXT NOT NULL,
        ticket_id   TEXT,
        counter_id  TEXT NOT NULL,
        officer_id  TEXT,
        lease_epoch INTEGER,
        data        TEXT NOT NULL,
        hash        TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        outcome     TEXT CHECK (outcome IS NULL OR outcome IN ('applied', 'stale', 'refused')),
        problem     TEXT,
        PRIMARY KEY (ledger_id, seq)
      ) WITHOUT ROWID;

      CREATE TRIGGER sync_events_no_delete BEFORE DELETE ON sync_events
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: a replicated event cannot be removed');
      END;
      -- Only the outcome of applying it is ever written after the insert, and only once.
      CREATE TRIGGER sync_events_no_update BEFORE UPDATE ON sync_events
      WHEN OLD.outcome IS NOT NULL
        OR NEW.ledger_id IS NOT OLD.ledger_id OR NEW.seq IS NOT OLD.seq OR NEW.hash IS NOT OLD.hash
        OR NEW.data IS NOT OLD.data OR NEW.type IS NOT OLD.type OR NEW.event_id IS NOT OLD.event_id
        OR NEW.server_at IS NOT OLD.server_at OR NEW.at IS NOT OLD.at OR NEW.ticket_id IS NOT OLD.ticket_id
        OR NEW.counter_id IS NOT OLD.counter_id OR NEW.lease_epoch IS NOT OLD.lease_epoch
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: a replicated event cannot be changed');
      END;

      CREATE TABLE sync_alarms (
        id           INTEGER PRIMARY KEY,
        at           INTEGER NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('hash_conflict', 'restored_copy', 'stale_event')),
        ledger_id    TEXT NOT NULL,
        device_id    TEXT,
        counter_id   TEXT,
        seq          INTEGER,
        detail       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        cleared_at   INTEGER,
        cleared_by   TEXT
      );
      CREATE INDEX sync_alarms_open ON sync_alarms (at) WHERE cleared_at IS NULL;
      CREATE UNIQUE INDEX sync_alarms_once ON sync_alarms (kind, ledger_id, seq) WHERE seq IS NOT NULL;

      CREATE TABLE walkin_blocks (
        counter_id  TEXT NOT NULL REFERENCES counters (id),
        service_day TEXT NOT NULL,
        first_no    INTEGER NOT NULL CHECK (first_no > 0),
        last_no     INTEGER NOT NULL CHECK (last_no >= first_no),
        leased_at   INTEGER NOT NULL,
        device_id   TEXT,
        PRIMARY KEY (counter_id, service_day, first_no)
      ) WITHOUT ROWID;

      ALTER TABLE counter_state ADD COLUMN call_request_id TEXT;
      ALTER TABLE counter_state ADD COLUMN call_answer TEXT;

      DROP INDEX tickets_number;
      CREATE UNIQUE INDEX tickets_number ON tickets (service_id, service_day, seq_no)
        WHERE transferred_from IS NULL AND channel <> 'counter';
      CREATE UNIQUE INDEX tickets_walkin_number ON tickets (counter_id, service_day, number)
        WHERE channel = 'counter' AND transferred_from IS NULL;
    `);
  },
};

export default migration;
