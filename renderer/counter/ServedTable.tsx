import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../core/domain.ts';
import type { ServedVisit } from '../../core/ipc.ts';
import { formatDurationWords, formatTime } from '../shared/format.ts';

interface ServedTableProps {
  served: readonly ServedVisit[];
  services: readonly Service[];
  timeZone: string;
}

/** Today's finished visits, newest first. The outcome is a word (and a symbol), never colour alone. */
export function ServedTable({ served, services, timeZone }: ServedTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const units = { hour: t('unit.hour'), minute: t('unit.minute'), second: t('unit.second') };
  const serviceName = (id: string): string => services.find((s) => s.id === id)?.name ?? id;
  const rows = [...served].sort((a, b) => b.finishedAt - a.finishedAt || b.startedAt - a.startedAt);
  return (
    // A scrolling region must be reachable by keyboard to be scrolled without a mouse.
    <div className="served-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="served">
        <caption id={captionId}>{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.number')}</th>
            <th scope="col">{t('table.service')}</th>
            <th scope="col">{t('table.outcome')}</th>
            <th scope="col">{t('table.start')}</th>
            <th scope="col">{t('table.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="served-empty">
                {t('table.empty')}
              </td>
            </tr>
          ) : (
            rows.map((visit) => (
              <tr key={visit.ticketId}>
                <th scope="row" className="served-number">
                  {visit.number}
                </th>
                <td>{serviceName(visit.serviceId)}</td>
                <td className={`outcome outcome-${visit.outcome}`}>
                  <span aria-hidden="true">{visit.outcome === 'served' ? '✓ ' : '○ '}</span>
                  {t(`outcome.${visit.outcome}`)}
                </td>
                <td className="served-time">{formatTime(visit.startedAt, timeZone)}</td>
                <td className="served-time">{formatDurationWords(visit.serviceMs, units)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
