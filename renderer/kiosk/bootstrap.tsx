import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { DeviceGate, type DeviceStorage } from '../shared/device-enrollment.tsx';
import { createHallApi, type HallApi } from '../shared/hall-api.ts';
import { createI18n, currentLanguage } from '../shared/i18n.ts';
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
  const i18n = createI18n();
  document.documentElement.lang = currentLanguage(i18n);
  const apiFor = (token: string | null): HallApi =>
    createHallApi({ baseUrl: options.baseUrl, token, fetch: options.fetch, language: () => currentLanguage(i18n) });
  const enroll = apiFor(null).enroll;
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <DeviceGate kind="kiosk" storage={options.storage} enroll={enroll}>
          {(device) => <Kiosk token={device.token} apiFor={apiFor} timings={options.timings} />}
        </DeviceGate>
      </I18nextProvider>
    </StrictMode>,
  );
  return root;
}
