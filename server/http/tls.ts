import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** SHA-256 fingerprint (AA:BB:…), shown to technicians and pinned by counter PCs at enrollment. */
  fingerprint256: string;
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** The names and addresses a counter PC may use to reach this server on the LAN. */
function serverNames(): { dns: string[]; ips: string[] } {
  const ips = Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => !!i && !i.internal && i.family === 'IPv4')
    .map((i) => i.address);
  return { dns: ['localhost', hostname()], ips: ['127.0.0.1', ...ips] };
}

/**
 * The server's certificate: the admin's own (certFile/keyFile), or one this server made on its
 * first start and kept in <data>/tls/. Counter PCs pin its fingerprint, so a self-made one is safe.
 */
export async function ensureCertificate(dataDir: string, own?: { certFile: string; keyFile: string }): Promise<TlsMaterial> {
  if (own) {
    const cert = readFileSync(own.certFile, 'utf8');
    return { cert, key: readFileSync(own.keyFile, 'utf8'), fingerprint256: fingerprintOf(cert) };
  }
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const { dns, ips } = serverNames();
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: `Loket hall server ${hostname()}` }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
      ],
    });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert);
  }
  const cert = readFileSync(certFile, 'utf8');
  return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint256: fingerprintOf(cert) };
}
