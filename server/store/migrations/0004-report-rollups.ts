import type { Migration } from './index.ts';

/**
 * Report roll-ups (DESIGN.md §8): sums kept up to date as tickets and counters change (since
 * migration 0007 they follow ticket_log: server/reports/rollup-follower.ts), so a year's report reads thousands of rows
 * instead of millions. `loket-server rebuild-rollups` recomputes them from `tickets` and
 * `ticket_log`, and must agree.
 *
 * - `report_rollup`: one row per grain and key. `grain` says which key columns are in use ('' for
 *   the others, -1 for no hour):
 *     'ud' day × counter × officer × service      'um' the same per month
 *     'dd' day × service                          (counter time: day × counter)
 *     'hd' day × hour × service                   (counter time: day × hour × counter)
 *     'hm' month × hour × service                 (counter time: month × hour × counter)
 *   Ticket figures sit in rows with a service; counter time (signed in, paused, serving) in rows
 *   with `service_id = ''` (ud/um keep the officer there too). Durations are ms; `wait_hist` and
 *   `service_hist` are histograms in the fixed 15-second buckets of server/reports/histogram.ts.
 * - `report_arrivals`: tickets issued per day, hour and service (the heat map).
 * - `report_open_spans`: the signed-in session and the pause each counter is in now, with their
 *   start: added to the roll-ups when they end, and up to "now" by a report.
 *
 * `ticket_log_rollup` indexes the few log entries a rebuild replays (no-shows and counter
 * transitions, a few percent of the log) so it need not read the whole log.
 *
 * A file that already holds history gets `settings.report_rollups = 'rebuild'`: the server
 * recomputes the roll-ups from it at start (server/reports/rebuild-rollups.ts).
 */
const migration: Migration = {
  version: 4,
  name: 'report-rollups',
  up(db) {
    db.exec(`
      CREATE TABLE report_rollup (
        grain           TEXT NOT NULL CHECK (grain IN ('ud', 'um', 'dd', 'hd', 'hm')),
        period          TEXT NOT NULL,
        hour            INTEGER NOT NULL CHECK (hour BETWEEN -1 AND 23),
        counter_id      TEXT NOT NULL,
        officer_id      TEXT NOT NULL,
        service_id      TEXT NOT NULL,
        served          INTEGER NOT NULL DEFAULT 0,
        pending         INTEGER NOT NULL DEFAULT 0,
        no_show         INTEGER NOT NULL DEFAULT 0,
        transferred     INTEGER NOT NULL DEFAULT 0,
        wait_n          INTEGER NOT NULL DEFAULT 0,
        wait_ms         INTEGER NOT NULL DEFAULT 0,
        wait_hist       BLOB,
        service_n       INTEGER NOT NULL DEFAULT 0,
        service_ms      INTEGER NOT NULL DEFAULT 0,
        service_hist    BLOB,
        busy_ms         INTEGER NOT NULL DEFAULT 0,
        signed_in_ms    INTEGER NOT NULL DEFAULT 0,
        pause_break_ms  INTEGER NOT NULL DEFAULT 0,
        pause_prayer_ms INTEGER NOT NULL DEFAULT 0,
        pause_system_ms INTEGER NOT NULL DEFAULT 0,
        pause_other_ms  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (grain, period, hour, counter_id, officer_id, service_id)
      ) WITHOUT ROWID;

      CREATE TABLE report_arrivals (
        day        TEXT NOT NULL,
        hour       INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
        service_id TEXT NOT NULL,
        arrivals   INTEGER NOT NULL CHECK (arrivals >= 0),
        PRIMARY KEY (day, hour, service_id)
      ) WITHOUT ROWID;

      CREATE TABLE report_open_spans (
        counter_id TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('session', 'pause')),
        officer_id TEXT NOT NULL,
        reason     TEXT CHECK (reason IS NULL OR reason IN ('break', 'prayer', 'system', 'other')),
        started_at INTEGER NOT NULL,
        PRIMARY KEY (counter_id, kind),
        CHECK ((kind = 'pause') = (reason IS NOT NULL))
      ) WITHOUT ROWID;

      CREATE INDEX ticket_log_rollup ON ticket_log (id)
        WHERE action IN ('ticket.no_show', 'counter.opened', 'counter.updated', 'counter.paused', 'counter.resumed', 'counter.closed');

      INSERT INTO settings (key, value)
        SELECT 'report_rollups', 'rebuild' WHERE EXISTS (SELECT 1 FROM ticket_log)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    `);
  },
};

export default migration;
