import { useMemo } from 'react';
import { useDocumentLanguage } from '../shared/language.tsx';
import type { HallApi } from '../shared/hall-api.ts';
import { kioskApi } from './kiosk-api.ts';
import { KioskFlow } from './KioskFlow.tsx';
import { KioskStartup } from './KioskStartup.tsx';
import { useHallConfig } from './useHallConfig.ts';

export interface KioskTimings {
  /** Nobody touched the kiosk this long: back to the start (and to Bahasa Indonesia). */
  idleMs: number;
  /** How long a new ticket stays on screen. */
  ticketMs: number;
  /** Wait before loading the configuration again after a failure. */
  configRetryMs: number;
  /** Reload the configuration this often while all is well (new services, changed requirements). */
  configRefreshMs: number;
}

export const DEFAULT_KIOSK_TIMINGS: KioskTimings = {
  idleMs: 60_000,
  ticketMs: 10_000,
  configRetryMs: 10_000,
  configRefreshMs: 5 * 60_000,
};

interface KioskProps {
  token: string;
  apiFor: (token: string) => HallApi;
  timings?: Partial<KioskTimings> | undefined;
}

/** The kiosk of an enrolled device: loads the hall configuration, then runs the visitor flow. */
export function Kiosk({ token, apiFor, timings }: KioskProps) {
  const api = useMemo(() => apiFor(token), [apiFor, token]);
  const kiosk = useMemo(() => kioskApi(api), [api]);
  const { idleMs, ticketMs, configRetryMs, configRefreshMs } = { ...DEFAULT_KIOSK_TIMINGS, ...timings };
  const { config, failure, reload } = useHallConfig(api, configRetryMs, configRefreshMs);
  useDocumentLanguage();

  if (config === null || failure?.unauthorized) return <KioskStartup failure={failure} onRetry={reload} />;
  return <KioskFlow config={config} api={kiosk} idleMs={idleMs} ticketMs={ticketMs} />;
}
