import type { Migration } from './index.ts';

/**
 * The visitor's side of the hall (issue 8).
 *
 * - `services` gain the rest of the service information: `cost` (biaya/tarif), `time_standard`
 *   (standar waktu) and `legal_basis` (dasar hukum); NULL = not written yet. Requirements exist.
 * - `service_booking`: online booking per service: on/off, slot length, visitors per slot, daily
 *   online quota (NULL = only the slots limit it). A service without a row takes no bookings.
 * - `holidays`: days the hall is closed (hall-local date), with their name.
 * - `bookings`: online bookings. `code` is also the QR payload and, after check-in, the ticket's
 *   tracking code. `slot_start` is epoch ms (the slot's hall-local time). The phone is stored
 *   normalised (`+628…`); `client_hash` is a keyed hash of the client address (never the address),
 *   for the per-address rate limit. Status only moves forward from `booked`, once; the visitor's
 *   data and the slot never change; nothing is deleted.
 * - `skm_responses`: one survey per ticket (UNIQUE ticket_id), the nine answers as columns checked
 *   1–4, the optional profile and comment, and `raw`, the answers as submitted: append-only.
 * - `quick_ratings`: `$RATE` presses of the counter's rating pad, apart from the IKM: append-only.
 * - `webhook_config` (one row) and `webhook_outbox`: "nearly your turn" messages to the hall's
 *   gateway, once per ticket and kind, retried from here until delivered or given up; a message's
 *   ticket, kind and body never change, and a finished one (delivered or given up) stays as it is.
 */
