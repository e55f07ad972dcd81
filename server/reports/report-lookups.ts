import type { Database } from 'better-sqlite3';
import { LoketError } from '../../core/errors.ts';
import type { ReportGroupBy, ReportQuery } from '../../core/reports-api.ts';
import { HallNotConfiguredError } from '../store/hall-config-store.ts';

/**
 * What a report needs to know about the hall besides the figures: its zone, each service's agency
 * and target wait, each counter's agency and number, names for the rows, and the order rows come in.
 */
export interface ReportLookups {
  hallName: string;
  timeZone: string;
  services: Map<string, { name: string; agencyId: string; targetWaitMinutes: number; order: number }>;
  counters: Map<string, { number: number; agencyId: string }>;
  agencies: Map<string, { shortName: string; order: number }>;
  officers: Map<string, string>;
}

export function loadLookups(db: Database): ReportLookups {
  const hall = db.prepare('SELECT name, time_zone FROM hall LIMIT 1').get() as { name: string; time_zone: string } | undefined;
  if (hall === undefined) throw new HallNotConfiguredError();
  const services = db
    .prepare('SELECT s.id, s.name, s.agency_id, s.target_wait_minutes, s.rowid AS ord FROM services s ORDER BY s.rowid')
    .all() as { id: string; name: string; agency_id: string; target_wait_minutes: number; ord: number }[];
  const counters = db.prepare('SELECT id, number, agency_id FROM counters').all() as { id: string; number: number; agency_id: string }[];
  const agencies = db.prepare('SELECT id, short_name, rowid AS ord FROM agencies').all() as { id: string; short_name: string; ord: number }[];
  const users = db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[];
  return {
    hallName: hall.name,
    timeZone: hall.time_zone,
    services: new Map(services.map((s) => [s.id, { name: s.name, agencyId: s.agency_id, targetWaitMinutes: s.target_wait_minutes, order: s.ord }])),
    counters: new Map(counters.map((c) => [c.id, { number: c.number, agencyId: c.agency_id }])),
    agencies: new Map(agencies.map((a) => [a.id, { shortName: a.short_name, order: a.ord }])),
    officers: new Map(users.map((u) => [u.id, u.name])),
  };
}

/** Refuses filters naming nothing this hall has, with what to do. */
export function checkFilters(lookups: ReportLookups, q: Pick<ReportQuery, 'agencyId' | 'serviceId'>): void {
  if (q.agencyId !== undefined && !lookups.agencies.has(q.agencyId)) {
    throw new LoketError('not_found', `This hall has no agency "${q.agencyId}". Choose one of: ${[...lookups.agencies.keys()].join(', ')}.`, 'agencyId');
  }
  if (q.serviceId !== undefined) {
    const service = lookups.services.get(q.serviceId);
    if (service === undefined) {
      throw new LoketError('unknown_service', `This hall has no service "${q.serviceId}". Choose a service from the hall configuration.`, 'serviceId');
    }
    if (q.agencyId !== undefined && service.agencyId !== q.agencyId) {
      throw new LoketError('invalid_request', `Service "${q.serviceId}" belongs to agency "${service.agencyId}", not "${q.agencyId}". Drop one of the two filters or choose a matching pair.`, 'serviceId');
    }
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The row's name as the table shows it. */
export function labelOf(lookups: ReportLookups, groupBy: ReportGroupBy, key: string): string {
  switch (groupBy) {
    case 'counter': {
      const c = lookups.counters.get(key);
      return c === undefined ? key : `Loket ${c.number}`;
    }
    case 'officer':
      return key === '' ? '(tanpa petugas)' : (lookups.officers.get(key) ?? key);
    case 'service':
      return lookups.services.get(key)?.name ?? key;
    case 'agency':
      return lookups.agencies.get(key)?.shortName ?? key;
    case 'day':
      return key;
    case 'hour': {
      const h = Number(key);
      return `${pad(h)}:00–${pad((h + 1) % 24)}:00`;
    }
  }
}

/** Rows in the order the table lists them: counters by number, services and agencies as configured, days and hours in time order. */
export function compareKeys(lookups: ReportLookups, groupBy: ReportGroupBy): (a: string, b: string) => number {
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  switch (groupBy) {
    case 'counter':
      return (a, b) => (lookups.counters.get(a)?.number ?? Infinity) - (lookups.counters.get(b)?.number ?? Infinity) || byText(a, b);
    case 'officer':
      return (a, b) => byText(labelOf(lookups, 'officer', a), labelOf(lookups, 'officer', b)) || byText(a, b);
    case 'service':
      return (a, b) => (lookups.services.get(a)?.order ?? Infinity) - (lookups.services.get(b)?.order ?? Infinity) || byText(a, b);
    case 'agency':
      return (a, b) => (lookups.agencies.get(a)?.order ?? Infinity) - (lookups.agencies.get(b)?.order ?? Infinity) || byText(a, b);
    case 'day':
      return byText;
    case 'hour':
      return (a, b) => Number(a) - Number(b);
  }
}
