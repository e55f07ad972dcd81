import type { Root } from 'react-dom/client';
import type { DeviceStorage } from '../shared/device-enrollment.tsx';
import { mountHallPage } from '../shared/hall-page.tsx';
import { createI18n } from '../shared/i18n.ts';
import { Kiosk, type KioskTimings } from './Kiosk.tsx';

export interface KioskOptions {
  /** Where the enrollment is kept (localStorage in the browser, a map in tests). */
  storage?: DeviceStorage;
  /** The hall server's fetch (a fake in tests). */
  fetch?: typeof fetch;
  /** '' = the page's own origin, which serves the API. */
  baseUrl?: string;
  timings?: Partial<KioskTimings>;
}

/**
 * Mounts the kiosk: the setup screen until the device is enrolled, then the visitor flow. The
 * language is not remembered on purpose: every visitor starts in Bahasa Indonesia.
 */
export function startKioskApp(container: Element, options: KioskOptions = {}): Root {
  return mountHallPage(container, 'kiosk', createI18n(), options, (device, apiFor) => (
    <Kiosk token={device.token} apiFor={apiFor} timings={options.timings} />
  ));
}
