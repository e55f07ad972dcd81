import { OpeningHoursSchema, QueuePolicySchema, type OpeningHours, type QueuePolicy } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { HallNotConfiguredError } from '../store/hall-config-store.ts';
import type { QueueTx } from './context.ts';

/** The parts of the hall configuration the queue reads, fresh in each transaction. */
export interface HallSettings {
  timeZone: string;
  policy: QueuePolicy;
}

export function hallSettings(tx: QueueTx): HallSettings {
  const row = tx.sql('SELECT time_zone, queue_policy FROM hall LIMIT 1').get() as
    | { time_zone: string; queue_policy: string }
    | undefined;
  if (row === undefined) throw new HallNotConfiguredError();
  // Read in every transaction, parsed only when the stored text changes.
  const policy = tx.parsed.get('queue_policy', row.queue_policy, (text) => QueuePolicySchema.parse(JSON.parse(text)));
  return { timeZone: row.time_zone, policy: { ...policy } };
}

export interface ServiceInfo {
  id: string;
  agencyId: string;
  name: string;
  agencyName: string;
  prefix: string;
  dailyQuota: number | null;
  openingHours: OpeningHours | null;
}

interface ServiceRow {
  id: string;
  agency_id: string;
  name: string;
  agency_name: string;
  prefix: string;
  daily_quota: number | null;
  opening_hours: string | null;
  active: number;
}

function findService(tx: QueueTx, serviceId: string): (ServiceInfo & { active: boolean }) | undefined {
  const row = tx
    .sql(
      `SELECT s.id, s.agency_id, s.name, a.name AS agency_name, s.prefix, s.daily_quota, s.opening_hours, s.active
       FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.id = ?`,
    )
    .get(serviceId) as ServiceRow | undefined;
  if (row === undefined) return undefined;
  return {
    id: row.id,
    agencyId: row.agency_id,
    name: row.name,
    agencyName: row.agency_name,
    prefix: row.prefix,
    dailyQuota: row.daily_quota,
    openingHours: row.opening_hours === null ? null : OpeningHoursSchema.parse(JSON.parse(row.opening_hours)),
    active: row.active === 1,
  };
}

/** A service of this hall (retired ones included: their tickets still exist). */
export function serviceInfo(tx: QueueTx, serviceId: string): ServiceInfo {
  const s = findService(tx, serviceId);
  if (s === undefined) throw new Error(`service ${serviceId} of a stored ticket is missing from the hall database`);
  return s;
}

/** A service in use, or `unknown_service` naming the field it came from. */
export function activeService(tx: QueueTx, serviceId: string, field: string): ServiceInfo {
  const s = findService(tx, serviceId);
  if (s === undefined || !s.active) {
    throw new LoketError('unknown_service', `This hall has no service "${serviceId}" in use. Reload the configuration and choose a listed service.`, field);
  }
  return s;
}

export interface CounterInfo {
  id: string;
  number: number;
  agencyId: string;
}

/** A counter of this hall, or `unknown_counter` naming the field it came from. */
export function requireCounter(tx: QueueTx, counterId: string, field = 'counterId'): CounterInfo {
  const row = tx.sql('SELECT id, number, agency_id FROM counters WHERE id = ?').get(counterId) as
    | { id: string; number: number; agency_id: string }
    | undefined;
  if (row === undefined) throw unknownCounter(counterId, field);
  return { id: row.id, number: row.number, agencyId: row.agency_id };
}

export function unknownCounter(counterId: string, field = 'counterId'): LoketError {
  return new LoketError('unknown_counter', `This hall has no counter "${counterId}". Reload the configuration and choose a listed counter.`, field);
}

/** The services configured for a counter that are in use, with their weights. */
export function configuredWeights(tx: QueueTx, counterId: string): Record<string, number> {
  const rows = tx
    .sql(
      `SELECT cs.service_id, cs.weight FROM counter_services cs
       JOIN services s ON s.id = cs.service_id AND s.active = 1
       WHERE cs.counter_id = ? ORDER BY cs.rowid`,
    )
    .raw(true)
    .all(counterId) as [serviceId: string, weight: number][];
  return Object.fromEntries(rows);
}