const migration: Migration = {
  version: 5,
  name: 'visitor',
  up(db) {
    db.exec(`
      ALTER TABLE services ADD COLUMN cost TEXT;
      ALTER TABLE services ADD COLUMN time_standard TEXT;
      ALTER TABLE services ADD COLUMN legal_basis TEXT;

      CREATE TABLE service_booking (
        service_id        TEXT NOT NULL PRIMARY KEY REFERENCES services (id),
        enabled           INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        slot_minutes      INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
        capacity_per_slot INTEGER NOT NULL CHECK (capacity_per_slot > 0),
        daily_quota       INTEGER CHECK (daily_quota IS NULL OR daily_quota > 0),
        updated_at        INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE holidays (
        day  TEXT NOT NULL PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
      ) WITHOUT ROWID;

      CREATE TABLE bookings (
        code          TEXT NOT NULL PRIMARY KEY,
        qr_payload    TEXT NOT NULL,
        service_id    TEXT NOT NULL REFERENCES services (id),
        service_day   TEXT NOT NULL,
        slot_start    INTEGER NOT NULL,
        slot_end      INTEGER NOT NULL CHECK (slot_end > slot_start),
        visitor_name  TEXT NOT NULL CHECK (length(visitor_name) BETWEEN 1 AND 60),
        phone         TEXT NOT NULL CHECK (phone GLOB '+628[1-9]*' AND length(phone) BETWEEN 12 AND 15),
        client_hash   TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'released')),
        ticket_id     TEXT REFERENCES tickets (id),
        created_at    INTEGER NOT NULL,
        checked_in_at INTEGER,
        cancelled_at  INTEGER,
        released_at   INTEGER,
        CHECK ((status = 'checked_in') = (ticket_id IS NOT NULL AND checked_in_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
        CHECK ((status = 'released') = (released_at IS NOT NULL))
      ) WITHOUT ROWID;
      -- Capacity of a slot and the daily quota: active bookings of a service on a day.
      CREATE INDEX bookings_slot ON bookings (service_id, service_day, slot_start) WHERE status IN ('booked', 'checked_in');
      -- Per-phone limit.
      CREATE INDEX bookings_phone ON bookings (phone, service_day);
      -- Per-address limit: bookings from one address in the last minutes.
      CREATE INDEX bookings_client ON bookings (client_hash, created_at);
      -- The release sweep: bookings still waiting for check-in, oldest slot first.
      CREATE INDEX bookings_waiting ON bookings (slot_start) WHERE status = 'booked';
      CREATE UNIQUE INDEX bookings_ticket ON bookings (ticket_id) WHERE ticket_id IS NOT NULL;

      CREATE TRIGGER bookings_no_delete BEFORE DELETE ON bookings
      BEGIN
        SELECT RAISE(ABORT, 'bookings are kept: cancel or release a booking instead of deleting it');
      END;
      CREATE TRIGGER bookings_forward_only BEFORE UPDATE ON bookings
      WHEN OLD.status <> 'booked' OR NEW.status NOT IN ('checked_in', 'cancelled', 'released')
        OR NEW.code IS NOT OLD.code OR NEW.qr_payload IS NOT OLD.qr_payload OR NEW.service_id IS NOT OLD.service_id
        OR NEW.service_day IS NOT OLD.service_day OR NEW.slot_start IS NOT OLD.slot_start OR NEW.slot_end IS NOT OLD.slot_end
        OR NEW.visitor_name IS NOT OLD.visitor_name OR NEW.phone IS NOT OLD.phone OR NEW.client_hash IS NOT OLD.client_hash
        OR NEW.created_at IS NOT OLD.created_at
      BEGIN
        SELECT RAISE(ABORT, 'a booking only moves once from booked to checked_in, cancelled or released');
      END;

      CREATE TABLE skm_responses (
        id          INTEGER PRIMARY KEY,
        ticket_id   TEXT NOT NULL UNIQUE REFERENCES tickets (id),
        service_id  TEXT NOT NULL REFERENCES services (id),
        agency_id   TEXT NOT NULL REFERENCES agencies (id),
        counter_id  TEXT REFERENCES counters (id),
        officer_id  TEXT,
        service_day TEXT NOT NULL,
        u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
        u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
        u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
        u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
        u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
        u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
        u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
        u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
        u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
        age_group   TEXT,
        sex         TEXT,
        education   TEXT,
        occupation  TEXT,
        comment     TEXT CHECK (comment IS NULL OR length(comment) <= 500),
        source      TEXT NOT NULL CHECK (source IN ('link', 'counter_tablet')),
        raw         TEXT NOT NULL CHECK (json_valid(raw)),
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX skm_responses_day ON skm_responses (service_day, service_id);

      CREATE TABLE quick_ratings (
        id         INTEGER PRIMARY KEY,
        counter_id TEXT NOT NULL REFERENCES counters (id),
        officer_id TEXT,
        ticket_id  TEXT REFERENCES tickets (id),
        value      INTEGER NOT NULL CHECK (value BETWEEN 1 AND 4),
        at         INTEGER NOT NULL
      );
      CREATE INDEX quick_ratings_counter ON quick_ratings (counter_id, at);

      CREATE TABLE webhook_config (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        url               TEXT CHECK (url IS NULL OR url GLOB 'http://*' OR url GLOB 'https://*'),
        nearly_turn_ahead INTEGER NOT NULL CHECK (nearly_turn_ahead BETWEEN 0 AND 50),
        enabled           INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        secret            TEXT,
        updated_at        INTEGER NOT NULL,
        CHECK (enabled = 0 OR url IS NOT NULL)
      );

      CREATE TABLE webhook_outbox (
        id              INTEGER PRIMARY KEY,
        ticket_id       TEXT NOT NULL REFERENCES tickets (id),
        kind            TEXT NOT NULL CHECK (kind IN ('nearly_your_turn')),
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        created_at      INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        delivered_at    INTEGER,
        gave_up_at      INTEGER,
        UNIQUE (ticket_id, kind),
        CHECK (delivered_at IS NULL OR gave_up_at IS NULL)
      );
      CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
    `);
    appendOnly(db, 'skm_responses', 'a survey response');
    appendOnly(db, 'quick_ratings', 'a quick rating');
    db.exec(`
      CREATE TRIGGER webhook_outbox_no_delete BEFORE DELETE ON webhook_outbox
      BEGIN
        SELECT RAISE(ABORT, 'webhook_outbox is append-only: a message cannot be removed');
      END;
      CREATE TRIGGER webhook_outbox_keeps_message BEFORE UPDATE ON webhook_outbox
      WHEN OLD.delivered_at IS NOT NULL OR OLD.gave_up_at IS NOT NULL
        OR NEW.id IS NOT OLD.id OR NEW.ticket_id IS NOT OLD.ticket_id OR NEW.kind IS NOT OLD.kind
        OR NEW.payload IS NOT OLD.payload OR NEW.created_at IS NOT OLD.created_at OR NEW.attempts < OLD.attempts
      BEGIN
        SELECT RAISE(ABORT, 'webhook_outbox is append-only: only a pending message''s delivery state changes');
      END;
    `);
  },
};

function appendOnly(db: Parameters<Migration['up']>[0], table: string, what: string): void {
  db.exec(`
    CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN
      SELECT RAISE(ABORT, '${table} is append-only: ${what} cannot be changed');
    END;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN
      SELECT RAISE(ABORT, '${table} is append-only: ${what} cannot be removed');
    END;
  `);
}

export default migration;
