import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  DEVICE_TOKEN_PREFIX,
  SESSION_TOKEN_PREFIX,
  type EnrollResponse,
  type LoginResponse,
} from '../../core/api.ts';
import type { DeviceKind, Role } from '../../core/domain.ts';
import { LoketError } from '../../core/errors.ts';
import { StatementCache } from '../../platform/statement-cache.ts';
import { hashPin, hashSecret, newEnrollCode, newToken, verifyPin } from './secrets.ts';
import type { DevicePrincipal, Principal } from './principal.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface AuthServiceDeps {
  db: Database;
  now: () => number;
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  failed_attempts: number;
  locked_until: number | null;
  active: number;
}

const minutes = (ms: number): number => Math.ceil(ms / 60_000);

/**
 * Enrollment of devices, officer sign-in and token checks. Every secret (enrollment code, device
 * token, session token, PIN) is stored only as a hash.
 */
export class AuthService {
  private readonly statements: StatementCache;

  constructor(private readonly deps: AuthServiceDeps) {
    this.statements = new StatementCache(deps.db);
  }

  /** Every request authenticates, so statements are prepared once per service, not per call. */
  private sql<P extends unknown[] = unknown[], R = unknown>(source: string): Statement<P, R> {
    return this.statements.get(source) as unknown as Statement<P, R>;
  }

  createEnrollCode(input: { kind: DeviceKind; counterId: string | null; ttlMinutes: number }) {
    const { now } = this.deps;
    if (input.kind === 'counter') {
      if (!input.counterId) throw new LoketError('invalid_request', 'A counter PC code must name its counter (counterId).', 'counterId');
      if (!this.sql('SELECT 1 FROM counters WHERE id = ?').get(input.counterId)) {
        throw new LoketError('unknown_counter', `There is no counter "${input.counterId}". Check the counter list.`, 'counterId');
      }
    }
    const code = newEnrollCode();
    const expiresAt = now() + input.ttlMinutes * 60_000;
    this.sql(
      `INSERT INTO enroll_codes (code_hash, kind, counter_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(hashSecret(code), input.kind, input.kind === 'counter' ? input.counterId : null, expiresAt, now());
    return { code, kind: input.kind, counterId: input.kind === 'counter' ? input.counterId : null, expiresAt };
  }

  enroll(input: { code: string; name: string }): EnrollResponse {
    const { db, now } = this.deps;
    return db.transaction((): EnrollResponse => {
      const row = this.sql<[string], { kind: DeviceKind; counter_id: string | null; expires_at: number; used_at: number | null }>(
          'SELECT kind, counter_id, expires_at, used_at FROM enroll_codes WHERE code_hash = ?',
        )
        .get(hashSecret(input.code));
      if (!row || row.used_at !== null || row.expires_at <= now()) {
        throw new LoketError(
          'enroll_code_invalid',
          'This enrollment code is unknown, already used or expired. Ask the admin for a new code (it is valid once, for a limited time).',
          'code',
        );
      }
      const deviceId = randomUUID();
      const token = newToken(DEVICE_TOKEN_PREFIX);
      this.sql(
        `INSERT INTO devices (id, name, kind, counter_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(deviceId, input.name, row.kind, row.counter_id, hashSecret(token), now());
      this.sql('UPDATE enroll_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(now(), deviceId, hashSecret(input.code));
      const hall = this.sql<[], { id: string; name: string }>('SELECT id, name FROM hall LIMIT 1').get();
      return { deviceId, token, kind: row.kind, counterId: row.counter_id, hall: hall ?? { id: 'hall', name: 'Loket' } };
    }).immediate();
  }

  /** The principal behind a bearer token, or null if the token is unknown, revoked or expired. */
  authenticate(token: string): Principal | null {
    const { now } = this.deps;
    const hash = hashSecret(token);
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
      const d = this.sql<[string], { id: string; kind: DeviceKind; counter_id: string | null }>(
          'SELECT id, kind, counter_id FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
        )
        .get(hash);
      return d ? { kind: 'device', deviceId: d.id, deviceKind: d.kind, counterId: d.counter_id } : null;
    }
    if (token.startsWith(SESSION_TOKEN_PREFIX)) {
      const s = this.sql<[string, number], { user_id: string; name: string; role: Role; device_id: string | null; counter_id: string | null }>(
          `SELECT s.user_id, u.name, u.role, s.device_id, s.counter_id FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND u.active = 1`,
        )
        .get(hash, now());
      return s
        ? { kind: 'session', sessionHash: hash, user: { id: s.user_id, name: s.name, role: s.role }, deviceId: s.device_id, counterId: s.counter_id }
        : null;
    }
    return null;
  }

