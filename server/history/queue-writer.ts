import type { Database } from 'better-sqlite3';
import { callTicket } from '../queue/calling.ts';
import { StatementCache } from '../../platform/statement-cache.ts';
import { ParseCache, type QueueTx } from '../queue/context.ts';
import * as counters from '../queue/counter-state.ts';
import { issueTicket } from '../queue/issuing.ts';
import * as tickets from '../queue/ticket-actions.ts';
import type { HistoryAction } from './history-actions.ts';

/**
 * Writes a day of history through the live queue functions (server/queue/): every action is the
 * same call the HTTP routes make, at the action's time, so every row (and every report roll-up,
 * kept by the ticket-log hook) is what the live hall would have written. Slower than the bulk
 * writer; used for small histories and to hold the bulk writer to the same rows. The queue makes
 * its own ticket ids, so planned ids are mapped to the ones it gave.
 */
export class QueueWriter {
  private readonly statements: StatementCache;
  private readonly parsed = new ParseCache();
  private readonly ids = new Map<string, string>();
  private readonly leases = new Map<string, number>();

  constructor(private readonly db: Database) {
    this.statements = new StatementCache(db);
  }

  /** The id the queue gave a planned ticket. */
  idOf(plannedId: string): string {
    const id = this.ids.get(plannedId);
    if (id === undefined) throw new Error(`no ticket was made for planned ticket ${plannedId}`);
    return id;
  }

  writeDay(actions: readonly HistoryAction[]): void {
    this.db.transaction(() => {
      for (const a of actions) this.apply(a);
    }).immediate();
  }

  /** Each day is written as it comes. */
  finish(): void {}

  private tx(at: number, code?: string): QueueTx {
    return {
      db: this.db,
      at,
      sql: (source) => this.statements.get(source),
      emit: () => undefined,
      randomCode: () => {
        if (code === undefined) throw new Error('a tracking code was asked for outside issuing');
        return code;
      },
      parsed: this.parsed,
    };
  }

  private lease(plannedId: string): number {
    return this.leases.get(this.idOf(plannedId)) as number;
  }

  private apply(a: HistoryAction): void {
    const tx = this.tx(a.t, a.kind === 'issue' ? a.ticket.trackingCode : undefined);
    switch (a.kind) {
      case 'issue': {
        const issued = issueTicket(tx, { serviceId: a.ticket.serviceId, channel: a.ticket.channel, priority: a.ticket.priority });
        this.ids.set(a.ticket.id, issued.id);
        return;
      }
      case 'open':
      case 'update':
        counters.openCounter(tx, a.counterId, a.officer, a.serviceIds);
        return;
      case 'pause':
        counters.pauseCounter(tx, a.counterId, a.reason);
        return;
      case 'resume':
        counters.resumeCounter(tx, a.counterId);
        return;
      case 'close':
        counters.closeCounter(tx, a.counterId);
        return;
      case 'call': {
        const called = callTicket(tx, a.counterId, a.officerId, this.idOf(a.ticketId));
        this.leases.set(called.ticket.id, called.leaseEpoch);
        return;
      }
      case 'recall':
        tickets.recall(tx, this.idOf(a.ticketId), a.counterId, this.lease(a.ticketId));
        return;
      case 'start':
        tickets.start(tx, this.idOf(a.ticketId), a.counterId, this.lease(a.ticketId));
        return;
      case 'finish':
        tickets.finish(tx, this.idOf(a.ticketId), a.counterId, this.lease(a.ticketId), a.outcome, a.note);
        return;
      case 'no_show':
        tickets.noShow(tx, this.idOf(a.ticketId), a.counterId, this.lease(a.ticketId));
        return;
      case 'return':
        tickets.returnToQueue(tx, this.idOf(a.ticketId), a.counterId, this.lease(a.ticketId));
        return;
      case 'transfer': {
        const moved = tickets.transfer(tx, this.idOf(a.ticketId), a.counterId, this.lease(a.ticketId), {
          toServiceId: a.toServiceId,
          toCounterId: a.toCounterId,
          reason: a.reason,
        });
        this.ids.set(a.newTicketId, moved.newTicket.id);
        return;
      }
      case 'reactivate':
        tickets.reactivate(tx, this.idOf(a.ticketId), a.actorId);
        return;
      case 'cancel':
        tickets.cancel(tx, this.idOf(a.ticketId), a.actorId);
        return;
    }
  }
}
