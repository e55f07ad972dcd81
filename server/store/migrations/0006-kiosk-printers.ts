import type { Migration } from './index.ts';

/**
 * How each kiosk prints its tickets (issue 8 §1; core/kiosk-printing.ts): one row per kiosk that
 * has been given a printer, `setting` the JSON of `PrinterSettingSchema` (`network` with host,
 * port and paper; `browser` with paper; `none`). A kiosk without a row prints nothing. `updated_by`
 * says who set it last: the kiosk's own setup screen or an admin. The devices table stays as it is:
 * only kiosks have printers, and a revoked kiosk keeps its row for the record.
 */
const migration: Migration = {
  version: 6,
  name: 'kiosk-printers',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_printers (
        device_id  TEXT NOT NULL PRIMARY KEY REFERENCES devices (id),
        setting    TEXT NOT NULL CHECK (json_valid(setting) AND json_extract(setting, '$.kind') IN ('network', 'browser', 'none')),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL CHECK (updated_by IN ('kiosk', 'admin'))
      ) WITHOUT ROWID;
    `);
  },
};

export default migration;
