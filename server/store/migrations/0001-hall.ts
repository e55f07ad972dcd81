import type { Migration } from './index.ts';

/**
 * The hall's configuration (DESIGN.md §4) and who may use it: the hall itself (one row), agencies,
 * services, counters with the services they serve and their weights, users and the counters they
 * may sign in at, enrolled devices, one-time enrollment codes, sessions, and settings.
 *
 * Times are epoch milliseconds (INTEGER); JSON is stored as TEXT and checked with json_valid.
 * Secrets are stored only as hashes (`pin_hash`, `token_hash`, `code_hash`).
 */
const migration: Migration = {
  version: 1,
  name: 'hall',
  up(db) {
    db.exec(`
      CREATE TABLE hall (
        id           TEXT NOT NULL PRIMARY KEY,
        name         TEXT NOT NULL,
        time_zone    TEXT NOT NULL DEFAULT 'Asia/Jakarta',
        queue_policy TEXT NOT NULL CHECK (json_valid(queue_policy))
      );

      -- One hall per database: a second row with another id is refused.
      CREATE TRIGGER hall_one_row BEFORE INSERT ON hall
      WHEN EXISTS (SELECT 1 FROM hall WHERE id <> NEW.id)
      BEGIN
        SELECT RAISE(ABORT, 'this database already holds a hall: one hall per hall.sqlite');
      END;

      CREATE TABLE agencies (
        id         TEXT NOT NULL PRIMARY KEY,
        name       TEXT NOT NULL,
        short_name TEXT NOT NULL,
        color      TEXT
      );

      CREATE TABLE services (
        id                     TEXT NOT NULL PRIMARY KEY,
        agency_id              TEXT NOT NULL REFERENCES agencies (id),
        name                   TEXT NOT NULL,
        prefix                 TEXT NOT NULL,
        requirements           TEXT NOT NULL DEFAULT '',
        target_wait_minutes    INTEGER NOT NULL CHECK (target_wait_minutes > 0),
        target_service_minutes INTEGER NOT NULL CHECK (target_service_minutes > 0),
        daily_quota            INTEGER CHECK (daily_quota IS NULL OR daily_quota > 0),
        opening_hours          TEXT CHECK (opening_hours IS NULL OR json_valid(opening_hours)),
        active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      );
      CREATE INDEX services_agency ON services (agency_id);
      -- Prefixes are unique among the services in use; retiring a service (active = 0) frees its
      -- prefix, while its old tickets keep their numbers.
      CREATE UNIQUE INDEX services_prefix ON services (prefix) WHERE active = 1;

      CREATE TABLE counters (
        id        TEXT NOT NULL PRIMARY KEY,
        number    INTEGER NOT NULL UNIQUE CHECK (number > 0),
        agency_id TEXT NOT NULL REFERENCES agencies (id)
      );
      CREATE INDEX counters_agency ON counters (agency_id);

      -- A rowid table on purpose: a counter's services come back in the order they were configured.
      CREATE TABLE counter_services (
        counter_id TEXT NOT NULL REFERENCES counters (id) ON DELETE CASCADE,
        service_id TEXT NOT NULL REFERENCES services (id),
        weight     INTEGER NOT NULL DEFAULT 1 CHECK (weight > 0),
        PRIMARY KEY (counter_id, service_id)
      );
      -- Which counters serve a service (estimated waits, foreign-key checks on services).
      CREATE INDEX counter_services_service ON counter_services (service_id);

      CREATE TABLE users (
        id              TEXT NOT NULL PRIMARY KEY,
        username        TEXT NOT NULL UNIQUE,
        name            TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'technician', 'admin')),
        pin_hash        TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until    INTEGER,
        active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      );

      CREATE TABLE user_counters (
        user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        counter_id TEXT NOT NULL REFERENCES counters (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, counter_id)
      ) WITHOUT ROWID;
      CREATE INDEX user_counters_counter ON user_counters (counter_id);

      CREATE TABLE devices (
        id           TEXT NOT NULL PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('counter', 'kiosk', 'board')),
        counter_id   TEXT REFERENCES counters (id),
        token_hash   TEXT NOT NULL UNIQUE,
        enrolled_at  INTEGER NOT NULL,
        revoked_at   INTEGER,
        last_seen_at INTEGER
      );
      CREATE INDEX devices_counter ON devices (counter_id) WHERE counter_id IS NOT NULL;

      CREATE TABLE enroll_codes (
        code_hash  TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('counter', 'kiosk', 'board')),
        counter_id TEXT REFERENCES counters (id),
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        used_at    INTEGER,
        device_id  TEXT REFERENCES devices (id)
      ) WITHOUT ROWID;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL REFERENCES users (id),
        device_id  TEXT REFERENCES devices (id),
        counter_id TEXT REFERENCES counters (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        ended_at   INTEGER
      ) WITHOUT ROWID;
      -- Ending every session of a user (PIN change, deactivation) or of a device (revocation).
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_device ON sessions (device_id) WHERE device_id IS NOT NULL;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};

export default migration;
