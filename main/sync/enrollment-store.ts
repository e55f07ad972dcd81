import { z } from 'zod';
import { HallConfigSchema, IdSchema, type HallConfig } from '../../core/domain.ts';

/**
 * What this PC keeps about its hall server, in the ledger's `settings` table: the enrollment (one
 * JSON value, so it is written whole or not at all) and the last hall configuration pulled, so the
 * counter still knows its services while the server is unreachable.
 */
export const ENROLLMENT_KEY = 'hall.enrollment';
export const HALL_CONFIG_KEY = 'hall.config';

export const EnrollmentSchema = z.object({
  serverUrl: z.string(),
  /** The id the hall server gave this PC (not the ledger's own device id). */
  deviceId: IdSchema,
  deviceToken: z.string().min(1),
  counterId: IdSchema,
  hallName: z.string(),
  /** The pinned server certificate; both null for plain http on loopback (development). */
  certPem: z.string().nullable(),
  fingerprint256: z.string().nullable(),
  enrolledAt: z.number().int(),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** The part of the ledger this store needs (the settings table). */
export interface SettingsStore {
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
}

function readJson<S extends z.ZodType>(settings: SettingsStore, key: string, schema: S): z.output<S> | null {
  const text = settings.getSetting(key);
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function loadEnrollment(settings: SettingsStore): Enrollment | null {
  return readJson(settings, ENROLLMENT_KEY, EnrollmentSchema);
}

export function saveEnrollment(settings: SettingsStore, enrollment: Enrollment): void {
  settings.setSetting(ENROLLMENT_KEY, JSON.stringify(EnrollmentSchema.parse(enrollment)));
}

/** The cached configuration names the enrollment it was pulled under, so a re-enrolled PC never uses another hall's. */
const CachedConfigSchema = z.object({ deviceId: IdSchema, config: HallConfigSchema });

export function loadHallConfig(settings: SettingsStore, enrollment: Enrollment): HallConfig | null {
  const cached = readJson(settings, HALL_CONFIG_KEY, CachedConfigSchema);
  return cached !== null && cached.deviceId === enrollment.deviceId ? cached.config : null;
}

export function saveHallConfig(settings: SettingsStore, enrollment: Enrollment, config: HallConfig): void {
  settings.setSetting(HALL_CONFIG_KEY, JSON.stringify({ deviceId: enrollment.deviceId, config }));
}
