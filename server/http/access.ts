import type { FastifyRequest } from 'fastify';
import type { DeviceKind, Role } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import type { Principal, SessionPrincipal } from '../auth/principal.ts';

/** Who may call a route: anyone, or some device kinds and/or some signed-in roles. */
export type Access = 'public' | { devices?: readonly DeviceKind[]; roles?: readonly Role[] };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1] ?? null;
}

/** Enforces a route's access rule; 401 when nobody is identified, 403 when the wrong one is. */
export function authorize(request: FastifyRequest, access: Access): Principal | null {
  if (access === 'public') return request.principal;
  const p = request.principal;
  if (!p) {
    throw new LoketError(
      'unauthorized',
      bearerToken(request)
        ? 'Your sign-in or device token is no longer valid. Sign in again (or re-enroll the device).'
        : 'Sign in first: this request needs a device token or a session (Authorization: Bearer …).',
    );
  }
  const ok =
    p.kind === 'device' ? (access.devices ?? []).includes(p.deviceKind) : (access.roles ?? []).includes(p.user.role);
  if (!ok) throw new LoketError('forbidden', 'You are signed in, but your role or device may not do this.');
  return p;
}

/** An officer acts only for the counter they signed in at. */
export function requireOfficerAt(request: FastifyRequest, counterId: string | null): SessionPrincipal {
  const p = authorize(request, { roles: ['officer'] }) as SessionPrincipal;
  if (!p.counterId || (counterId !== null && p.counterId !== counterId)) {
    throw new LoketError('forbidden', `You are signed in at ${p.counterId ? `counter ${p.counterId}` : 'no counter'}; you can act only for that counter.`);
  }
  return p;
}
