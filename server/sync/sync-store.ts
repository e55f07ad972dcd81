import type { QueueTx } from '../queue/context.ts';
import type { IncomingEvent, PushedEvent } from './validate-push.ts';

/** One ledger as the server knows it (`sync_ledgers`). */
export interface LedgerRow {
  ledger_id: string;
  device_id: string;
  acked_through: number;
  applied_through: number;
}

/** A stored event: its hash and what applying it did. */
export interface StoredOutcome {
  hash: string;
  outcome: 'applied' | 'stale' | 'refused' | null;
  problem: string | null;
}

/** What applying an event did, as stored with it. */
export interface ApplyRecord {
  outcome: 'applied' | 'stale' | 'refused';
  problem: string | null;
}

const LEDGER_COLUMNS = 'ledger_id, device_id, acked_through, applied_through';

export function ledgerRow(tx: QueueTx, ledgerId: string): LedgerRow | undefined {
  return tx.sql(`SELECT ${LEDGER_COLUMNS} FROM sync_ledgers WHERE ledger_id = ?`).get(ledgerId) as LedgerRow | undefined;
}

/** Binds a ledger to the enrolled PC that may push it (at enrollment, or at its first push). */
export function bindLedger(tx: QueueTx, ledgerId: string, deviceId: string): LedgerRow {
  tx.sql(
    `INSERT INTO sync_ledgers (ledger_id, device_id, acked_through, applied_through, first_seen_at) VALUES (?, ?, 0, 0, ?)
     ON CONFLICT (ledger_id) DO UPDATE SET device_id = excluded.device_id`,
  ).run(ledgerId, deviceId, tx.at);
  return ledgerRow(tx, ledgerId) as LedgerRow;
}

/** The stored events of a seq range, by seq: one read for a whole push. */
export function storedHashes(tx: QueueTx, ledgerId: string, from: number, to: number): Map<number, StoredOutcome> {
  const rows = tx
    .sql('SELECT seq, hash, outcome, problem FROM sync_events WHERE ledger_id = ? AND seq BETWEEN ? AND ?')
    .all(ledgerId, from, to) as (StoredOutcome & { seq: number })[];
  return new Map(rows.map((r) => [r.seq, r]));
}

/** Stores a pushed event; its outcome is set when it is applied. */
export function insertEvent(tx: QueueTx, e: PushedEvent): void {
  tx.sql(
    `INSERT INTO sync_events (ledger_id, seq, event_id, type, at, server_at, hlc, ticket_id, counter_id, officer_id,
                              lease_epoch, data, hash, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.deviceId, e.seq, e.eventId, e.type, e.at, e.serverAt, e.hlc, e.ticketId, e.counterId, e.officerId, e.leaseEpoch, e.dataText, e.hash, tx.at);
}

export function setOutcome(tx: QueueTx, ledgerId: string, seq: number, applied: ApplyRecord): void {
  tx.sql('UPDATE sync_events SET outcome = ?, problem = ? WHERE ledger_id = ? AND seq = ?').run(applied.outcome, applied.problem, ledgerId, seq);
}

/** Whether events above `seq` are stored (waiting beyond a gap). */
export function hasStoredAfter(tx: QueueTx, ledgerId: string, seq: number): boolean {
  return tx.sql('SELECT 1 FROM sync_events WHERE ledger_id = ? AND seq > ? LIMIT 1').get(ledgerId, seq) !== undefined;
}

export function isStored(tx: QueueTx, ledgerId: string, seq: number): boolean {
  return tx.sql('SELECT 1 FROM sync_events WHERE ledger_id = ? AND seq = ?').get(ledgerId, seq) !== undefined;
}

/** Stored events with seq in (after, through], in order, as they were pushed. */
export function storedEvents(tx: QueueTx, ledgerId: string, after: number, through: number): IncomingEvent[] {
  const rows = tx
    .sql(
      `SELECT ledger_id AS deviceId, seq, event_id AS eventId, type, at, server_at AS serverAt, hlc, ticket_id AS ticketId,
              counter_id AS counterId, officer_id AS officerId, lease_epoch AS leaseEpoch, data AS dataText, hash
       FROM sync_events WHERE ledger_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
    )
    .all(ledgerId, after, through) as PushedEvent[];
  return rows.map((row) => ({ ...row, data: JSON.parse(row.dataText) as unknown }) as IncomingEvent);
}

export function setAckedThrough(tx: QueueTx, ledgerId: string, ackedThrough: number): void {
  tx.sql('UPDATE sync_ledgers SET acked_through = ?, last_push_at = ? WHERE ledger_id = ?').run(ackedThrough, tx.at, ledgerId);
}

export function setAppliedThrough(tx: QueueTx, ledgerId: string, appliedThrough: number): void {
  tx.sql('UPDATE sync_ledgers SET applied_through = ? WHERE ledger_id = ?').run(appliedThrough, ledgerId);
}

/** Ledgers the live queue has not caught up with, optionally only those pushed by PCs of one counter. */
export function laggingLedgers(tx: QueueTx, counterId: string | null): LedgerRow[] {
  return tx
    .sql(
      `SELECT l.ledger_id, l.device_id, l.acked_through, l.applied_through FROM sync_ledgers l
       JOIN devices d ON d.id = l.device_id
       WHERE l.applied_through < l.acked_through AND (? IS NULL OR d.counter_id = ?)`,
    )
    .all(counterId, counterId) as LedgerRow[];
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
