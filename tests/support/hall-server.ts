import { API_BASE } from '../../core/api.ts';
import type { DeviceKind } from '../../core/domain.ts';
import { AuthService } from '../../server/auth/auth-service.ts';
import { DEMO_PINS } from '../../server/demo/demo-hall.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { HALL_DB_FILE, startHallServer, type RunningHallServer } from '../../server/http/hall-server.ts';
import { catchUpRollups } from '../../server/reports/rollup-follower.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir.ts';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A real hall server on 127.0.0.1 (plain HTTP, loopback) over a temporary data folder with the demo hall. */
export interface TestHall {
  server: RunningHallServer;
  dataDir: string;
  api<T = unknown>(method: string, path: string, options?: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<ApiAnswer<T>>;
  enroll(kind: DeviceKind, counterId?: string | null): Promise<string>;
  login(username: string, deviceToken?: string | null, pin?: string): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestHall(options: { now?: () => number; pagesDir?: string; audioDir?: string } = {}): Promise<TestHall> {
  const dir = makeTempDir('loket-hall-');
  const db = openHallStore(join(dir.path, HALL_DB_FILE));
  await seedDemo(db, new AuthService({ db, now: Date.now }));
  db.close();
  const boot = (port = 0) =>
    startHallServer({
      dataDir: dir.path,
      version: 'test',
      port,
      tls: null,
      logLevel: 'silent',
      ...(options.now ? { now: options.now } : {}),
      ...(options.pagesDir ? { pagesDir: options.pagesDir } : {}),
      ...(options.audioDir ? { audioDir: options.audioDir } : {}),
    });
  let server = await boot();

  const hall: TestHall = {
    get server() {
      return server;
    },
    dataDir: dir.path,
    async api<T>(method: string, path: string, o: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers['authorization'] = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${path.startsWith('/api') ? path : API_BASE + path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async enroll(kind, counterId = null) {
      const code = server.ctx.auth.createEnrollCode({ kind, counterId, ttlMinutes: 10 });
      const res = await hall.api<{ token: string }>('POST', '/devices/enroll', { body: { code: code.code, name: `test ${kind}` } });
      if (res.status !== 200) throw new Error(`enroll failed: ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async login(username, deviceToken = null, pin) {
      const role = username.startsWith('petugas') ? 'officer' : (username as 'supervisor' | 'admin');
      const resolvedPin = pin ?? (username === 'teknisi' ? DEMO_PINS.technician : DEMO_PINS[role as keyof typeof DEMO_PINS]);
      const res = await hall.api<{ sessionToken: string }>('POST', '/sessions', { token: deviceToken, body: { username, pin: resolvedPin } });
      if (res.status !== 201) throw new Error(`login of ${username} failed: ${JSON.stringify(res.body)}`);
      return res.body.sessionToken;
    },
    async restart() {
      const port = server.port;
      await server.close();
      server = await boot(port);
    },
    async close() {
      await server.close();
      dir.remove();
    },
  };
  return hall;
}

/**
 * Every row of every table, to prove a refused request changed nothing. The report roll-ups first
 * take up the log (as the running server does every 100 ms), so only a request's own
 * changes can differ.
 */
export function dumpDatabase(hall: TestHall): Record<string, unknown[]> {
  const db = hall.server.ctx.db;
  catchUpRollups(db);
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}
