import { WalkInBlockSchema } from '../../core/sync-api.ts';
import type { HallLink } from './hall-link.ts';
import { WALKIN_LOW_WATER, type WalkInNumbers } from './walkin-numbers.ts';

/**
 * Leases another block of walk-in numbers when today's run low and the hall server is reachable,
 * so that numbers are in hand before the network fails (DESIGN.md §5).
 */
export async function leaseWalkInsIfLow(deps: { link: HallLink; numbers: WalkInNumbers; day: string; counterId: string }): Promise<void> {
  const { link, numbers, day } = deps;
  if (!link.enrolled || !link.online || numbers.left(day) >= WALKIN_LOW_WATER) return;
  const block = await link.request('device', 'POST', `/counters/${encodeURIComponent(deps.counterId)}/walkin-blocks`, WalkInBlockSchema, {});
  if (block) {
    numbers.add(block);
    link.changed();
  }
}
