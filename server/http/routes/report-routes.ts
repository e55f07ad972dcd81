import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_BASE } from '../../../core/api.ts';
import { REPORT_GROUP_BYS, ReportQuerySchema, type Report, type ReportGroupBy, type ReportQuery } from '../../../core/reports-api.ts';
import { exportFileName, reportCsv } from '../../reports/export-csv.ts';
import { reportWorkbook } from '../../reports/export-xlsx.ts';
import { liveDashboard } from '../../reports/live-dashboard.ts';
import { computeReport } from '../../reports/report.ts';
import { loadLookups } from '../../reports/report-lookups.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

/**
 * The supervisors' reports and live view (DESIGN.md §8): the report as JSON, its CSV and XLSX
 * exports, and the live dashboard. Supervisors and admins only; every query is checked with
 * core/reports-api.ts before anything is read.
 */
const SUPERVISORS = { roles: ['supervisor', 'admin'] } as const;

export function registerReportRoutes(app: FastifyInstance, ctx: HallContext): void {
  const query = (request: FastifyRequest): ReportQuery => {
    authorize(request, SUPERVISORS);
    return parseInput(ReportQuerySchema, request.query ?? {}, 'report');
  };
  const report = (q: ReportQuery, groupBy: ReportGroupBy = q.groupBy, lookups = loadLookups(ctx.db), now = ctx.now()): Report =>
    computeReport(ctx.db, { ...q, groupBy }, { now, lookups });

  app.get(`${API_BASE}/reports`, (request) => report(query(request)));

  app.get(`${API_BASE}/reports/export.csv`, (request, reply) => {
    const q = query(request);
    const answer = report(q);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(answer, q.groupBy, 'csv')}"`)
      .send(reportCsv(answer, q.lang));
  });

  app.get(`${API_BASE}/reports/export.xlsx`, async (request, reply) => {
    const q = query(request);
    const lookups = loadLookups(ctx.db);
    const now = ctx.now();
    const reports = Object.fromEntries(REPORT_GROUP_BYS.map((g) => [g, report(q, g, lookups, now)])) as Record<ReportGroupBy, Report>;
    const body = await reportWorkbook(reports, q.lang);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${exportFileName(reports.counter, 'lengkap', 'xlsx')}"`)
      .send(body);
  });

  app.get(`${API_BASE}/dashboard/live`, (request) => {
    authorize(request, SUPERVISORS);
    return liveDashboard(ctx.db, ctx.now());
  });
}
