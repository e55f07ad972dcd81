import type { TFunction } from 'i18next';
import type { OpeningHours, Service } from '../../core/domain.ts';
import { isOpenAt } from '../../core/opening-hours.ts';

/** Whether a service takes numbers now, by the same rule as the hall server (core/opening-hours.ts). */
export const isClosedNow = (service: Service, now: number, timeZone: string): boolean =>
  service.openingHours !== undefined && !isOpenAt(service.openingHours, now, timeZone);

/** `Senin–Jumat, pukul 08.00–15.00` in the page's language. */
export function hoursText(t: TFunction, hours: OpeningHours): string {
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const name = (d: number): string => t(`kiosk.day${d}` as 'kiosk.day0');
  const run = days.length > 2 && days.every((d, i) => i === 0 || d === (days[i - 1] ?? -2) + 1);
  const first = days[0];
  const last = days[days.length - 1];
  const dayText = run && first !== undefined && last !== undefined ? `${name(first)}–${name(last)}` : days.map(name).join(', ');
  return t('kiosk.hours', { days: dayText, open: hours.open, close: hours.close });
}
