import Sqlite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEventText, type LedgerEvent } from '../../../core/events.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import events from '../../../main/ledger/migrations/0001-events.ts';
import settings from '../../../main/ledger/migrations/0002-settings.ts';
import { LATEST_VERSION } from '../../../main/ledger/migrations/index.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const DEVICE = '6f1c2a8e-3b7d-4e59-9a10-2c4b8d7e6f01';

/** Events as an older Loket (ledger version 1) wrote them, with awkward but valid values. */
function v1Event(seq: number, type: LedgerEvent['type'], data: unknown, ticketId: string | null): LedgerEvent {
  const at = 1_741_571_200_000 + seq * 61_000;
  const unsigned = {
    deviceId: DEVICE,
    seq,
    eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    at,
    serverAt: at + 1_234,
    hlc: `${String(at + 1_234).padStart(15, '0')}-00000-${DEVICE}`,
    ticketId,
    counterId: 'loket-07',
    officerId: seq % 2 ? 'petugas-1' : null,
    leaseEpoch: seq % 3 ? 9_007_199_254_740_991 : null,
    data,
  };
  return { ...unsigned, hash: createHash('sha256').update(canonicalEventText(unsigned)).digest('hex') };
}

const TICKET = 'c9b1d6f4-8a2e-4f3b-9c7d-1e5a6b8c9d02';
const V1_EVENTS: LedgerEvent[] = [
  v1Event(1, 'session.opened', { serviceIds: ['ktp-el', 'kk'] }, null),
  v1Event(2, 'walkin.served', { serviceId: 'ktp-el', number: 'W-001' }, TICKET),
  v1Event(3, 'ticket.finished', { outcome: 'pending', note: 'Berkas kurang: fotokopi KK — kembali besok ✓' }, TICKET),
  v1Event(4, 'counter.paused', { reason: 'prayer' }, null),
];

describe('migration 0002-settings', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir('loket-m2-');
    file = join(dir.path, 'ledger.db');
  });
  afterEach(() => dir.remove());

  it('is version 2, named settings', () => {
    expect({ version: settings.version, name: settings.name }).toEqual({ version: 2, name: 'settings' });
  });

  /** Builds a ledger at version 1 by hand (only migration 1) holding V1_EVENTS. */
  function buildVersion1(): void {
    const db = new Sqlite(file);
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      events.up(db);
      db.pragma('user_version = 1');
      db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', ?)`).run(DEVICE);
      const insert = db.prepare(`INSERT INTO events VALUES (@seq, @deviceId, @eventId, @type, @at, @serverAt, @hlc,
        @ticketId, @counterId, @officerId, @leaseEpoch, @data, @hash)`);
      for (const e of V1_EVENTS) insert.run({ ...e, data: JSON.stringify(e.data) });
    })();
    db.close();
  }

  /** Every stored value exactly, with its SQLite type, as SQL literals. */
  function dumpEvents(db: Sqlite.Database): unknown[] {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('events') ORDER BY cid`).all() as { name: string }[]).map((c) => c.name);
    return db.prepare(`SELECT ${cols.map((c) => `quote(${c}) AS ${c}, typeof(${c}) AS ${c}_type`).join(', ')} FROM events ORDER BY seq`).all();
  }

  it('upgrades a version-1 ledger: every event survives byte for byte, settings work, seq continues', () => {
    buildVersion1();
    const raw = new Sqlite(file);
    const before = dumpEvents(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'settings'`).get()).toBeUndefined();
    raw.close();
    expect(before).toHaveLength(V1_EVENTS.length);

    let now = 1_741_600_000_000;
    const ledger = Ledger.open({ file, timeZone: 'Asia/Jakarta', now: () => now });
    try {
      expect(ledger.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(dumpEvents(ledger.db)).toEqual(before);
      expect(ledger.eventsAfter(0, 100)).toEqual(V1_EVENTS);
      expect(ledger.deviceId).toBe(DEVICE);

      expect(ledger.getSetting('hall.config')).toBeNull();
      ledger.setSetting('hall.config', '{"hall":{"name":"MPP Kota"}}');
      expect(ledger.getSetting('hall.config')).toBe('{"hall":{"name":"MPP Kota"}}');
      now += 5_000;
      ledger.setSetting('hall.config', '{"hall":{"name":"MPP Kota Bogor"}}');
      expect(ledger.db.prepare(`SELECT value, updated_at AS updatedAt FROM settings WHERE key = 'hall.config'`).get()).toEqual({
        value: '{"hall":{"name":"MPP Kota Bogor"}}',
        updatedAt: now,
      });

      const next = ledger.append({ type: 'counter.resumed', ticketId: null, counterId: 'loket-07', officerId: 'petugas-1', leaseEpoch: null, data: {} });
      expect(next.seq).toBe(5);
      expect(next.hlc > (V1_EVENTS.at(-1)?.hlc ?? '')).toBe(true);
    } finally {
      ledger.close();
    }
  });

  it('creates the settings table with a text key, text value and update time', () => {
    const db = new Sqlite(':memory:');
    events.up(db);
    settings.up(db);
    expect(db.prepare(`SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info('settings') ORDER BY cid`).all()).toEqual([
      { name: 'key', type: 'TEXT', not_null: 0, pk: 1 },
      { name: 'value', type: 'TEXT', not_null: 1, pk: 0 },
      { name: 'updated_at', type: 'INTEGER', not_null: 1, pk: 0 },
    ]);
    expect(() => db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', NULL, 1)`).run()).toThrow(/NOT NULL/);
    db.close();
  });
});
