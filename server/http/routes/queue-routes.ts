import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  API_BASE,
  CallNextRequestSchema,
  CallTicketRequestSchema,
  FinishRequestSchema,
  IssueTicketRequestSchema,
  LeaseSchema,
  OpenCounterRequestSchema,
  PauseRequestSchema,
  TRACKING_CODE_PATTERN,
  TransferRequestSchema,
} from '../../../core/api.ts';
import { IdSchema } from '../../../core/domain.ts';
import { LoketError } from '../../../core/errors.ts';
import { authorize, requireOfficerAt } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';
import { publicOrigin } from '../public-origin.ts';

const CounterParams = z.object({ id: IdSchema });
const TicketParams = z.object({ id: z.uuid('a ticket id is a UUID') });
const TrackParams = z.object({ code: z.string().toUpperCase().regex(TRACKING_CODE_PATTERN, 'a tracking code is 8 letters and digits') });

const STAFF = ['officer', 'supervisor', 'admin'] as const;

/** Tickets, the queue, counters and the visitor's tracking: the queue authority over HTTP. */
export function registerQueueRoutes(app: FastifyInstance, ctx: HallContext): void {
  const { queue } = ctx;
  const counterId = (params: unknown): string => parseInput(CounterParams, params, 'path').id;
  const ticketId = (params: unknown): string => parseInput(TicketParams, params, 'path').id;

  app.post(`${API_BASE}/tickets`, async (request, reply) => {
    const p = authorize(request, { devices: ['kiosk'], roles: ['officer', 'supervisor', 'admin'] });
    const input = parseInput(IssueTicketRequestSchema, request.body ?? {}, 'ticket');
    if (p?.kind === 'device' && input.channel !== 'kiosk') {
      throw new LoketError('invalid_request', 'A kiosk issues tickets on the kiosk channel only.', 'channel');
    }
    const ticket = await queue.submit((q) => q.issueTicket(input));
    // A kiosk with a network printer: printed now, after the commit (core/kiosk-printing.ts).
    const print = await ctx.printing.afterIssue(p, ticket, publicOrigin(request));
    return reply.code(201).send(print === undefined ? ticket : { ...ticket, print });
  });

  app.get(`${API_BASE}/queue`, (request) => {
    authorize(request, { devices: ['counter'], roles: STAFF });
    return queue.queue();
  });

  app.get(`${API_BASE}/counters`, (request) => {
    authorize(request, { devices: ['counter', 'board'], roles: STAFF });
    return queue.counterStates();
  });

  app.get(`${API_BASE}/board`, (request) => {
    authorize(request, { devices: ['board', 'kiosk', 'counter'], roles: STAFF });
    return { recentCalls: queue.recentCalls(20), counters: queue.counterStates() };
  });

  app.get(`${API_BASE}/track/:code`, (request) => {
    const { code } = parseInput(TrackParams, request.params, 'path');
    const found = queue.track(code);
    if (!found) throw new LoketError('not_found', 'No ticket has this tracking code today. Check the code on your ticket.', 'code');
    return found;
  });

  // Counter life: an officer opens, pauses, resumes and closes the counter they signed in at.
  app.post(`${API_BASE}/counters/:id/open`, (request) => {
    const id = counterId(request.params);
    const p = requireOfficerAt(request, id);
    const { serviceIds } = parseInput(OpenCounterRequestSchema, request.body, 'open counter');
    return queue.submit((q) => q.openCounter(id, { id: p.user.id, name: p.user.name }, serviceIds));
  });
  app.post(`${API_BASE}/counters/:id/pause`, (request) => {
    const id = counterId(request.params);
    requireOfficerAt(request, id);
    const { reason } = parseInput(PauseRequestSchema, request.body, 'pause');
    return queue.submit((q) => q.pauseCounter(id, reason));
  });
  app.post(`${API_BASE}/counters/:id/resume`, (request) => {
    const id = counterId(request.params);
    requireOfficerAt(request, id);
    return queue.submit((q) => q.resumeCounter(id));
  });
  app.post(`${API_BASE}/counters/:id/close`, (request) => {
    const id = counterId(request.params);
    requireOfficerAt(request, id);
    return queue.submit((q) => q.closeCounter(id));
  });

  // Assignment: the one synchronous call (DESIGN.md §5).
  app.post(`${API_BASE}/counters/:id/call-next`, async (request, reply) => {
    const id = counterId(request.params);
    const p = requireOfficerAt(request, id);
    const { requestId } = parseInput(CallNextRequestSchema, request.body ?? {}, 'call');
    // The counter's own replicated events first: it must not call on a stale view of itself.
    await ctx.applier.settled(id);
    const called = await queue.submit((q) => q.callNext(id, p.user.id, requestId));
    return called ? called : reply.code(204).send();
  });
  app.post(`${API_BASE}/counters/:id/call`, async (request) => {
    const id = counterId(request.params);
    const p = requireOfficerAt(request, id);
    const { ticketId: wanted, requestId } = parseInput(CallTicketRequestSchema, request.body, 'call');
    await ctx.applier.settled(id);
    return queue.submit((q) => q.callTicket(id, p.user.id, wanted, requestId));
  });

  // Actions on a called ticket, by the officer of the counter that holds it, with its lease epoch.
  const onHeldTicket = <S extends typeof LeaseSchema | typeof FinishRequestSchema | typeof TransferRequestSchema>(
    action: string,
    schema: S,
    run: (ticketId: string, counterId: string, input: ReturnType<S['parse']>) => unknown,
  ): void => {
    app.post(`${API_BASE}/tickets/:id/${action}`, (request) => {
      const id = ticketId(request.params);
      const p = requireOfficerAt(request, null);
      const input = parseInput(schema, request.body, action) as ReturnType<S['parse']>;
      return queue.submit(() => run(id, p.counterId as string, input));
    });
  };
  onHeldTicket('recall', LeaseSchema, (id, c, i) => ({ ticket: queue.recall(id, c, i.leaseEpoch) }));
  onHeldTicket('start', LeaseSchema, (id, c, i) => ({ ticket: queue.start(id, c, i.leaseEpoch) }));
  onHeldTicket('finish', FinishRequestSchema, (id, c, i) => ({ ticket: queue.finish(id, c, i.leaseEpoch, i.outcome, i.note) }));
  onHeldTicket('no-show', LeaseSchema, (id, c, i) => ({ ticket: queue.noShow(id, c, i.leaseEpoch) }));
  onHeldTicket('return', LeaseSchema, (id, c, i) => ({ ticket: queue.returnToQueue(id, c, i.leaseEpoch) }));
  onHeldTicket('transfer', TransferRequestSchema, (id, c, i) =>
    queue.transfer(id, c, i.leaseEpoch, { toServiceId: i.toServiceId, toCounterId: i.toCounterId, reason: i.reason }),
  );

  // Supervisors: bring back a no-show, cancel a waiting ticket.
  app.post(`${API_BASE}/tickets/:id/reactivate`, async (request) => {
    authorize(request, { roles: ['supervisor', 'admin'] });
    const id = ticketId(request.params);
    return { ticket: await queue.submit((q) => q.reactivate(id)) };
  });
  app.post(`${API_BASE}/tickets/:id/cancel`, async (request) => {
    authorize(request, { roles: ['supervisor', 'admin'] });
    const id = ticketId(request.params);
    return { ticket: await queue.submit((q) => q.cancel(id)) };
  });
}
