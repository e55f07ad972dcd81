import type { QueueTx } from '../queue/context.ts';
import type { IncomingEvent } from './validate-push.ts';

/** One ledger as the server knows it (`sync_ledgers`). */
export interface LedgerRow {
  ledger_id: string;
  device_id: string;
  acked_through: number;
}

/** A stored event: its hash and what applying it did. */
export interface StoredOutcome {
  hash: string;
  outcome: 'applied' | 'stale' | 'refused' | null;
  problem: string | null;
}

export function ledgerRow(tx: QueueTx, ledgerId: string): LedgerRow | undefined {
  return tx.sql('SELECT ledger_id, device_id, acked_through FROM sync_ledgers WHERE ledger_id = ?').get(ledgerId) as LedgerRow | undefined;
}

/** Binds a ledger to the enrolled PC that may push it (at enrollment, or at its first push). */
export function bindLedger(tx: QueueTx, ledgerId: string, deviceId: string): LedgerRow {
  tx.sql(
    `INSERT INTO sync_ledgers (ledger_id, device_id, acked_through, first_seen_at) VALUES (?, ?, 0, ?)
     ON CONFLICT (ledger_id) DO UPDATE SET device_id = excluded.device_id`,
  ).run(ledgerId, deviceId, tx.at);
  return ledgerRow(tx, ledgerId) as LedgerRow;
}

export function storedOutcome(tx: QueueTx, ledgerId: string, seq: number): StoredOutcome | undefined {
  return tx.sql('SELECT hash, outcome, problem FROM sync_events WHERE ledger_id = ? AND seq = ?').get(ledgerId, seq) as StoredOutcome | undefined;
}

/** What applying an event did, as stored with it. */
export interface ApplyRecord {
  outcome: 'applied' | 'stale' | 'refused';
  problem: string | null;
}

/** Stores a pushed event; `applied` null when it waits for an earlier one (a gap). */
export function insertEvent(tx: QueueTx, e: IncomingEvent, applied: ApplyRecord | null): void {
  tx.sql(
    `INSERT INTO sync_events (ledger_id, seq, event_id, type, at, server_at, hlc, ticket_id, counter_id, officer_id,
                              lease_epoch, data, hash, received_at, outcome, problem)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.deviceId, e.seq, e.eventId, e.type, e.at, e.serverAt, e.hlc, e.ticketId, e.counterId, e.officerId, e.leaseEpoch,
    e.dataText, e.hash, tx.at, applied?.outcome ?? null, applied?.problem ?? null,
  );
}

export function setOutcome(tx: QueueTx, ledgerId: string, seq: number, applied: ApplyRecord): void {
  tx.sql('UPDATE sync_events SET outcome = ?, problem = ? WHERE ledger_id = ? AND seq = ?').run(applied.outcome, applied.problem, ledgerId, seq);
}

/** Whether events above `seq` are stored (waiting beyond a gap). */
export function hasStoredAfter(tx: QueueTx, ledgerId: string, seq: number): boolean {
  return tx.sql('SELECT 1 FROM sync_events WHERE ledger_id = ? AND seq > ? LIMIT 1').get(ledgerId, seq) !== undefined;
}

/** A stored event not yet applied, as it was pushed. */
export function pendingEvent(tx: QueueTx, ledgerId: string, seq: number): IncomingEvent | undefined {
  const row = tx
    .sql(
      `SELECT ledger_id AS deviceId, seq, event_id AS eventId, type, at, server_at AS serverAt, hlc, ticket_id AS ticketId,
              counter_id AS counterId, officer_id AS officerId, lease_epoch AS leaseEpoch, data AS dataText, hash
       FROM sync_events WHERE ledger_id = ? AND seq = ? AND outcome IS NULL`,
    )
    .get(ledgerId, seq) as (Omit<IncomingEvent, 'data'> & { dataText: string }) | undefined;
  return row === undefined ? undefined : { ...row, data: JSON.parse(row.dataText) as unknown } as IncomingEvent;
}

export function setAckedThrough(tx: QueueTx, ledgerId: string, ackedThrough: number): void {
  tx.sql('UPDATE sync_ledgers SET acked_through = ?, last_push_at = ? WHERE ledger_id = ?').run(ackedThrough, tx.at, ledgerId);
}

export type AlarmKind = 'hash_conflict' | 'restored_copy' | 'stale_event';

/** Records an alarm for supervisors, once per (kind, ledger, seq). */
export function raiseAlarm(
  tx: QueueTx,
  alarm: { kind: AlarmKind; ledgerId: string; deviceId: string | null; counterId: string | null; seq: number | null; detail: Record<string, unknown> },
): void {
  tx.sql(
    `INSERT INTO sync_alarms (at, kind, ledger_id, device_id, counter_id, seq, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  ).run(tx.at, alarm.kind, alarm.ledgerId, alarm.deviceId, alarm.counterId, alarm.seq, JSON.stringify(alarm.detail));
}
