import type { Agency, Counter, HallConfig, Service } from '../../core/domain.ts';

/** Names of the hall's agencies, services and counters by id, from `GET /config`. */
export interface HallLookup {
  timeZone: string;
  agency(id: string): Agency | undefined;
  service(id: string): Service | undefined;
  counter(id: string): Counter | undefined;
}

export function hallLookup(config: HallConfig): HallLookup {
  const agencies = new Map(config.agencies.map((a) => [a.id, a]));
  const services = new Map(config.services.map((s) => [s.id, s]));
  const counters = new Map(config.counters.map((c) => [c.id, c]));
  return {
    timeZone: config.hall.timeZone,
    agency: (id) => agencies.get(id),
    service: (id) => services.get(id),
    counter: (id) => counters.get(id),
  };
}
