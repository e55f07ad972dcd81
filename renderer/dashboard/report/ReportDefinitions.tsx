import { useTranslation } from 'react-i18next';
import type { Report } from '../../../core/reports-api.ts';
import { useDashboardLocale } from '../useDashboardLocale.ts';
import { definitionOf, FIGURE_GROUPS } from './report-figures.ts';

/**
 * What every figure of the table means, beside it, as the report itself sends it (so the screen,
 * the CSV and the workbook say the same), in the shown language. Figures that share a definition
 * are listed together; the notes follow (the one about service filters first when it applies).
 */
export function ReportDefinitions({ report }: { report: Report }) {
  const { t } = useTranslation();
  const { language } = useDashboardLocale();
  const entries: { labels: string[]; text: string }[] = [];
  for (const figure of FIGURE_GROUPS.flatMap((g) => g.figures)) {
    const d = definitionOf(report.definitions, figure);
    const text = d.definition[language];
    const last = entries[entries.length - 1];
    if (last !== undefined && last.text === text) last.labels.push(d.label[language]);
    else entries.push({ labels: [d.label[language]], text });
  }
  const notes = [...report.definitions.notes].sort((a, b) => Number(!report.timeFigures && b.topic === 'service') - Number(!report.timeFigures && a.topic === 'service'));

  return (
    <aside className="report-definitions" aria-labelledby="report-definitions-title" tabIndex={0}>
      <h3 id="report-definitions-title">{t('dashboard.definitionsTitle')}</h3>
      <dl>
        {entries.map((e) => (
          <div key={e.labels.join('|')} className="report-definition">
            <dt>{e.labels.join(' · ')}</dt>
            <dd>{e.text}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('dashboard.notesTitle')}</h4>
      <ul className="report-notes">
        {notes.map((n) => (
          <li key={n.topic} data-topic={n.topic} className={!report.timeFigures && n.topic === 'service' ? 'report-note-active' : undefined}>
            {n.text[language]}
          </li>
        ))}
      </ul>
    </aside>
  );
}
