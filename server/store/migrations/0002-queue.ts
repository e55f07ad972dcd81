import type { Migration } from './index.ts';

/**
 * The live queue the hall server is the authority over (DESIGN.md §4–5): tickets, the per-service
 * daily number sequences, what each counter is doing, the fencing counter that hands out lease
 * epochs, and `ticket_log`, the append-only audit of every ticket and counter transition that the
 * reports read.
 *
 * Indexes, each for a query of server/queue/ (their plans are checked in the migration test):
 * - `tickets_waiting`: the first waiting ticket of a service and class (call next), a service's
 *   waiting line (positions) and the whole waiting queue. Partial: only waiting rows, so it stays
 *   small however many tickets the hall has issued.
 * - `tickets_targeted`: tickets transferred to one counter, which that counter calls first.
 * - `tickets_tracking`: a visitor's tracking code (and the uniqueness check when issuing one).
 * - `tickets_counter_day`: what a counter called today, per service (its weighted fair share).
 * - `tickets_finished`: a service's latest finished tickets today (estimated wait).
 * - `tickets_called`: the latest calls (display boards).
 * - `tickets_number`: unique: one issued ticket per service, day and sequence number. Transfers
 *   keep their number, so the rows they create are left out.
 */
const APPEND_ONLY = 'ticket_log is append-only';

const migration: Migration = {
  version: 2,
  name: 'queue',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id                TEXT NOT NULL PRIMARY KEY,
        service_id        TEXT NOT NULL REFERENCES services (id),
        number            TEXT NOT NULL,
        seq_no            INTEGER NOT NULL CHECK (seq_no > 0),
        service_day       TEXT NOT NULL,
        channel           TEXT NOT NULL CHECK (channel IN ('kiosk', 'online', 'counter')),
        priority          TEXT NOT NULL CHECK (priority IN ('normal', 'priority')),
        tracking_code     TEXT NOT NULL,
        status            TEXT NOT NULL
                          CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled')),
        queued_at         INTEGER NOT NULL,
        issued_at         INTEGER NOT NULL,
        called_at         INTEGER,
        started_at        INTEGER,
        finished_at       INTEGER,
        counter_id        TEXT REFERENCES counters (id),
        officer_id        TEXT,
        call_count        INTEGER NOT NULL DEFAULT 0 CHECK (call_count >= 0),
        outcome           TEXT CHECK (outcome IS NULL OR outcome IN ('served', 'pending')),
        note              TEXT,
        lease_epoch       INTEGER,
        target_counter_id TEXT REFERENCES counters (id),
        transferred_from  TEXT REFERENCES tickets (id),
        transfer_reason   TEXT
      );

      CREATE INDEX tickets_waiting ON tickets (service_id, priority, queued_at, seq_no, number, id, target_counter_id, channel)
        WHERE status = 'waiting';
      CREATE INDEX tickets_targeted ON tickets (target_counter_id, queued_at)
        WHERE status = 'waiting' AND target_counter_id IS NOT NULL;
      CREATE INDEX tickets_tracking ON tickets (tracking_code);
      CREATE INDEX tickets_counter_day ON tickets (counter_id, service_day, service_id)
        WHERE counter_id IS NOT NULL;
      CREATE INDEX tickets_finished ON tickets (service_id, service_day, finished_at)
        WHERE status = 'done';
      CREATE INDEX tickets_called ON tickets (called_at) WHERE called_at IS NOT NULL;
      CREATE UNIQUE INDEX tickets_number ON tickets (service_id, service_day, seq_no)
        WHERE transferred_from IS NULL;
      CREATE INDEX tickets_transferred_from ON tickets (transferred_from) WHERE transferred_from IS NOT NULL;

      CREATE TABLE daily_sequences (
        service_id  TEXT NOT NULL REFERENCES services (id),
        service_day TEXT NOT NULL,
        last_seq    INTEGER NOT NULL CHECK (last_seq >= 0),
        PRIMARY KEY (service_id, service_day)
      ) WITHOUT ROWID;

      CREATE TABLE counter_state (
        counter_id             TEXT PRIMARY KEY REFERENCES counters (id) ON DELETE CASCADE,
        status                 TEXT NOT NULL CHECK (status IN ('closed', 'open', 'paused')),
        pause_reason           TEXT CHECK (pause_reason IS NULL OR pause_reason IN ('break', 'prayer', 'system', 'other')),
        officer_id             TEXT,
        officer_name           TEXT,
        service_ids            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(service_ids)),
        current_ticket_id      TEXT REFERENCES tickets (id),
        since                  INTEGER NOT NULL,
        normals_since_priority INTEGER NOT NULL DEFAULT 0 CHECK (normals_since_priority >= 0)
      ) WITHOUT ROWID;
      -- At most one counter holds a ticket.
      CREATE UNIQUE INDEX counter_state_current ON counter_state (current_ticket_id)
        WHERE current_ticket_id IS NOT NULL;

      -- The lease-epoch source (DESIGN.md §5): one row whose number only grows.
      CREATE TABLE fencing (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        last_epoch INTEGER NOT NULL CHECK (last_epoch >= 0)
      );
      INSERT INTO fencing (id, last_epoch) VALUES (1, 0);

      CREATE TRIGGER fencing_only_grows BEFORE UPDATE ON fencing
      WHEN NEW.last_epoch <= OLD.last_epoch OR NEW.id IS NOT OLD.id
      BEGIN
        SELECT RAISE(ABORT, 'lease epochs only grow');
      END;

      CREATE TRIGGER fencing_no_delete BEFORE DELETE ON fencing
      BEGIN
        SELECT RAISE(ABORT, 'lease epochs only grow: the fencing row cannot be removed');
      END;

      CREATE TABLE ticket_log (
        id          INTEGER PRIMARY KEY,
        ticket_id   TEXT REFERENCES tickets (id),
        action      TEXT NOT NULL CHECK (action IN (
                      'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.finished',
                      'ticket.no_show', 'ticket.transferred', 'ticket.returned', 'ticket.cancelled',
                      'ticket.reactivated',
                      'counter.opened', 'counter.updated', 'counter.paused', 'counter.resumed', 'counter.closed')),
        at          INTEGER NOT NULL,
        counter_id  TEXT REFERENCES counters (id),
        actor_id    TEXT,
        lease_epoch INTEGER,
        detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        CHECK ((ticket_id IS NULL) = (action LIKE 'counter.%'))
      );
      CREATE INDEX ticket_log_ticket ON ticket_log (ticket_id) WHERE ticket_id IS NOT NULL;
      CREATE INDEX ticket_log_at ON ticket_log (at);

      CREATE TRIGGER ticket_log_no_update BEFORE UPDATE ON ticket_log
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: an entry cannot be changed; append a new one instead');
      END;

      CREATE TRIGGER ticket_log_no_delete BEFORE DELETE ON ticket_log
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: an entry cannot be removed');
      END;

      CREATE TRIGGER ticket_log_no_replace BEFORE INSERT ON ticket_log
      WHEN EXISTS (SELECT 1 FROM ticket_log WHERE id = NEW.id)
      BEGIN
        SELECT RAISE(ABORT, '${APPEND_ONLY}: an entry with this id is already stored');
      END;
    `);
  },
};

export default migration;
