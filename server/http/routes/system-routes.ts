import type { FastifyInstance } from 'fastify';
import { API_BASE, AddUserRequestSchema, EnrollCodeRequestSchema, EnrollRequestSchema, LoginRequestSchema } from '../../../core/api.ts';
import { bindLedger } from '../../sync/sync-store.ts';
import { loadHallConfig } from '../../store/hall-config-store.ts';
import { authorize } from '../access.ts';
import type { HallContext } from '../hall-context.ts';
import { parseInput } from '../http-errors.ts';

/** Health, enrollment, sign-in, configuration and users. */
export function registerSystemRoutes(app: FastifyInstance, ctx: HallContext): void {
  app.get(`${API_BASE}/health`, () => ({ status: 'ok', version: ctx.version, time: ctx.now() }));

  app.post(`${API_BASE}/devices/enroll`, async (request) => {
    authorize(request, 'public');
    const { ledgerId, ...input } = parseInput(EnrollRequestSchema, request.body, 'enrollment');
    const enrolled = ctx.auth.enroll(input);
    // A re-enrolled counter PC keeps its ledger: from now on this enrollment pushes it.
    if (ledgerId !== undefined && enrolled.kind === 'counter') {
      await ctx.queue.submit((q) => q.replicate((tx) => bindLedger(tx, ledgerId, enrolled.deviceId)));
    }
    return enrolled;
  });

  app.post(`${API_BASE}/admin/enroll-codes`, (request) => {
    authorize(request, { roles: ['admin'] });
    return ctx.auth.createEnrollCode(parseInput(EnrollCodeRequestSchema, request.body, 'enrollment code'));
  });

  app.post(`${API_BASE}/admin/users`, async (request, reply) => {
    authorize(request, { roles: ['admin'] });
    const created = await ctx.auth.addUser(parseInput(AddUserRequestSchema, request.body, 'user'));
    return reply.code(201).send(created);
  });

  app.post(`${API_BASE}/sessions`, async (request, reply) => {
    const input = parseInput(LoginRequestSchema, request.body, 'sign-in');
    const p = request.principal;
    const device = p?.kind === 'device' ? p : null;
    return reply.code(201).send(await ctx.auth.login(input, device));
  });

  app.delete(`${API_BASE}/sessions/current`, (request, reply) => {
    const p = authorize(request, { roles: ['officer', 'supervisor', 'technician', 'admin'] });
    if (p?.kind === 'session') ctx.auth.logout(p.sessionHash);
    return reply.code(204).send();
  });

  app.get(`${API_BASE}/config`, (request) => {
    authorize(request, { devices: ['counter', 'kiosk', 'board'], roles: ['officer', 'supervisor', 'technician', 'admin'] });
    return loadHallConfig(ctx.db);
  });
}
