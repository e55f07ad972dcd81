import type { Database } from 'better-sqlite3';
import type { PauseReason } from '../../core/events.ts';
import type { LiveDashboard } from '../../core/reports-api.ts';
import type { SyncAlarm } from '../../core/sync-api.ts';

/**
 * The supervisors' live view of the hall, read in one snapshot: every counter (open, paused and
 * why, serving which ticket, idle since when, which officer), every service in use with how many
 * wait and the longest wait so far, the waiting tickets past their service's target wait, and the
 * replication alarms not yet cleared. Waits are measured as in the reports: from when the ticket
 * entered its line (its issue, or the transfer that made it) to now.
 */
const ALERT_LIMIT = 100;

interface CounterRow {
  id: string;
  number: number;
  agency_id: string;
  status: 'closed' | 'open' | 'paused' | null;
  pause_reason: PauseReason | null;
  officer_id: string | null;
  officer_name: string | null;
  since: number | null;
  ticket_id: string | null;
  ticket_number: string | null;
  ticket_service: string | null;
  ticket_status: 'called' | 'serving' | 'waiting' | 'done' | 'no_show' | 'transferred' | 'cancelled' | null;
}

export function liveDashboard(db: Database, now: number): LiveDashboard {
  return db.transaction((): LiveDashboard => {
    const counters = db
      .prepare(
        `SELECT c.id, c.number, c.agency_id, cs.status, cs.pause_reason, cs.officer_id, cs.officer_name, cs.since,
                t.id AS ticket_id, t.number AS ticket_number, t.service_id AS ticket_service, t.status AS ticket_status
         FROM counters c LEFT JOIN counter_state cs ON cs.counter_id = c.id LEFT JOIN tickets t ON t.id = cs.current_ticket_id
         ORDER BY c.number`,
      )
      .all() as CounterRow[];
    const services = db
      .prepare('SELECT id, name, agency_id, target_wait_minutes FROM services WHERE active = 1 ORDER BY rowid')
      .all() as { id: string; name: string; agency_id: string; target_wait_minutes: number }[];
    const waiting = db
      .prepare(
        `SELECT t.id, t.number, t.service_id, t.priority, COALESCE(p.finished_at, t.issued_at) AS entered
         FROM tickets t LEFT JOIN tickets p ON p.id = t.transferred_from
         WHERE t.status = 'waiting'`,
      )
      .all() as { id: string; number: string; service_id: string; priority: 'normal' | 'priority'; entered: number }[];
    const alarms = db
      .prepare(
        `SELECT id, at, kind, ledger_id AS ledgerId, device_id AS deviceId, counter_id AS counterId, seq, detail
         FROM sync_alarms WHERE cleared_at IS NULL ORDER BY at DESC, id DESC LIMIT 200`,
      )
      .all() as (Omit<SyncAlarm, 'detail'> & { detail: string })[];

    const target = new Map(services.map((s) => [s.id, s.target_wait_minutes]));
    const perService = new Map(services.map((s) => [s.id, { waiting: 0, longestMs: -1, overTarget: 0 }]));
    const alerts: LiveDashboard['alerts'] = [];
    for (const t of waiting) {
      const waitedMs = Math.max(0, now - t.entered);
      const targetMinutes = target.get(t.service_id);
      const sums = perService.get(t.service_id);
      if (sums === undefined || targetMinutes === undefined) continue;
      sums.waiting += 1;
      sums.longestMs = Math.max(sums.longestMs, waitedMs);
      if (waitedMs > targetMinutes * 60_000) {
        sums.overTarget += 1;
        alerts.push({ serviceId: t.service_id, ticketId: t.id, number: t.number, priority: t.priority, waitedS: Math.floor(waitedMs / 1000), targetWaitMinutes: targetMinutes });
      }
    }
    alerts.sort((a, b) => b.waitedS - a.waitedS || a.number.localeCompare(b.number));

    return {
      at: now,
      counters: counters.map((c) => {
        const status = c.status ?? 'closed';
        const serving =
          c.ticket_id !== null && c.ticket_number !== null && c.ticket_service !== null && c.ticket_status !== null
            ? { ticketId: c.ticket_id, number: c.ticket_number, serviceId: c.ticket_service, status: c.ticket_status }
            : null;
        return {
          counterId: c.id,
          number: c.number,
          agencyId: c.agency_id,
          status,
          pauseReason: c.pause_reason,
          officer: c.officer_id === null ? null : { id: c.officer_id, name: c.officer_name ?? c.officer_id },
          serving,
          idleSince: status === 'open' && serving === null ? (c.since ?? 0) : null,
          since: c.since ?? 0,
        };
      }),
      services: services.map((s) => {
        const sums = perService.get(s.id) as { waiting: number; longestMs: number; overTarget: number };
        return {
          serviceId: s.id,
          name: s.name,
          agencyId: s.agency_id,
          waiting: sums.waiting,
          longestWaitS: sums.longestMs < 0 ? null : Math.floor(sums.longestMs / 1000),
          targetWaitMinutes: s.target_wait_minutes,
          overTarget: sums.overTarget,
        };
      }),
      alerts: alerts.slice(0, ALERT_LIMIT),
      alarms: alarms.map((a) => ({ ...a, detail: JSON.parse(a.detail) as Record<string, unknown> })),
    };
  }).deferred();
}
