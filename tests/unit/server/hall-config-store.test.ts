import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HallConfigSchema, type HallConfig } from '../../../core/domain.ts';
import { LoketError } from '../../../core/errors.ts';
import { HallNotConfiguredError, hasHallConfig, loadHallConfig, saveHallConfig } from '../../../server/store/hall-config-store.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { hallConfig } from './fixtures.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;
beforeEach(() => {
  dir = makeTempDir('loket-config-');
  db = openHallStore(join(dir.path, 'hall.sqlite'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const clone = (c: HallConfig): HallConfig => structuredClone(c);

function refusal(fn: () => unknown): LoketError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoketError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('hall configuration', () => {
  it('is absent before the first save', () => {
    expect(hasHallConfig(db)).toBe(false);
    expect(() => loadHallConfig(db)).toThrow(HallNotConfiguredError);
    expect(refusal(() => loadHallConfig(db)).code).toBe('hall_not_configured');
  });

  it('round-trips: services with quota, opening hours and requirements; counters with services and weights in order; the queue policy', () => {
    const config = hallConfig({ mode: 'ratio', normalPerPriority: 3, agingMinutes: 45 }, {
      pkb: { dailyQuota: 200, openingHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '14:30' } },
    });
    const first = config.counters[0];
    if (first) first.services.reverse(); // kk before ktp: order is kept
    saveHallConfig(db, config);
    expect(hasHallConfig(db)).toBe(true);
    expect(loadHallConfig(db)).toEqual(HallConfigSchema.parse(config));
  });

  it('round-trips the demo hall the counter app starts with', () => {
    const file = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'demo', 'starter-hall.json');
    const starter = HallConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    saveHallConfig(db, starter);
    expect(loadHallConfig(db)).toEqual(starter);
  });

  it('saving again updates in place: names, weights, prefixes swapped between services, counter numbers swapped', () => {
    saveHallConfig(db, hallConfig());
    const next = clone(hallConfig());
    next.hall.name = 'MPP Lebong (baru)';
    const [ktp, kk] = next.services;
    if (!ktp || !kk) throw new Error('fixture changed');
    [ktp.prefix, kk.prefix] = [kk.prefix, ktp.prefix];
    ktp.name = 'KTP-el';
    const [c1, c2] = next.counters;
    if (!c1 || !c2) throw new Error('fixture changed');
    [c1.number, c2.number] = [c2.number, c1.number];
    c1.services = [{ serviceId: 'kk', weight: 3 }];
    saveHallConfig(db, next);
    const loaded = loadHallConfig(db);
    expect(loaded.hall.name).toBe('MPP Lebong (baru)');
    expect(loaded.services.map((s) => [s.id, s.prefix, s.name])).toEqual([
      ['ktp', 'B', 'KTP-el'],
      ['kk', 'A', 'Kartu Keluarga'],
      ['pkb', '4K', 'Pajak Kendaraan'],
    ]);
    expect(loaded.counters.map((c) => [c.id, c.number])).toEqual([
      ['loket-2', 1],
      ['loket-1', 2],
      ['loket-3', 3],
      ['loket-4', 4],
      ['loket-5', 5],
    ]);
    expect(loaded.counters.find((c) => c.id === 'loket-1')?.services).toEqual([{ serviceId: 'kk', weight: 3 }]);
  });

  it('retires services no longer listed (their prefix becomes free) and keeps unlisted counters and agencies', () => {
    saveHallConfig(db, hallConfig());
    const next = clone(hallConfig());
    next.services = next.services.filter((s) => s.id !== 'kk');
    next.services.push({ id: 'kia', agencyId: 'disdukcapil', name: 'Kartu Identitas Anak', prefix: 'B', requirements: '', targetWaitMinutes: 15, targetServiceMinutes: 5, dailyQuota: null });
    next.counters = next.counters
      .filter((c) => c.id !== 'loket-5')
      .map((c) => ({ ...c, services: c.services.map((s) => (s.serviceId === 'kk' ? { ...s, serviceId: 'kia' } : s)) }));
    saveHallConfig(db, next);
    const loaded = loadHallConfig(db);
    expect(loaded.services.map((s) => s.id)).toEqual(['ktp', 'pkb', 'kia']);
    expect(db.prepare(`SELECT active FROM services WHERE id = 'kk'`).pluck().get()).toBe(0);
    // loket-5 is not listed: kept, without the retired service.
    expect(loaded.counters.find((c) => c.id === 'loket-5')?.services).toEqual([{ serviceId: 'ktp', weight: 1 }]);
    // Listing the retired service again brings it back (and retires the one that took its prefix).
    saveHallConfig(db, hallConfig());
    expect(loadHallConfig(db).services.map((s) => [s.id, s.prefix])).toEqual([
      ['ktp', 'A'],
      ['kk', 'B'],
      ['pkb', '4K'],
    ]);
  });

  it('moves the hall to a new id when the configuration names another hall', () => {
    saveHallConfig(db, hallConfig());
    const other = clone(hallConfig());
    other.hall.id = 'mpp-bengkulu';
    saveHallConfig(db, other);
    expect(db.prepare('SELECT id FROM hall').pluck().all()).toEqual(['mpp-bengkulu']);
  });

  it.each([
    ['a service of an unlisted agency', (c: HallConfig) => void ((c.services[0] as HallConfig['services'][number]).agencyId = 'bpjs'), 'services.0.agencyId'],
    ['a counter of an unlisted agency', (c: HallConfig) => void ((c.counters[1] as HallConfig['counters'][number]).agencyId = 'bpjs'), 'counters.1.agencyId'],
    ['a counter serving an unlisted service', (c: HallConfig) => void (c.counters[2] as HallConfig['counters'][number]).services.push({ serviceId: 'paspor', weight: 1 }), 'counters.2.services.1.serviceId'],
    ['two services with one prefix', (c: HallConfig) => void ((c.services[1] as HallConfig['services'][number]).prefix = 'A'), 'services.1'],
    ['two counters with one number', (c: HallConfig) => void ((c.counters[1] as HallConfig['counters'][number]).number = 1), 'counters.1'],
    ['one service twice at a counter', (c: HallConfig) => void (c.counters[1] as HallConfig['counters'][number]).services.push({ serviceId: 'ktp', weight: 2 }), 'counters.1.services.1'],
  ])('refuses %s, naming the field, and saves nothing', (_what, spoil, field) => {
    saveHallConfig(db, hallConfig());
    const before = loadHallConfig(db);
    const bad = clone(hallConfig());
    bad.hall.name = 'should not be saved';
    spoil(bad);
    expect(refusal(() => saveHallConfig(db, bad))).toMatchObject({ code: 'invalid_request', field });
    expect(loadHallConfig(db)).toEqual(before);
  });

  it('refuses a counter number that belongs to an unlisted counter', () => {
    saveHallConfig(db, hallConfig());
    const next = clone(hallConfig());
    next.counters = next.counters.filter((c) => c.id !== 'loket-5');
    next.counters.push({ id: 'loket-baru', number: 5, agencyId: 'samsat', services: [] });
    expect(refusal(() => saveHallConfig(db, next))).toMatchObject({ code: 'invalid_request', field: 'counters.4.number' });
  });
});
