import type { IssuedTicket } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import { ticketPrint } from '../../core/kiosk-printing.ts';
import type { Paper, TicketPrint } from '../../core/escpos.ts';
import type { QueueTx } from '../queue/context.ts';
import { hallSettings } from '../queue/hall.ts';
import { positionOf } from '../queue/queries.ts';

/** What a ticket's print needs beyond the ticket: the hall's, service's and agency's names. */

interface Names {
  hall_name: string;
  time_zone: string;
  service_name: string;
  agency_name: string;
}

function names(tx: QueueTx, serviceId: string): Names {
  const row = tx
    .sql(
      `SELECT h.name AS hall_name, h.time_zone, s.name AS service_name, a.name AS agency_name
       FROM hall h, services s JOIN agencies a ON a.id = s.agency_id WHERE s.id = ?`,
    )
    .get(serviceId) as Names | undefined;
  if (row === undefined) throw new Error(`service ${serviceId} of an issued ticket is missing from the hall database`);
  return row;
}

/** The print of a ticket just issued, as the kiosk that asked for it is told about it. */
export function issuedTicketPrint(tx: QueueTx, ticket: IssuedTicket, origin: string, paper: Paper): TicketPrint {
  const n = names(tx, ticket.serviceId);
  return ticketPrint({
    hallName: n.hall_name,
    agencyName: n.agency_name,
    serviceName: n.service_name,
    number: ticket.number,
    issuedAt: ticket.issuedAt,
    timeZone: n.time_zone,
    peopleAhead: ticket.peopleAhead,
    trackingCode: ticket.trackingCode,
    origin,
    paper,
  });
}

/** Statuses in which a visitor still needs the ticket in their hand. */
const PRINTABLE = new Set(['waiting', 'called']);

interface TicketRow {
  id: string;
  service_id: string;
  number: string;
  status: string;
  tracking_code: string;
  issued_at: number;
}

/** A reprint: the ticket as it stands now (people ahead counted again), while the visitor still waits for it. */
export function reprintTicketPrint(tx: QueueTx, ticketId: string, origin: string, paper: Paper): TicketPrint {
  const row = tx.sql('SELECT id, service_id, number, status, tracking_code, issued_at FROM tickets WHERE id = ?').get(ticketId) as TicketRow | undefined;
  if (row === undefined) throw new LoketError('not_found', `There is no ticket with id ${ticketId}. Take a new number at the kiosk.`, 'ticketId');
  if (!PRINTABLE.has(row.status)) {
    throw new LoketError('ticket_not_printable', `Ticket ${row.number} is ${row.status}: only a waiting or called ticket is printed again.`, 'ticketId');
  }
  const position = row.status === 'waiting' ? positionOf(tx, row.service_id, row.id, hallSettings(tx).policy) : null;
  const n = names(tx, row.service_id);
  return ticketPrint({
    hallName: n.hall_name,
    agencyName: n.agency_name,
    serviceName: n.service_name,
    number: row.number,
    issuedAt: row.issued_at,
    timeZone: n.time_zone,
    peopleAhead: position === null ? 0 : position - 1,
    trackingCode: row.tracking_code,
    origin,
    paper,
  });
}

/** A test page from the setup screen: a made-up ticket that shows the paper width and the QR code. */
export function testTicketPrint(tx: QueueTx, kioskName: string, origin: string, paper: Paper): TicketPrint {
  const hall = tx.sql('SELECT name, time_zone FROM hall LIMIT 1').get() as { name: string; time_zone: string } | undefined;
  const home = `${origin.replace(/\/+$/, '')}/`;
  return {
    ...ticketPrint({
      hallName: hall?.name ?? 'Loket',
      agencyName: kioskName,
      serviceName: `Uji cetak ${paper} mm`,
      number: 'UJI',
      issuedAt: tx.at,
      timeZone: hall?.time_zone ?? 'Asia/Jakarta',
      peopleAhead: 0,
      trackingCode: 'UJI',
      origin,
      paper,
    }),
    trackingUrl: home,
    skmUrl: home,
  };
}
