import type { CounterState } from '../../core/api.ts';
import type { HallConfig } from '../../core/domain.ts';
import type { StreamTicket } from '../../core/stream.ts';

/** The services a counter serves now (open), or may serve (configured). */
function relevantServices(counterId: string, counter: CounterState | null, config: HallConfig | null): Set<string> {
  if (counter && counter.status !== 'closed') return new Set(counter.serviceIds);
  const configured = config?.counters.find((c) => c.id === counterId)?.services ?? [];
  return new Set(configured.map((s) => s.serviceId));
}

/** Whether a ticket change on the live feed may change what this counter's queue shows. */
export function concernsCounter(
  ticket: StreamTicket,
  event: string,
  here: { counterId: string | undefined; counter: CounterState | null; config: HallConfig | null },
): boolean {
  if (!here.counterId) return false;
  // The feed does not say which counter a transfer targets: any transfer may bring one here.
  if (event === 'transferred' || ticket.counterId === here.counterId) return true;
  return relevantServices(here.counterId, here.counter, here.config).has(ticket.serviceId);
}
