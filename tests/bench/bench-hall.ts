import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { API_BASE } from '../../core/api.ts';
import type { HallConfig } from '../../core/domain.ts';
import { AuthService } from '../../server/auth/auth-service.ts';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { saveHallConfig } from '../../server/store/hall-config-store.ts';
import { openHallStore } from '../../server/store/open-store.ts';

/**
 * A hall for benchmarks: `counters` counters (`c1`…) each serving the same five services, one
 * officer per counter (`o1`…, PIN 1234), and a keep-alive HTTP client cheap enough that the load
 * generator does not starve the server it measures.
 */
export const SERVICES = ['s1', 's2', 's3', 's4', 's5'];

export function benchHall(counters: number): HallConfig {
  return {
    hall: { id: 'bench', name: 'Bench hall', timeZone: 'Asia/Jakarta', queuePolicy: { mode: 'ratio', normalPerPriority: 2, agingMinutes: 30 } },
    agencies: [{ id: 'a', name: 'Agency', shortName: 'A' }],
    services: SERVICES.map((id, i) => ({ id, agencyId: 'a', name: `Service ${i}`, prefix: String.fromCharCode(65 + i), requirements: '', targetWaitMinutes: 20, targetServiceMinutes: 10, dailyQuota: null })),
    counters: Array.from({ length: counters }, (_, i) => ({
      id: `c${i + 1}`,
      number: i + 1,
      agencyId: 'a',
      services: SERVICES.map((serviceId, k) => ({ serviceId, weight: (i + k) % 3 === 0 ? 2 : 1 })),
    })),
  };
}

/** Writes the bench hall into a data folder; returns one enrollment code per counter and `kiosks` for kiosks. */
export async function prepareBenchHall(dataDir: string, counters: number, kiosks = 1): Promise<{ codes: string[]; kioskCode: string; kioskCodes: string[] }> {
  const db = openHallStore(join(dataDir, HALL_DB_FILE));
  const auth = new AuthService({ db, now: Date.now });
  saveHallConfig(db, benchHall(counters));
  for (let i = 1; i <= counters; i++) await auth.addUser({ username: `o${i}`, name: `Officer ${i}`, role: 'officer', pin: '1234', counterIds: [] });
  const codes = Array.from({ length: counters }, (_, i) => auth.createEnrollCode({ kind: 'counter', counterId: `c${i + 1}`, ttlMinutes: 60 }).code);
  const kioskCodes = Array.from({ length: kiosks }, () => auth.createEnrollCode({ kind: 'kiosk', counterId: null, ttlMinutes: 60 }).code);
  db.close();
  return { codes, kioskCode: kioskCodes[0] as string, kioskCodes };
}

/** node:http with keep-alive: fetch costs the load generator several times more CPU per request. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function api(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; json: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${API_BASE}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function enrollDevice(url: string, code: string): Promise<string> {
  return ((await api(url, 'POST', '/devices/enroll', null, { code, name: 'bench' })).json as { token: string }).token;
}

/** Enrolls counter `i` (0-based), signs its officer in and opens it with every service; the session token. */
export async function openBenchCounter(url: string, code: string, i: number, serviceIds: readonly string[] = SERVICES): Promise<string> {
  const device = await enrollDevice(url, code);
  const login = await api(url, 'POST', '/sessions', device, { username: `o${i + 1}`, pin: '1234' });
  const token = (login.json as { sessionToken: string }).sessionToken;
  await api(url, 'POST', `/counters/c${i + 1}/open`, token, { serviceIds });
  return token;
}
