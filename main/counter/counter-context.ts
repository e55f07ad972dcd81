import { DEFAULT_RECALLS_BEFORE_NO_SHOW, HallConfigSchema, type HallConfig } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import type { CounterContext } from '../../core/ipc.ts';

/** What this counter serves, derived from the hall's configuration and the counter this PC is for. */
export function counterContextFrom(config: HallConfig, counterId: string, deviceId: string): CounterContext {
  const hallConfig = HallConfigSchema.parse(config);
  const counter = hallConfig.counters.find((c) => c.id === counterId);
  if (!counter) {
    throw new LoketError(
      'unknown_counter',
      `This PC is set up for counter "${counterId}", which the hall configuration does not have. Ask the technician to enroll the PC again.`,
      'counterId',
    );
  }
  const served = new Set(counter.services.map((s) => s.serviceId));
  return {
    deviceId,
    hallName: hallConfig.hall.name,
    timeZone: hallConfig.hall.timeZone,
    counter: { id: counter.id, number: counter.number },
    services: hallConfig.services.filter((s) => served.has(s.id)),
    recallsBeforeNoShow: hallConfig.hall.queuePolicy.recallsBeforeNoShow ?? DEFAULT_RECALLS_BEFORE_NO_SHOW,
    otherCounters: hallConfig.counters
      .filter((c) => c.id !== counter.id)
      .sort((a, b) => a.number - b.number)
      .map((c) => ({ id: c.id, number: c.number, agencyName: hallConfig.agencies.find((a) => a.id === c.agencyId)?.shortName ?? c.agencyId })),
  };
}
