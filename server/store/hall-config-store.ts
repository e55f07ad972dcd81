import type { Database } from 'better-sqlite3';
import {
  HallConfigSchema,
  OpeningHoursSchema,
  QueuePolicySchema,
  type Agency,
  type Counter,
  type HallConfig,
  type Service,
} from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';

/**
 * The hall's configuration (core/domain.ts `HallConfig`) in the hall database: read for
 * `GET /config` and the queue authority, written by seeding and (later) the admin screens.
 */

interface HallRow {
  id: string;
  name: string;
  time_zone: string;
  queue_policy: string;
}
interface AgencyRow {
  id: string;
  name: string;
  short_name: string;
  color: string | null;
}
interface ServiceRow {
  id: string;
  agency_id: string;
  name: string;
  prefix: string;
  requirements: string;
  cost: string | null;
  time_standard: string | null;
  legal_basis: string | null;
  target_wait_minutes: number;
  target_service_minutes: number;
  daily_quota: number | null;
  opening_hours: string | null;
}
interface CounterRow {
  id: string;
  number: number;
  agency_id: string;
}
interface CounterServiceRow {
  counter_id: string;
  service_id: string;
  weight: number;
}

/** The hall has not been set up: nothing to load yet. */
export class HallNotConfiguredError extends LoketError {
  constructor() {
    super(
      'hall_not_configured',
      'This hall server has no hall configuration yet. Seed it (loket-server seed <hall.json>) or set the hall up in the admin dashboard, then try again.',
    );
    this.name = 'HallNotConfiguredError';
  }
}

/** Whether the hall has been configured (its one `hall` row exists). */
export function hasHallConfig(db: Database): boolean {
  return db.prepare('SELECT 1 FROM hall LIMIT 1').get() !== undefined;
}

/**
 * The hall's configuration: the hall with its queue policy, every agency, the services in use
 * (retired ones are left out), and every counter with the services it serves and their weights,
 * in the order they were configured (counters by number). Throws HallNotConfiguredError before
 * the first `saveHallConfig`.
 */
export function loadHallConfig(db: Database): HallConfig {
  const read = db.transaction(() => {
    const hall = db.prepare('SELECT id, name, time_zone, queue_policy FROM hall LIMIT 1').get() as HallRow | undefined;
    if (hall === undefined) throw new HallNotConfiguredError();
    const agencies = db.prepare('SELECT id, name, short_name, color FROM agencies ORDER BY rowid').all() as AgencyRow[];
    const services = db
      .prepare(
        `SELECT id, agency_id, name, prefix, requirements, cost, time_standard, legal_basis, target_wait_minutes,
                target_service_minutes, daily_quota, opening_hours
         FROM services WHERE active = 1 ORDER BY rowid`,
      )
      .all() as ServiceRow[];
    const counters = db.prepare('SELECT id, number, agency_id FROM counters ORDER BY number').all() as CounterRow[];
    const links = db
      .prepare(
        `SELECT cs.counter_id, cs.service_id, cs.weight FROM counter_services cs
         JOIN services s ON s.id = cs.service_id AND s.active = 1
         ORDER BY cs.rowid`,
      )
      .all() as CounterServiceRow[];
    return { hall, agencies, services, counters, links };
  });
  const { hall, agencies, services, counters, links } = read.deferred();

  const servicesOf = new Map<string, Counter['services']>();
  for (const l of links) {
    const list = servicesOf.get(l.counter_id) ?? [];
    list.push({ serviceId: l.service_id, weight: l.weight });
    servicesOf.set(l.counter_id, list);
  }
  return HallConfigSchema.parse({
    hall: {
      id: hall.id,
      name: hall.name,
      timeZone: hall.time_zone,
      queuePolicy: QueuePolicySchema.parse(JSON.parse(hall.queue_policy)),
    },
    agencies: agencies.map(
      (a): Agency => ({ id: a.id, name: a.name, shortName: a.short_name, ...(a.color === null ? {} : { color: a.color }) }),
    ),
    services: services.map(
      (s): Service => ({
        id: s.id,
        agencyId: s.agency_id,
        name: s.name,
        prefix: s.prefix,
        requirements: s.requirements,
        ...(s.cost === null ? {} : { cost: s.cost }),
        ...(s.time_standard === null ? {} : { timeStandard: s.time_standard }),
        ...(s.legal_basis === null ? {} : { legalBasis: s.legal_basis }),
        targetWaitMinutes: s.target_wait_minutes,
        targetServiceMinutes: s.target_service_minutes,
        dailyQuota: s.daily_quota,
        ...(s.opening_hours === null ? {} : { openingHours: OpeningHoursSchema.parse(JSON.parse(s.opening_hours)) }),
      }),
    ),
    counters: counters.map((c): Counter => ({ id: c.id, number: c.number, agencyId: c.agency_id, services: servicesOf.get(c.id) ?? [] })),
  });
}

const invalid = (message: string, field: string): LoketError => new LoketError('invalid_request', message, field);

