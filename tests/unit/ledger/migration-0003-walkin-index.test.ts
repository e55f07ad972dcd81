import Sqlite from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceDayBounds } from '../../../core/service-day.ts';
import { Ledger } from '../../../main/ledger/ledger.ts';
import events from '../../../main/ledger/migrations/0001-events.ts';
import settings from '../../../main/ledger/migrations/0002-settings.ts';
import walkinIndex from '../../../main/ledger/migrations/0003-walkin-index.ts';
import { walkInNumbersOnDay, walkInsOnDay } from '../../../main/ledger/queries.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const ZONE = 'Asia/Jakarta';
const DAY = '2025-03-10';
const COUNTER = 'loket-3';

describe('migration 0003-walkin-index', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir('loket-m3-');
    file = join(dir.path, 'ledger.db');
  });
  afterEach(() => dir.remove());

  it('is version 3, named walkin-index', () => {
    expect({ version: walkinIndex.version, name: walkinIndex.name }).toEqual({ version: 3, name: 'walkin-index' });
  });

  it('upgrades a version-2 ledger: its walk-ins of the day are still counted and numbered, through the new index', () => {
    // A version-2 ledger of a day: walk-ins among many called visitors, written by the app of then.
    const old = Ledger.open({ file, timeZone: ZONE, now: () => serviceDayBounds(DAY, ZONE).start + 8 * 3_600_000 });
    old.db.exec('DROP INDEX events_walkin');
    old.db.pragma('user_version = 2');
    for (let i = 1; i <= 30; i++) {
      const ticketId = randomUUID();
      const base = { ticketId, counterId: COUNTER, officerId: 'petugas-1', leaseEpoch: null };
      if (i % 10 === 0) old.append({ ...base, type: 'walkin.served', data: { serviceId: 'kk', number: `L3-00${i / 10}` } });
      else old.append({ ...base, type: 'ticket.called', leaseEpoch: 1, data: { serviceId: 'kk', number: `A-0${i}` } });
    }
    old.close();
    const raw = new Sqlite(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    raw.close();

    const ledger = Ledger.open({ file, timeZone: ZONE });
    try {
      expect(ledger.db.pragma('user_version', { simple: true })).toBe(3);
      expect(walkInsOnDay(ledger, DAY, COUNTER)).toBe(3);
      expect(walkInNumbersOnDay(ledger, DAY, COUNTER)).toEqual(['L3-001', 'L3-002', 'L3-003']);
      expect(walkInNumbersOnDay(ledger, DAY, 'loket-4')).toEqual([]);
      // Only the walk-ins are read, however full the day: the plan searches the new index.
      const plan = ledger.db
        .prepare(`EXPLAIN QUERY PLAN SELECT data FROM events INDEXED BY events_walkin WHERE type = 'walkin.served' AND counter_id = ? AND server_at >= ? AND server_at < ?`)
        .all(COUNTER, 0, 1) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH events USING INDEX events_walkin \(counter_id=\? AND server_at>\? AND server_at<\?\)/);
    } finally {
      ledger.close();
    }
  });

  it('indexes only walk-ins: other events are not in it', () => {
    const db = new Sqlite(':memory:');
    events.up(db);
    settings.up(db);
    walkinIndex.up(db);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'events_walkin'`).pluck().get()).toMatch(/WHERE type = 'walkin\.served'/);
    db.close();
  });
});