  /**
   * PIN sign-in. Officers and technicians sign in at an enrolled counter PC (an officer then acts
   * only for that PC's counter); supervisors and admins may also sign in from the dashboard.
   * Five wrong PINs lock the account for five minutes.
   */
  async login(input: { username: string; pin: string }, device: DevicePrincipal | null): Promise<LoginResponse> {
    const { db, now } = this.deps;
    const wrong = new LoketError('login_failed', 'Wrong username or PIN. Check both and try again.', 'pin');
    const user = this.sql<[string], UserRow>('SELECT id, name, role, pin_hash, failed_attempts, locked_until, active FROM users WHERE username = ?')
      .get(input.username);
    if (!user || !user.active) throw wrong;
    if (user.locked_until !== null && user.locked_until > now()) {
      throw new LoketError(
        'account_locked',
        `Too many wrong PINs: this account is locked for ${minutes(user.locked_until - now())} more minute(s). Wait, or ask a supervisor to reset the PIN.`,
        'pin',
      );
    }
    if (!(await verifyPin(input.pin, user.pin_hash))) {
      const failed = user.failed_attempts + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      this.sql('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(lock ? 0 : failed, lock ? now() + LOCKOUT_MS : null, user.id);
      throw wrong;
    }
    const needsCounterPc = user.role === 'officer' || user.role === 'technician';
    if (needsCounterPc && (device === null || device.deviceKind !== 'counter')) {
      throw new LoketError('device_required', 'Officers and technicians sign in at an enrolled counter PC. Use the Loket counter app.');
    }
    if (user.role === 'officer' && device?.counterId) {
      const allowed = this.sql<[string], { counter_id: string }>('SELECT counter_id FROM user_counters WHERE user_id = ?').all(user.id);
      if (allowed.length > 0 && !allowed.some((a) => a.counter_id === device.counterId)) {
        throw new LoketError('counter_not_allowed', 'You are not assigned to this counter. Ask a supervisor to assign you, or use your own counter.');
      }
    }
    const sessionToken = newToken(SESSION_TOKEN_PREFIX);
    const expiresAt = now() + SESSION_TTL_MS;
    const counterId = device?.counterId ?? null;
    db.transaction(() => {
      this.sql('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(user.id);
      this.sql(
        'INSERT INTO sessions (token_hash, user_id, device_id, counter_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(hashSecret(sessionToken), user.id, device?.deviceId ?? null, counterId, now(), expiresAt);
    })();
    const counter = counterId
      ? (this.sql<[string], { id: string; number: number }>('SELECT id, number FROM counters WHERE id = ?').get(counterId) ?? null)
      : null;
    return { sessionToken, user: { id: user.id, name: user.name, role: user.role }, counter, expiresAt };
  }

  logout(sessionHash: string): void {
    this.sql('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL').run(this.deps.now(), sessionHash);
  }

  async addUser(input: { username: string; name: string; role: Role; pin: string; counterIds: string[] }): Promise<{ id: string }> {
    const { db } = this.deps;
    if (this.sql('SELECT 1 FROM users WHERE username = ?').get(input.username)) {
      throw new LoketError('username_taken', `The username "${input.username}" is taken. Choose another.`, 'username');
    }
    const id = randomUUID();
    const pinHash = await hashPin(input.pin);
    db.transaction(() => {
      this.sql('INSERT INTO users (id, username, name, role, pin_hash) VALUES (?, ?, ?, ?, ?)').run(id, input.username, input.name, input.role, pinHash);
      for (const c of input.counterIds) this.sql('INSERT INTO user_counters (user_id, counter_id) VALUES (?, ?)').run(id, c);
    })();
    return { id };
  }

  /** New PIN, lock lifted, every open session of the user ended. */
  async resetPin(username: string, pin: string): Promise<void> {
    const { db, now } = this.deps;
    const user = this.sql<[string], { id: string }>('SELECT id FROM users WHERE username = ?').get(username);
    if (!user) throw new LoketError('not_found', `There is no user "${username}".`, 'username');
    const pinHash = await hashPin(pin);
    db.transaction(() => {
      this.sql('UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(pinHash, user.id);
      this.sql('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(now(), user.id);
    })();
  }
}
