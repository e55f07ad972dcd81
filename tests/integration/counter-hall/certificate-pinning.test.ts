import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../core/ipc.ts';
import type { HeadlessHost } from '../../../main/headless/host.ts';
import { ENROLLMENT_KEY } from '../../../main/sync/enrollment-store.ts';
import { HallHttp } from '../../../main/sync/hall-http.ts';
import { HealthSchema } from '../../../core/api.ts';
import { LoketError } from '../../../core/errors.ts';
import { AuthService } from '../../../server/auth/auth-service.ts';
import { seedDemo } from '../../../server/demo/seed-demo.ts';
import { HALL_DB_FILE, startHallServer, type RunningHallServer } from '../../../server/http/hall-server.ts';
import { ensureCertificate, type TlsMaterial } from '../../../server/http/tls.ts';
import { openHallStore } from '../../../server/store/open-store.ts';
import { connectBridge, startCounterHost, type BridgeClient, type BridgeResult } from '../../support/counter-host.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

/**
 * HTTPS with certificate pinning against a real hall server on 127.0.0.1: the technician probes,
 * compares the fingerprint, enrolls; when the server later presents ANOTHER certificate (a
 * reinstall, or someone in the middle), the counter refuses to talk to it.
 */

const QUIET = { warn: () => undefined };

function value<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function failure(result: BridgeResult): { code: string; message: string; field?: string } {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  expect(result.error.message.length).toBeGreaterThan(20);
  return result.error;
}

describe('counter ↔ hall server over HTTPS with a pinned certificate', () => {
  const hallDir = makeTempDir('loket-hall-tls-');
  const certDirA = makeTempDir('loket-cert-a-');
  const certDirB = makeTempDir('loket-cert-b-');
  const counterDir = makeTempDir('loket-counter-tls-');
  let tlsA: TlsMaterial;
  let tlsB: TlsMaterial;
  let server: RunningHallServer;
  let host: HeadlessHost;
  let page: BridgeClient;

  const boot = (tls: TlsMaterial, port = 0) =>
    startHallServer({ dataDir: hallDir.path, version: 'test', host: '127.0.0.1', port, tls: { key: tls.key, cert: tls.cert }, logLevel: 'silent' });

  beforeAll(async () => {
    const db = openHallStore(join(hallDir.path, HALL_DB_FILE));
    await seedDemo(db, new AuthService({ db, now: Date.now }));
    db.close();
    tlsA = await ensureCertificate(certDirA.path);
    tlsB = await ensureCertificate(certDirB.path);
    expect(tlsB.fingerprint256).not.toBe(tlsA.fingerprint256);
    server = await boot(tlsA);
    host = await startCounterHost(counterDir.path, 'loket-1', 0, { feed: { backoff: { initialMs: 50, maxMs: 300 } }, log: QUIET });
    page = await connectBridge(host);
  });
  afterAll(async () => {
    page.close();
    await host.close();
    await server.close();
    for (const d of [hallDir, certDirA, certDirB, counterDir]) d.remove();
  });

  it('the probe shows the fingerprint the hall server printed', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const probe = value(await page.call('probeServer', { url: server.url }));
    expect(probe).toEqual({ url: server.url, fingerprint256: tlsA.fingerprint256, version: 'test' });
  });

  it('refuses to enroll when the fingerprint confirmed is not the one presented (or none was confirmed)', async () => {
    const code = server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 });
    const wrong = failure(await page.call('enrollDevice', { url: server.url, code: code.code, name: 'PC Loket 1', fingerprint256: tlsB.fingerprint256 }));
    expect(wrong).toMatchObject({ code: 'certificate_mismatch', field: 'fingerprint256' });
    const unconfirmed = failure(await page.call('enrollDevice', { url: server.url, code: code.code, name: 'PC Loket 1', fingerprint256: null }));
    expect(unconfirmed.code).toBe('certificate_mismatch');
    expect(host.services.ledger.getSetting(ENROLLMENT_KEY)).toBeNull();
    expect(value(await page.call<ConnectionState>('getConnection')).enrolled).toBe(false);
  });

  it('enrolls with the confirmed fingerprint (typed any way), pins the certificate and goes online', async () => {
    const code = server.ctx.auth.createEnrollCode({ kind: 'counter', counterId: 'loket-1', ttlMinutes: 10 });
    const online = page.nextPush<ConnectionState>('connectionChanged', (c) => c.online);
    const typed = tlsA.fingerprint256.toLowerCase(); // as a technician might type it
    const c = value(await page.call<ConnectionState>('enrollDevice', { url: server.url, code: code.code, name: 'PC Loket 1', fingerprint256: typed }));
    expect(c).toMatchObject({ enrolled: true, serverUrl: server.url, fingerprint256: tlsA.fingerprint256, counterId: 'loket-1' });
    await online;
    const stored = JSON.parse(host.services.ledger.getSetting(ENROLLMENT_KEY) ?? '{}') as { certPem?: string };
    expect(stored.certPem?.replace(/\s/g, '')).toBe(tlsA.cert.replace(/\s/g, ''));
    // Sign-in and the queue travel over the pinned connection.
    expect(value(await page.call<ConnectionState>('signIn', { username: 'petugas01', pin: '1234' })).officer).not.toBeNull();
    value(await page.call('openCounter', { serviceIds: ['ktp-el'] }));
    expect(value(await page.call('getQueue'))).toEqual([]);
  });

  it('refuses the server once it presents a different certificate: certificate_mismatch, and the feed stays offline', async () => {
    const offline = page.nextPush<ConnectionState>('connectionChanged', (c) => !c.online);
    const port = server.port;
    await server.close();
    server = await boot(tlsB, port);
    await offline;
    const refused = failure(await page.call('callNext'));
    expect(refused.code).toBe('certificate_mismatch');
    expect(failure(await page.call('getQueue')).code).toBe('certificate_mismatch');
    // The live feed keeps retrying (quick backoff here) but never accepts the new certificate.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(value(await page.call<ConnectionState>('getConnection')).online).toBe(false);
    expect(server.ctx.hub.size).toBe(0);
  });

  it('checks the fingerprint even when the certificate chain verifies (host name check replaced by the pin)', async () => {
    // Trusting B as the CA but expecting A's fingerprint: the chain verifies, the pin does not.
    const mismatched = new HallHttp({ url: server.url, pin: { pem: tlsB.cert, fingerprint256: tlsA.fingerprint256 } });
    const error = await mismatched.request('GET', '/health', { schema: HealthSchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoketError);
    expect((error as LoketError).code).toBe('certificate_mismatch');
    mismatched.close();
    // B pinned as B: accepted.
    const pinned = new HallHttp({ url: server.url, pin: { pem: tlsB.cert, fingerprint256: tlsB.fingerprint256 } });
    expect(await pinned.request('GET', '/health', { schema: HealthSchema })).toMatchObject({ status: 'ok', version: 'test' });
    pinned.close();
  });

  it('keeps one pinned connection for many requests: no TLS handshake per call', async () => {
    let connections = 0;
    const count = (): void => void (connections += 1);
    server.app.server.on('secureConnection', count);
    const pinned = new HallHttp({ url: server.url, pin: { pem: tlsB.cert, fingerprint256: tlsB.fingerprint256 } });
    try {
      for (let i = 0; i < 5; i++) expect(await pinned.request('GET', '/health', { schema: HealthSchema })).toMatchObject({ status: 'ok' });
      expect(connections).toBe(1);
    } finally {
      pinned.close();
      server.app.server.off('secureConnection', count);
    }
  });
});
