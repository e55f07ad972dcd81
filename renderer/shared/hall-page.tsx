import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { DeviceGate, type DeviceStorage, type EnrolledDevice } from './device-enrollment.tsx';
import { createHallApi, type HallApi } from './hall-api.ts';
import { currentLanguage } from './i18n.ts';

export interface HallPageOptions {
  storage?: DeviceStorage | undefined;
  fetch?: typeof fetch;
  baseUrl?: string;
}

/**
 * Mounts a hall page (kiosk, display board): the setup screen until the device is enrolled, then
 * `page`, which gets the hall API for a token (asked in the shown language).
 */
export function mountHallPage(
  container: Element,
  kind: 'kiosk' | 'board',
  i18n: I18n,
  options: HallPageOptions,
  page: (device: EnrolledDevice, apiFor: (token: string | null) => HallApi) => ReactNode,
): Root {
  document.documentElement.lang = currentLanguage(i18n);
  const apiFor = (token: string | null): HallApi =>
    createHallApi({ baseUrl: options.baseUrl, token, fetch: options.fetch, language: () => currentLanguage(i18n) });
  const enroll = apiFor(null).enroll;
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <DeviceGate kind={kind} storage={options.storage} enroll={enroll}>
          {(device) => page(device, apiFor)}
        </DeviceGate>
      </I18nextProvider>
    </StrictMode>,
  );
  return root;
}
