import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DurationUnits } from '../shared/format.ts';
import { currentLanguage, type Language } from '../shared/i18n.ts';

/** The shown language and its duration unit words, for the dashboard's number and time formats. */
export function useDashboardLocale(): { language: Language; units: DurationUnits } {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const units = useMemo(() => ({ hour: t('unit.hour'), minute: t('unit.minute'), second: t('unit.second') }), [t]);
  return { language, units };
}
