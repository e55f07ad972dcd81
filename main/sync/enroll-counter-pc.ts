import type { z } from 'zod';
import { EnrollResponseSchema } from '../../core/api.ts';
import { LoketError } from '../../core/errors.ts';
import type { Enrollment } from './enrollment-store.ts';
import { certificatePin, HallHttp, normalizeFingerprint, probeServer, type ProbeResult } from './hall-http.ts';

export interface EnrollInput {
  url: string;
  code: string;
  name: string;
  /** The fingerprint the technician compared with the one the hall server printed. */
  fingerprint256: string | null;
}

/** The certificate the technician confirmed must be the one the server presents now. */
function checkConfirmedCertificate(probe: ProbeResult, fingerprint256: string | null): void {
  if (probe.fingerprint256 !== null) {
    const confirmed = fingerprint256 === null ? null : normalizeFingerprint(fingerprint256);
    if (confirmed !== probe.fingerprint256) {
      throw new LoketError(
        'certificate_mismatch',
        confirmed === null
          ? `The server at ${probe.url} uses https: compare its certificate fingerprint (${probe.fingerprint256}) with the one the hall server printed, confirm it, and enroll again.`
          : `The server at ${probe.url} now presents certificate ${probe.fingerprint256}, not ${confirmed} that you confirmed. Do not enroll: check the address and the fingerprint the hall server printed, then probe again.`,
        'fingerprint256',
      );
    }
  } else if (fingerprint256 !== null) {
    throw new LoketError(
      'certificate_mismatch',
      `The server at ${probe.url} uses plain http and has no certificate, so the fingerprint you confirmed cannot be checked. Use its https address.`,
      'fingerprint256',
    );
  }
}

/**
 * The enrollment exchange with the hall server: probes it again and requires the certificate the
 * technician confirmed, then enrolls with the code over a connection pinned to that certificate.
 * Answers the enrollment to store and that connection (the caller owns it from then on).
 */
export async function enrollCounterPc(
  input: EnrollInput,
  deps: { ledgerId: string; timeoutMs: number; now: () => number },
): Promise<{ enrollment: Enrollment; http: HallHttp }> {
  const probe = await probeServer(input.url, deps.timeoutMs);
  checkConfirmedCertificate(probe, input.fingerprint256);
  const pin = certificatePin(probe);
  const http = new HallHttp({ url: probe.url, pin });
  let enrolled: z.output<typeof EnrollResponseSchema> | null;
  try {
    enrolled = await http.request('POST', '/devices/enroll', {
      body: { code: input.code, name: input.name, ledgerId: deps.ledgerId },
      schema: EnrollResponseSchema,
      timeoutMs: deps.timeoutMs,
    });
  } catch (error) {
    http.close();
    throw error;
  }
  if (enrolled === null) {
    http.close();
    throw new LoketError('internal', 'The hall server answered the enrollment without a body. Try again with a new code.');
  }
  if (enrolled.kind !== 'counter' || enrolled.counterId === null) {
    http.close();
    throw new LoketError(
      'enroll_code_invalid',
      `That code enrolls a ${enrolled.kind}, not a counter PC, and it is now used. Ask the admin for a counter PC code that names this counter.`,
      'code',
    );
  }
  const enrollment: Enrollment = {
    serverUrl: probe.url,
    deviceId: enrolled.deviceId,
    deviceToken: enrolled.token,
    counterId: enrolled.counterId,
    hallName: enrolled.hall.name,
    certPem: pin?.pem ?? null,
    fingerprint256: pin?.fingerprint256 ?? null,
    enrolledAt: deps.now(),
  };
  return { enrollment, http };
}
