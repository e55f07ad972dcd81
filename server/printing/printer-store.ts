import type { Database } from 'better-sqlite3';
import { LoketError } from '../../core/errors.ts';
import { statementsOf } from '../../platform/statement-cache.ts';
import { DEFAULT_PRINTER_SETTING, PrinterSettingSchema, type KioskPrinter, type PrinterSetting } from '../../core/kiosk-printing.ts';

/** The `kiosk_printers` table (migration 0006): each kiosk's printer, checked on the way in and out. */

interface PrinterRow {
  device_id: string;
  name: string;
  setting: string | null;
  updated_at: number | null;
}

const SELECT = `SELECT d.id AS device_id, d.name, p.setting, p.updated_at
                FROM devices d LEFT JOIN kiosk_printers p ON p.device_id = d.id
                WHERE d.kind = 'kiosk' AND d.revoked_at IS NULL`;

function toKioskPrinter(row: PrinterRow): KioskPrinter {
  let printer: PrinterSetting = DEFAULT_PRINTER_SETTING;
  if (row.setting !== null) {
    const parsed = PrinterSettingSchema.safeParse(JSON.parse(row.setting));
    // A row this build cannot read (written by a newer one) prints nothing rather than guessing.
    if (parsed.success) printer = parsed.data;
  }
  return { deviceId: row.device_id, name: row.name, printer, updatedAt: row.updated_at };
}

/** An enrolled, not revoked kiosk and its printer; `not_found` naming the device otherwise. */
export function kioskPrinter(db: Database, deviceId: string): KioskPrinter {
  // Asked for every ticket a kiosk issues: prepared once per connection.
  const row = statementsOf(db).get(`${SELECT} AND d.id = ?`).get(deviceId) as PrinterRow | undefined;
  if (row === undefined) {
    throw new LoketError('not_found', `There is no enrolled kiosk ${deviceId}. Check the device id in the list of kiosks.`, 'deviceId');
  }
  return toKioskPrinter(row);
}

/** Every enrolled kiosk with its printer, by name. */
export function kioskPrinters(db: Database): KioskPrinter[] {
  return (db.prepare(`${SELECT} ORDER BY d.name, d.id`).all() as PrinterRow[]).map(toKioskPrinter);
}

/** Stores a kiosk's printer (already validated); returns it as stored. */
export function saveKioskPrinter(db: Database, deviceId: string, setting: PrinterSetting, by: 'kiosk' | 'admin', at: number): KioskPrinter {
  kioskPrinter(db, deviceId);
  db.prepare(
    `INSERT INTO kiosk_printers (device_id, setting, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET setting = excluded.setting, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(deviceId, JSON.stringify(setting), at, by);
  return kioskPrinter(db, deviceId);
}
