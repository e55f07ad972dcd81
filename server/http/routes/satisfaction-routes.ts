import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { IdSchema } from '../../../core/domain.ts';
import { IkmReportQuerySchema, QuickRatingRequestSchema, SkmSubmitRequestSchema } from '../../../core/visitor-api.ts';
import { ikmReport } from '../../visitor/ikm-report.ts';
import { ikmWorkbook } from '../../visitor/ikm-xlsx.ts';
import { recordQuickRating } from '../../visitor/quick-ratings.ts';
import { submitSkm } from '../../visitor/skm-responses.ts';
import { authorize, requireOfficerAt } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

const CounterParams = z.object({ id: IdSchema });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Visitor satisfaction: the SKM survey and its IKM report, and quick ratings from the counter's pad. */
export function registerSatisfactionRoutes(app: FastifyInstance, ctx: HallContext): void {
  const { queue } = ctx;

  // The link on the ticket and the tablet at the counter both answer here, by tracking code.
  app.post(`${API_BASE}/public/skm`, async (request, reply) => {
    authorize(request, 'public');
    const input = parseInput(SkmSubmitRequestSchema, request.body, 'survey');
    return reply.code(201).send(await queue.submit((q) => q.transact((tx) => submitSkm(tx, input))));
  });

  app.get(`${API_BASE}/reports/ikm`, (request) => {
    authorize(request, { roles: ['supervisor', 'admin'] });
    const query = parseInput(IkmReportQuerySchema, request.query, 'report');
    return queue.snapshot((tx) => ikmReport(tx, query).report);
  });

  app.get(`${API_BASE}/reports/ikm.xlsx`, async (request, reply) => {
    authorize(request, { roles: ['supervisor', 'admin'] });
    const query = parseInput(IkmReportQuerySchema, request.query, 'report');
    const { report, rows } = queue.snapshot((tx) => ikmReport(tx, query));
    const file = await ikmWorkbook(report, rows, query.lang);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="ikm-${query.groupBy}-${query.from}-${query.to}.xlsx"`)
      .send(file);
  });

  // A `$RATE` press on the counter's rating pad, sent by the officer's counter app.
  app.post(`${API_BASE}/counters/:id/quick-rating`, async (request, reply) => {
    const { id } = parseInput(CounterParams, request.params, 'path');
    const p = requireOfficerAt(request, id);
    const input = parseInput(QuickRatingRequestSchema, request.body, 'quick rating');
    return reply.code(201).send(await queue.submit((q) => q.transact((tx) => recordQuickRating(tx, id, p.user.id, input))));
  });
}
