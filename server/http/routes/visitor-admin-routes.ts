import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_BASE } from '../../../core/api.ts';
import { IdSchema } from '../../../core/domain.ts';
import { HolidaysRequestSchema, ServiceInfoUpdateSchema, WebhookConfigRequestSchema } from '../../../core/visitor-api.ts';
import { listHolidays, readServiceInfo, replaceHolidays, writeServiceInfo } from '../../visitor/service-info-store.ts';
import { webhookStatus, writeWebhookConfig } from '../../visitor/webhook-config-store.ts';
import type { VisitorRuntime } from '../../visitor/visitor-runtime.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

const ServiceParams = z.object({ id: IdSchema });
const ADMIN = { roles: ['admin'] } as const;

/** The admin's settings of the visitor's side: service information and booking, holidays, the webhook. */
export function registerVisitorAdminRoutes(app: FastifyInstance, ctx: HallContext, runtime: VisitorRuntime): void {
  const { queue } = ctx;

  app.get(`${API_BASE}/admin/services/:id/info`, (request) => {
    authorize(request, ADMIN);
    const { id } = parseInput(ServiceParams, request.params, 'path');
    return queue.snapshot((tx) => readServiceInfo(tx, id));
  });

  app.put(`${API_BASE}/admin/services/:id/info`, (request) => {
    authorize(request, ADMIN);
    const { id } = parseInput(ServiceParams, request.params, 'path');
    const input = parseInput(ServiceInfoUpdateSchema, request.body, 'service information');
    return queue.submit((q) => q.transact((tx) => writeServiceInfo(tx, id, input, tx.at)));
  });

  app.get(`${API_BASE}/admin/holidays`, (request) => {
    authorize(request, ADMIN);
    return { holidays: queue.snapshot((tx) => listHolidays(tx)) };
  });

  app.put(`${API_BASE}/admin/holidays`, (request) => {
    authorize(request, ADMIN);
    const { holidays } = parseInput(HolidaysRequestSchema, request.body, 'holidays');
    return queue.submit((q) => q.transact((tx) => replaceHolidays(tx, holidays)));
  });

  app.get(`${API_BASE}/admin/webhook`, (request) => {
    authorize(request, ADMIN);
    return queue.snapshot((tx) => webhookStatus(tx));
  });

  app.put(`${API_BASE}/admin/webhook`, async (request) => {
    authorize(request, ADMIN);
    const input = parseInput(WebhookConfigRequestSchema, request.body, 'webhook');
    const status = await queue.submit((q) =>
      q.transact((tx) => {
        writeWebhookConfig(tx, input, tx.at);
        return webhookStatus(tx);
      }),
    );
    runtime.webhookChanged();
    return status;
  });
}