/** Every reference inside the configuration points at something it defines; ids and numbers are unique. */
function checkReferences(config: HallConfig): void {
  const unique = <T>(list: readonly T[], key: (t: T) => string | number, what: string, field: string): void => {
    const seen = new Set<string | number>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) throw invalid(`The hall configuration lists ${what} ${JSON.stringify(k)} twice; give each its own.`, `${field}.${i}`);
      seen.add(k);
    });
  };
  unique(config.agencies, (a) => a.id, 'the agency id', 'agencies');
  unique(config.services, (s) => s.id, 'the service id', 'services');
  unique(config.services, (s) => s.prefix, 'the ticket prefix', 'services');
  unique(config.counters, (c) => c.id, 'the counter id', 'counters');
  unique(config.counters, (c) => c.number, 'the counter number', 'counters');

  const agencyIds = new Set(config.agencies.map((a) => a.id));
  const serviceIds = new Set(config.services.map((s) => s.id));
  config.services.forEach((s, i) => {
    if (!agencyIds.has(s.agencyId)) {
      throw invalid(`Service "${s.id}" belongs to agency "${s.agencyId}", which the configuration does not list.`, `services.${i}.agencyId`);
    }
  });
  config.counters.forEach((c, i) => {
    if (!agencyIds.has(c.agencyId)) {
      throw invalid(`Counter ${c.number} belongs to agency "${c.agencyId}", which the configuration does not list.`, `counters.${i}.agencyId`);
    }
    unique(c.services, (s) => s.serviceId, `for counter ${c.number} the service`, `counters.${i}.services`);
    c.services.forEach((s, j) => {
      if (!serviceIds.has(s.serviceId)) {
        throw invalid(`Counter ${c.number} serves "${s.serviceId}", which the configuration does not list as a service.`, `counters.${i}.services.${j}.serviceId`);
      }
    });
  });
}

/**
 * Writes a whole hall configuration in one transaction (seeding, admin changes): the hall row,
 * agencies, services and counters are inserted or updated by id; each listed counter's services
 * and weights are replaced by the listed ones. Services the configuration no longer lists are
 * retired (`active = 0`), not deleted, because tickets refer to them. Agencies and counters it does
 * not list are left as they are (devices, sessions and tickets refer to them).
 */
export function saveHallConfig(db: Database, input: HallConfig): void {
  const config = HallConfigSchema.parse(input);
  checkReferences(config);
  const listedCounters = new Set(config.counters.map((c) => c.id));

  db.transaction(() => {
    const others = db.prepare('SELECT id, number FROM counters').all() as { id: string; number: number }[];
    for (const other of others) {
      if (listedCounters.has(other.id)) continue;
      const i = config.counters.findIndex((c) => c.number === other.number);
      if (i >= 0) {
        throw invalid(
          `Counter number ${other.number} already belongs to counter "${other.id}", which this configuration does not list; choose another number.`,
          `counters.${i}.number`,
        );
      }
    }

    db.prepare('DELETE FROM hall WHERE id <> ?').run(config.hall.id);
    db.prepare(
      `INSERT INTO hall (id, name, time_zone, queue_policy) VALUES (@id, @name, @timeZone, @queuePolicy)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, queue_policy = excluded.queue_policy`,
    ).run({ ...config.hall, queuePolicy: JSON.stringify(config.hall.queuePolicy) });

    const agency = db.prepare(
      `INSERT INTO agencies (id, name, short_name, color) VALUES (@id, @name, @shortName, @color)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, color = excluded.color`,
    );
    for (const a of config.agencies) agency.run({ id: a.id, name: a.name, shortName: a.shortName, color: a.color ?? null });

    // Retire every service first, so prefixes can move between services within one save.
    db.prepare('UPDATE services SET active = 0').run();
    const service = db.prepare(
      `INSERT INTO services (id, agency_id, name, prefix, requirements, cost, time_standard, legal_basis,
                             target_wait_minutes, target_service_minutes, daily_quota, opening_hours, active)
       VALUES (@id, @agencyId, @name, @prefix, @requirements, @cost, @timeStandard, @legalBasis,
               @targetWaitMinutes, @targetServiceMinutes, @dailyQuota, @openingHours, 1)
       ON CONFLICT (id) DO UPDATE SET
         agency_id = excluded.agency_id, name = excluded.name, prefix = excluded.prefix,
         requirements = excluded.requirements,
         -- Service information a configuration leaves out stays as the admin wrote it.
         cost = COALESCE(excluded.cost, services.cost), time_standard = COALESCE(excluded.time_standard, services.time_standard),
         legal_basis = COALESCE(excluded.legal_basis, services.legal_basis), target_wait_minutes = excluded.target_wait_minutes,
         target_service_minutes = excluded.target_service_minutes, daily_quota = excluded.daily_quota,
         opening_hours = excluded.opening_hours, active = 1`,
    );
    for (const s of config.services) {
      service.run({
        id: s.id,
        agencyId: s.agencyId,
        name: s.name,
        prefix: s.prefix,
        requirements: s.requirements,
        cost: s.cost ?? null,
        timeStandard: s.timeStandard ?? null,
        legalBasis: s.legalBasis ?? null,
        targetWaitMinutes: s.targetWaitMinutes,
        targetServiceMinutes: s.targetServiceMinutes,
        dailyQuota: s.dailyQuota,
        openingHours: s.openingHours === undefined ? null : JSON.stringify(s.openingHours),
      });
    }

    // Move listed counters' numbers out of the way first, so numbers can be swapped within one save.
    const shift = db.prepare('SELECT COALESCE(MAX(number), 0) AS n FROM counters').get() as { n: number };
    const park = db.prepare('UPDATE counters SET number = ? WHERE id = ?');
    config.counters.forEach((c, i) => park.run(shift.n + i + 1, c.id));
    const counter = db.prepare(
      `INSERT INTO counters (id, number, agency_id) VALUES (@id, @number, @agencyId)
       ON CONFLICT (id) DO UPDATE SET number = excluded.number, agency_id = excluded.agency_id`,
    );
    const clearLinks = db.prepare('DELETE FROM counter_services WHERE counter_id = ?');
    const link = db.prepare('INSERT INTO counter_services (counter_id, service_id, weight) VALUES (?, ?, ?)');
    for (const c of config.counters) {
      counter.run({ id: c.id, number: c.number, agencyId: c.agencyId });
      clearLinks.run(c.id);
      for (const s of c.services) link.run(c.id, s.serviceId, s.weight);
    }
  }).immediate();
}
