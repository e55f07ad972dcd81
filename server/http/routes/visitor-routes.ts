import type { FastifyInstance } from 'fastify';
import { VisitorRuntime } from '../../visitor/visitor-runtime.ts';
import type { HallContext } from '../hall-context.ts';
import { registerBookingRoutes } from './booking-routes.ts';
import { registerPublicServiceRoutes } from './public-service-routes.ts';
import { registerSatisfactionRoutes } from './satisfaction-routes.ts';
import { registerTrackStreamRoutes } from './track-stream-routes.ts';
import { registerVisitorAdminRoutes } from './visitor-admin-routes.ts';

/**
 * The visitor's side of the hall (issue 8; the API is core/visitor-api.ts): service information,
 * online booking and check-in, live tracking, the SKM survey and IKM report, quick ratings, and the
 * admin's settings of them; with what runs beside them (server/visitor/visitor-runtime.ts), started
 * when the server is ready and stopped before it closes (the tracking streams end first, so the
 * server can stop listening).
 */
export function registerVisitorRoutes(app: FastifyInstance, ctx: HallContext): VisitorRuntime {
  const runtime = new VisitorRuntime(ctx);
  registerPublicServiceRoutes(app, ctx);
  registerBookingRoutes(app, ctx, runtime);
  registerTrackStreamRoutes(app, ctx, runtime);
  registerSatisfactionRoutes(app, ctx);
  registerVisitorAdminRoutes(app, ctx, runtime);
  app.addHook('onReady', async () => runtime.start());
  app.addHook('preClose', async () => runtime.close());
  return runtime;
}
