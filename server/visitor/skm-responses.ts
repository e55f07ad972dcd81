import { LoketError } from '../../core/errors.ts';
import { SKM_ELEMENT_IDS } from '../../core/ikm.ts';
import type { SkmSubmitRequest } from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';
import { requireTicket } from '../queue/rows.ts';
import { serviceInfo } from '../queue/hall.ts';
import { liveTicketOf } from './track-state.ts';

/**
 * A visitor's SKM survey (PermenPANRB 14/2017, issue 8 §6): about the ticket their tracking code
 * ended with, once it is finished, one response per ticket. Stored with the service, agency,
 * counter, officer and day it rates, and the answers exactly as given.
 */
export function submitSkm(tx: QueueTx, req: SkmSubmitRequest): { id: number; ticketNumber: string; serviceName: string; createdAt: number } {
  const live = liveTicketOf(tx, req.trackingCode);
  if (live === undefined) {
    throw new LoketError('not_found', `No ticket has the tracking code ${req.trackingCode}. Check the code printed on your ticket.`, 'trackingCode');
  }
  if (live.status !== 'done') {
    throw new LoketError(
      'not_finished',
      `Ticket ${live.number} is ${live.status.replace('_', ' ')}: the survey opens once your service is finished. Come back to this page afterwards.`,
      'trackingCode',
    );
  }
  if (tx.sql('SELECT 1 FROM skm_responses WHERE ticket_id = ?').get(live.id) !== undefined) {
    throw new LoketError('already_answered', `The visit with ticket ${live.number} has already been rated: one survey per ticket. Terima kasih!`, 'trackingCode');
  }
  const ticket = requireTicket(tx, live.id);
  const service = serviceInfo(tx, ticket.service_id);
  const profile = req.profile ?? {};
  const raw = JSON.stringify({ answers: req.answers, profile, ...(req.comment === undefined ? {} : { comment: req.comment }) });
  const result = tx
    .sql(
      `INSERT INTO skm_responses (ticket_id, service_id, agency_id, counter_id, officer_id, service_day,
         u1, u2, u3, u4, u5, u6, u7, u8, u9, age_group, sex, education, occupation, comment, source, raw, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      ticket.id,
      ticket.service_id,
      service.agencyId,
      ticket.counter_id,
      ticket.officer_id,
      ticket.service_day,
      ...SKM_ELEMENT_IDS.map((id) => req.answers[id]),
      profile.ageGroup ?? null,
      profile.sex ?? null,
      profile.education ?? null,
      profile.occupation ?? null,
      req.comment ?? null,
      req.source,
      raw,
      tx.at,
    );
  return { id: Number(result.lastInsertRowid), ticketNumber: ticket.number, serviceName: service.name, createdAt: tx.at };
}
