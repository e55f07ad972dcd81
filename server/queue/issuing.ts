import type { IssuedTicket, IssueTicketRequest } from '../../core/api.ts';
import { formatTicketNumber } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { serviceDay } from '../../core/service-day.ts';
import type { QueueTx } from './context.ts';
import { activeService, hallSettings } from './hall.ts';
import { describeLocalTime, describeOpeningHours, isOpenAt } from './opening-hours.ts';
import { positionOf } from './queries.ts';
import { emitTicket, toTicket } from './rows.ts';
import { appendLog } from './ticket-log.ts';
import { isTrackingCode } from './tracking-code.ts';
import { uuidv7 } from '../../core/uuid7.ts';

const CODE_ATTEMPTS = 20;

/** A tracking code no ticket carries yet, nor any booking (whose code becomes its ticket's tracking code). */
function freshTrackingCode(tx: QueueTx): string {
  for (let i = 0; i < CODE_ATTEMPTS; i++) {
    const code = tx.randomCode();
    if (!isTrackingCode(code)) throw new Error(`randomCode() gave ${JSON.stringify(code)}, which is not 8 of 2-9A-HJ-NP-Z`);
    if (tx.sql('SELECT 1 FROM tickets WHERE tracking_code = ? UNION ALL SELECT 1 FROM bookings WHERE code = ? LIMIT 1').get(code, code) === undefined) return code;
  }
  throw new Error(`no unused tracking code after ${CODE_ATTEMPTS} attempts: the code source is not random`);
}

/**
 * A checked-in booking (server/visitor/): it queues from its slot's start (DESIGN.md §4), keeps its
 * booking code as tracking code, and was held to opening hours and quotas when it was booked.
 */
export interface ReservedPlace {
  queuedAt: number;
  trackingCode: string;
}

/**
 * Issues a ticket: the service's next number of the hall's service day (`A-001` after the hall's
 * midnight), within its opening hours and daily quota, with a unique tracking code; the visitor
 * queues from now (a `reserved` place: from its slot). Returns it with the people ahead in its service.
 */
export function issueTicket(tx: QueueTx, req: IssueTicketRequest, reserved?: ReservedPlace): IssuedTicket {
  const hall = hallSettings(tx);
  const service = activeService(tx, req.serviceId, 'serviceId');
  if (reserved === undefined && service.openingHours !== null && !isOpenAt(service.openingHours, tx.at, hall.timeZone)) {
    throw new LoketError(
      'service_closed',
      `${service.name} takes tickets ${describeOpeningHours(service.openingHours)} (hall time, ${hall.timeZone}); ` +
        `it is now ${describeLocalTime(tx.at, hall.timeZone)}. Come back during those hours.`,
      'serviceId',
    );
  }
  const day = serviceDay(tx.at, hall.timeZone);
  const last =
    (tx.sql('SELECT last_seq FROM daily_sequences WHERE service_id = ? AND service_day = ?').get(service.id, day) as
      | { last_seq: number }
      | undefined)?.last_seq ?? 0;
  if (reserved === undefined && service.dailyQuota !== null && last >= service.dailyQuota) {
    throw new LoketError(
      'quota_reached',
      `All ${service.dailyQuota} tickets for ${service.name} today (${day}) have been issued: that is its daily quota. ` +
        'The quota resets at midnight; come back tomorrow.',
      'serviceId',
    );
  }
  const seq = last + 1;
  tx.sql(
    `INSERT INTO daily_sequences (service_id, service_day, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (service_id, service_day) DO UPDATE SET last_seq = excluded.last_seq`,
  ).run(service.id, day, seq);

  const id = uuidv7(tx.at);
  const number = formatTicketNumber(service.prefix, seq);
  const trackingCode = reserved?.trackingCode ?? freshTrackingCode(tx);
  tx.sql(
    `INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status,
                          queued_at, issued_at, call_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, 0)`,
  ).run(id, service.id, number, seq, day, req.channel, req.priority, trackingCode, reserved?.queuedAt ?? tx.at, tx.at);
  appendLog(tx, {
    ticketId: id,
    action: 'ticket.issued',
    counterId: null,
    actorId: null,
    leaseEpoch: null,
    detail: { number, channel: req.channel, priority: req.priority },
  });
  const row = emitTicket(tx, 'issued', id);
  const position = positionOf(tx, service.id, id, hall.policy) ?? 1;
  return { ...toTicket(row), trackingCode, peopleAhead: position - 1 };
}
