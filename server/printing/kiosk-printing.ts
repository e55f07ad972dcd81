import type { Database } from 'better-sqlite3';
import type { IssuedTicket } from '../../core/api.ts';
import { encodeTicket, type Paper, type TicketPrint } from '../../core/escpos.ts';
import { PRINT_TIMEOUT_MS, type NetworkPrinter, type PrintOutcome } from '../../core/kiosk-printing.ts';
import type { Principal } from '../auth/principal.ts';
import type { QueueTx } from '../queue/context.ts';
import type { QueueAuthority } from '../queue/queue-authority.ts';
import { kioskPrinter } from './printer-store.ts';
import { sendRaw, type RawPrintResult, type RawPrintTarget } from './raw-tcp-printer.ts';
import { issuedTicketPrint, reprintTicketPrint, testTicketPrint } from './ticket-print-data.ts';

export interface KioskPrintingDeps {
  db: Database;
  queue: QueueAuthority;
  /** The raw TCP sender (a fake in unit tests). */
  send?: (target: RawPrintTarget, bytes: Uint8Array, timeoutMs: number) => Promise<RawPrintResult>;
  timeoutMs?: number;
  /** Where failures are reported: device, printer address and the error code, never a ticket. */
  warn?: (message: string) => void;
}

/**
 * Prints for the kiosks whose printer is on the network (a page cannot open a raw socket): after
 * the kiosk issued a ticket or checked a booking in, on a reprint, and a test page from its setup
 * screen. Kiosks that print in the browser, or not at all, are told so and print nothing here.
 * Jobs for one printer go one after the other (a raw port takes one connection at a time); a job
 * never waits for the printer longer than the timeout. Printing happens after the ticket's
 * transaction committed: a printer that does not answer never takes a ticket back.
 */
export class KioskPrinting {
  private readonly db: Database;
  private readonly queue: QueueAuthority;
  private readonly send: NonNullable<KioskPrintingDeps['send']>;
  private readonly timeoutMs: number;
  private readonly warn: (message: string) => void;
  /** The last job of each printer (`host:port`): the next one starts after it. */
  private readonly lines = new Map<string, Promise<unknown>>();

  constructor(deps: KioskPrintingDeps) {
    this.db = deps.db;
    this.queue = deps.queue;
    this.send = deps.send ?? sendRaw;
    this.timeoutMs = deps.timeoutMs ?? PRINT_TIMEOUT_MS;
    this.warn = deps.warn ?? ((message) => console.warn(message));
  }

  /** After `POST /tickets` or a check-in: the print outcome for a kiosk, undefined for anyone else (staff). */
  async afterIssue(principal: Principal | null, ticket: IssuedTicket, origin: string): Promise<PrintOutcome | undefined> {
    if (principal?.kind !== 'device' || principal.deviceKind !== 'kiosk') return undefined;
    // A kiosk without a printer (most kiosks show the ticket on screen): nothing to read or lay out.
    if (kioskPrinter(this.db, principal.deviceId).printer.kind === 'none') return { kind: 'none' };
    return this.print(principal.deviceId, (tx, paper) => issuedTicketPrint(tx, ticket, origin, paper));
  }

  /** `POST /tickets/:id/print`: the same ticket again, with the people ahead of it now. */
  reprint(deviceId: string, ticketId: string, origin: string): Promise<PrintOutcome> {
    return this.print(deviceId, (tx, paper) => reprintTicketPrint(tx, ticketId, origin, paper));
  }

  /** `POST /kiosk/printer/test`: a sample ticket on the kiosk's printer. */
  testPage(deviceId: string, origin: string): Promise<PrintOutcome> {
    const { name } = kioskPrinter(this.db, deviceId);
    return this.print(deviceId, (tx, paper) => testTicketPrint(tx, name, origin, paper));
  }

  private async print(deviceId: string, content: (tx: QueueTx, paper: Paper) => TicketPrint): Promise<PrintOutcome> {
    const { printer } = kioskPrinter(this.db, deviceId);
    // Read (and refuse: an unknown or finished ticket) whatever prints it, before waiting for a printer.
    const ticket = this.queue.snapshot((tx) => content(tx, printer.kind === 'none' ? 80 : printer.paper));
    if (printer.kind === 'none') return { kind: 'none' };
    if (printer.kind === 'browser') return { kind: 'browser', paper: printer.paper };
    const bytes = encodeTicket(ticket);
    const result = await this.inLine(printer, () => this.send({ host: printer.host, port: printer.port }, bytes, this.timeoutMs));
    if (result.ok) return { kind: 'network', ok: true, paper: printer.paper };
    this.warn(`Loket: kiosk ${deviceId} could not print on ${printer.host}:${printer.port} (${result.code}): ${result.message}`);
    return { kind: 'network', ok: false, error: { code: result.code, message: result.message } };
  }

  private inLine<T>(printer: NetworkPrinter, job: () => Promise<T>): Promise<T> {
    const key = `${printer.host}:${printer.port}`;
    const previous = this.lines.get(key) ?? Promise.resolve();
    const next = previous.then(job, job);
    const tail = next.catch(() => undefined);
    this.lines.set(key, tail);
    void tail.then(() => {
      if (this.lines.get(key) === tail) this.lines.delete(key);
    });
    return next;
  }
}
