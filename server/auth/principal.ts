import type { DeviceKind, Role } from '../../core/domain.ts';

/** Who is asking: an enrolled device by its own token, or a person signed in (possibly at a device). */
export type Principal =
  | { kind: 'device'; deviceId: string; deviceKind: DeviceKind; counterId: string | null }
  | {
      kind: 'session';
      sessionHash: string;
      user: { id: string; name: string; role: Role };
      deviceId: string | null;
      counterId: string | null;
    };

export type DevicePrincipal = Extract<Principal, { kind: 'device' }>;
export type SessionPrincipal = Extract<Principal, { kind: 'session' }>;
