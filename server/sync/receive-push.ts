import { LoketError } from '../../core/errors.ts';
import type { SyncCursorResponse, SyncPushResponse, SyncRejection } from '../../core/sync-api.ts';
import type { DevicePrincipal } from '../auth/principal.ts';
import type { QueueTx } from '../queue/context.ts';
import { applyEvent } from './apply-event.ts';
import * as store from './sync-store.ts';
import type { PushedEvent } from './validate-push.ts';

/**
 * A push this size or smaller, with nothing older waiting, is applied to the live queue in the
 * same transaction that stores it: an officer's action shows on the board at once. A larger
 * backlog is acknowledged as soon as it is stored and applied by the background applier.
 */
export const INLINE_APPLY_MAX = 100;

/**
 * The ledger's row, bound to this PC. A ledger never seen is bound at its first push; one bound to
 * another enrolled PC is refused (a forged or copied device id): nothing is stored.
 */
function ledgerFor(tx: QueueTx, ledgerId: string, device: DevicePrincipal): store.LedgerRow {
  const row = store.ledgerRow(tx, ledgerId);
  if (row === undefined) return store.bindLedger(tx, ledgerId, device.deviceId);
  if (row.device_id !== device.deviceId) {
    throw new LoketError(
      'wrong_device',
      `Ledger ${ledgerId} belongs to another enrolled PC; this PC may not push it. Re-enroll this PC (technician screen) if it replaced that one.`,
      'deviceId',
    );
  }
  return row;
}

/** What a stored event's outcome tells the counter, if it was not applied. */
export function rejectionOf(seq: number, stored: { outcome: string | null; problem: string | null }): SyncRejection | null {
  if (stored.outcome === 'stale') return { seq, code: 'stale_lease', message: stored.problem ?? 'The lease of this event was no longer the ticket’s.' };
  if (stored.outcome === 'refused') return { seq, code: 'refused', message: stored.problem ?? 'The hall queue refused this event.' };
  return null;
}

/** Applies the ledger's stored events after `applied_through`, up to `limit` of them, in seq order. */
export function applyStored(tx: QueueTx, ledger: store.LedgerRow, limit: number, rejected: SyncRejection[] = []): number {
  const last = Math.min(ledger.acked_through, ledger.applied_through + limit);
  let seq = ledger.applied_through;
  for (const e of store.storedEvents(tx, ledger.ledger_id, seq, last)) {
    if (e.seq !== seq + 1) throw new Error(`ledger ${ledger.ledger_id}: event ${seq + 1} is acknowledged but not stored`);
    seq = e.seq;
    const result = applyEvent(tx, e);
    if (result.outcome === 'applied') {
      store.setOutcome(tx, ledger.ledger_id, e.seq, { outcome: 'applied', problem: null });
      continue;
    }
    store.setOutcome(tx, ledger.ledger_id, e.seq, { outcome: result.outcome, problem: `${result.code}: ${result.problem}` });
    rejected.push({ seq: e.seq, code: result.outcome === 'stale' ? 'stale_lease' : 'refused', message: result.problem });
    if (result.outcome === 'stale') {
      store.raiseAlarm(tx, { kind: 'stale_event', ledgerId: ledger.ledger_id, deviceId: ledger.device_id, counterId: e.counterId, seq: e.seq, detail: { type: e.type, ticketId: e.ticketId, problem: result.problem } });
    }
  }
  if (seq !== ledger.applied_through) store.setAppliedThrough(tx, ledger.ledger_id, seq);
  return seq - ledger.applied_through;
}

/**
 * Stores a validated push once (DESIGN.md §5): insert-or-ignore on (ledger, seq); the same key
 * with another hash is not stored and raises an alarm. Answers the highest seq stored without a
 * gap (`ackedThrough`) and what was not applied, including for events pushed before (a retry after
 * a lost answer learns the same). Small pushes are applied at once; `backlog` says the applier has
 * work.
 */
export function receivePush(
  tx: QueueTx,
  device: DevicePrincipal,
  ledgerId: string,
  events: readonly PushedEvent[],
): { answer: SyncPushResponse; backlog: boolean } {
  const ledger = ledgerFor(tx, ledgerId, device);
  const rejected: SyncRejection[] = [];
  const first = events[0]?.seq ?? 0;
  const existing = store.storedHashes(tx, ledgerId, first, events.at(-1)?.seq ?? 0);
  const added = new Set<number>();
  for (const e of events) {
    const stored = existing.get(e.seq);
    if (stored === undefined) {
      store.insertEvent(tx, e);
      added.add(e.seq);
      continue;
    }
    if (stored.hash !== e.hash) {
      store.raiseAlarm(tx, {
        kind: 'hash_conflict',
        ledgerId,
        deviceId: device.deviceId,
        counterId: e.counterId,
        seq: e.seq,
        // The event the server could not store, in full, so that no record is lost.
        detail: { storedHash: stored.hash, event: { ...e, data: JSON.parse(e.dataText) as unknown, dataText: undefined } },
      });
      rejected.push({ seq: e.seq, code: 'hash_conflict', message: `The hall server already holds another event as number ${e.seq} of this ledger. A supervisor has been alerted.` });
      continue;
    }
    const already = rejectionOf(e.seq, stored);
    if (already) rejected.push(already);
  }

  let acked = ledger.acked_through;
  while (added.has(acked + 1)) acked += 1;
  // Events stored by earlier pushes beyond a gap this push filled.
  if (store.hasStoredAfter(tx, ledgerId, acked)) {
    while (store.isStored(tx, ledgerId, acked + 1)) acked += 1;
  }
  if (acked !== ledger.acked_through) store.setAckedThrough(tx, ledgerId, acked);
  const now = { ...ledger, acked_through: acked };
  const waiting = acked - ledger.applied_through;
  if (waiting > 0 && waiting <= INLINE_APPLY_MAX) applyStored(tx, now, waiting, rejected);
  return { answer: { ackedThrough: acked, rejected, serverTime: tx.at }, backlog: waiting > INLINE_APPLY_MAX };
}

/**
 * Where the server stands with a ledger, asked by the counter on every reconnect. A client whose
 * last seq is below what the server acknowledged was restored from an old copy: it continues above
 * the server's seq, and supervisors get an alarm.
 */
export function syncCursor(tx: QueueTx, device: DevicePrincipal, ledgerId: string, clientLastSeq: number): SyncCursorResponse {
  const ledger = ledgerFor(tx, ledgerId, device);
  if (clientLastSeq < ledger.acked_through) {
    store.raiseAlarm(tx, {
      kind: 'restored_copy',
      ledgerId,
      deviceId: device.deviceId,
      counterId: device.counterId,
      seq: clientLastSeq,
      detail: { clientLastSeq, serverAckedThrough: ledger.acked_through },
    });
  }
  return { ackedThrough: ledger.acked_through, serverTime: tx.at };
}
