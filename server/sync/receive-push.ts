import { LoketError } from '../../core/errors.ts';
import type { SyncCursorResponse, SyncPushResponse, SyncRejection } from '../../core/sync-api.ts';
import type { DevicePrincipal } from '../auth/principal.ts';
import type { QueueTx } from '../queue/context.ts';
import { applyEvent } from './apply-event.ts';
import * as store from './sync-store.ts';
import type { IncomingEvent } from './validate-push.ts';

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

function rejection(seq: number, stored: store.StoredOutcome): SyncRejection | null {
  if (stored.outcome === 'stale') return { seq, code: 'stale_lease', message: stored.problem ?? 'The lease of this event was no longer the ticket’s.' };
  if (stored.outcome === 'refused') return { seq, code: 'refused', message: stored.problem ?? 'The hall queue refused this event.' };
  return null;
}

/**
 * Stores a validated push once and applies it to the live queue, in one transaction (DESIGN.md §5):
 * insert-or-ignore on (ledger, seq); the same key with another hash is not stored and raises an
 * alarm; then every stored event from the acknowledged point on is applied in seq order, as far as
 * there is no gap. Answers the highest seq stored without a gap and what was not applied, including
 * for events pushed before (a retry after a lost answer learns the same).
 */
export function receivePush(tx: QueueTx, device: DevicePrincipal, ledgerId: string, events: readonly IncomingEvent[]): SyncPushResponse {
  const ledger = ledgerFor(tx, ledgerId, device);
  const rejected: SyncRejection[] = [];
  let acked = ledger.acked_through;

  /** Applies an event that is next in line and records what it did. */
  const apply = (e: IncomingEvent): store.ApplyRecord => {
    const result = applyEvent(tx, e);
    acked = e.seq;
    if (result.outcome === 'applied') return { outcome: 'applied', problem: null };
    rejected.push({ seq: e.seq, code: result.outcome === 'stale' ? 'stale_lease' : 'refused', message: result.problem });
    if (result.outcome === 'stale') {
      store.raiseAlarm(tx, { kind: 'stale_event', ledgerId, deviceId: device.deviceId, counterId: e.counterId, seq: e.seq, detail: { type: e.type, ticketId: e.ticketId, problem: result.problem } });
    }
    return { outcome: result.outcome, problem: `${result.code}: ${result.problem}` };
  };
  /** Events stored earlier beyond a gap, now next in line. */
  const drainStored = (): void => {
    for (let next = store.pendingEvent(tx, ledgerId, acked + 1); next !== undefined; next = store.pendingEvent(tx, ledgerId, acked + 1)) {
      const record = apply(next);
      store.setOutcome(tx, ledgerId, next.seq, record);
    }
  };

  // Events beyond a gap wait in the store; looked for only when there are some.
  let waiting = store.hasStoredAfter(tx, ledgerId, acked);
  for (const e of events) {
    const existing = store.storedOutcome(tx, ledgerId, e.seq);
    if (existing === undefined) {
      if (e.seq === acked + 1) {
        store.insertEvent(tx, e, apply(e));
        if (waiting) drainStored();
      } else {
        store.insertEvent(tx, e, null);
        waiting = true;
      }
      continue;
    }
    if (existing.hash !== e.hash) {
      store.raiseAlarm(tx, {
        kind: 'hash_conflict',
        ledgerId,
        deviceId: device.deviceId,
        counterId: e.counterId,
        seq: e.seq,
        // The event the server could not store, in full, so that no record is lost.
        detail: { storedHash: existing.hash, event: { ...e, dataText: undefined } },
      });
      rejected.push({ seq: e.seq, code: 'hash_conflict', message: `The hall server already holds another event as number ${e.seq} of this ledger. A supervisor has been alerted.` });
      continue;
    }
    const already = rejection(e.seq, existing);
    if (already) rejected.push(already);
  }
  if (waiting) drainStored();
  if (acked !== ledger.acked_through) store.setAckedThrough(tx, ledgerId, acked);
  return { ackedThrough: acked, rejected, serverTime: tx.at };
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
