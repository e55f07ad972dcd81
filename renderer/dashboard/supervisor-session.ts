import { z } from 'zod';
import { IdSchema, RoleSchema, type Role } from '../../core/domain.ts';

/**
 * The supervisor's session in the browser: kept in sessionStorage, so it lives as long as the tab
 * (a reload keeps it, closing the tab forgets it) and never reaches another tab or a later visitor
 * of a shared PC. Only supervisors and admins may use the dashboard (the report routes say so too).
 */
export const SESSION_STORAGE_KEY = 'loket.dashboard.session';
export const DASHBOARD_ROLES: readonly Role[] = ['supervisor', 'admin'];

export const SupervisorSessionSchema = z.object({
  token: z.string().min(1),
  user: z.object({ id: IdSchema, name: z.string(), role: RoleSchema }),
  expiresAt: z.number().int(),
});
export type SupervisorSession = z.infer<typeof SupervisorSessionSchema>;

/** The part of sessionStorage this module uses (a map in tests). */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const mayUseDashboard = (role: Role): boolean => DASHBOARD_ROLES.includes(role);

/** The stored session, if any, still valid and of a role that may use the dashboard. */
export function loadSession(storage: SessionStorageLike | undefined, now: number): SupervisorSession | null {
  try {
    const text = storage?.getItem(SESSION_STORAGE_KEY);
    if (!text) return null;
    const parsed = SupervisorSessionSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.expiresAt <= now || !mayUseDashboard(parsed.data.user.role)) {
      storage?.removeItem(SESSION_STORAGE_KEY);
      return null;
    }
    return parsed.data;
  } catch {
    return null; // storage unavailable or not JSON: sign in again
  }
}

export function saveSession(storage: SessionStorageLike | undefined, session: SupervisorSession): void {
  try {
    storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  } catch {
    // not kept: the session still works until the page is reloaded
  }
}

export function clearSession(storage: SessionStorageLike | undefined): void {
  try {
    storage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // nothing kept
  }
}

/** The browser's sessionStorage, or nothing where it is unavailable (opaque origin, privacy mode). */
export function browserSessionStorage(): SessionStorageLike | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
