import { serviceDay } from '../../core/service-day.ts';
import { WALKIN_BLOCK_SIZE, walkInPrefix, type WalkInBlock } from '../../core/sync-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings, requireCounter } from '../queue/hall.ts';

/**
 * Leases the counter its next block of walk-in numbers for today (`L3-051`…`L3-100`): numbers it
 * may give while offline. Blocks of one counter and day never overlap, whichever PC asks.
 */
export function leaseWalkInBlock(tx: QueueTx, counterId: string, deviceId: string | null): WalkInBlock {
  const counter = requireCounter(tx, counterId);
  const day = serviceDay(tx.at, hallSettings(tx).timeZone);
  const last = tx.sql('SELECT MAX(last_no) AS last FROM walkin_blocks WHERE counter_id = ? AND service_day = ?').get(counterId, day) as {
    last: number | null;
  };
  const first = (last.last ?? 0) + 1;
  const block: WalkInBlock = { serviceDay: day, prefix: walkInPrefix(counter.number), first, last: first + WALKIN_BLOCK_SIZE - 1 };
  tx.sql('INSERT INTO walkin_blocks (counter_id, service_day, first_no, last_no, leased_at, device_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    counterId,
    day,
    block.first,
    block.last,
    tx.at,
    deviceId,
  );
  return block;
}
