import { REPORT_DEFINITIONS } from '../../../core/report-definitions.ts';
import type { Report, ReportDefinitions, ReportFigure, ReportGroupBy, ReportRow } from '../../../core/reports-api.ts';
import type { Language } from '../../shared/i18n.ts';
import { formatDay, formatNumber } from '../dashboard-format.ts';
import type { HallLookup } from '../hall-lookup.ts';

/**
 * How the report table lays out the API's figures: every figure of a row, in the API's order,
 * under four headings; each shown as the API gives it (the unit is in the column heading, as in
 * the exports, so the table and the files show the same numbers).
 */
export type FigureHead = 'outcomes' | 'wait' | 'service' | 'time';

export const FIGURE_GROUPS: readonly { head: FigureHead; figures: readonly ReportFigure[] }[] = [
  { head: 'outcomes', figures: ['served', 'pending', 'noShow', 'transferred', 'noShowPct'] },
  { head: 'wait', figures: ['waitN', 'waitAvgS', 'waitMedianS', 'waitP90S', 'withinTargetPct'] },
  { head: 'service', figures: ['serviceN', 'serviceAvgS', 'serviceMedianS', 'serviceP90S'] },
  {
    head: 'time',
    figures: ['signedInS', 'busyS', 'utilisationPct', 'pauseBreakS', 'pausePrayerS', 'pauseSystemS', 'pauseOtherS', 'servedPerOpenHour'],
  },
];

/** The figures the summary and the print view lead with. */
export const KEY_FIGURES: readonly ReportFigure[] = ['served', 'noShowPct', 'waitAvgS', 'waitP90S', 'withinTargetPct', 'serviceAvgS', 'utilisationPct', 'servedPerOpenHour'];

type FigureDefinition = ReportDefinitions['figures'][number];

/** A figure's definition as the report sent it (core/report-definitions.ts when it did not). */
export function definitionOf(definitions: ReportDefinitions, figure: ReportFigure): FigureDefinition {
  return (
    definitions.figures.find((f) => f.figure === figure) ??
    REPORT_DEFINITIONS.figures.find((f) => f.figure === figure) ?? {
      figure,
      unit: 'count',
      label: { id: figure, en: figure },
      definition: { id: '', en: '' },
    }
  );
}

/** A figure as the table shows it: `–` where the report gives none. */
export function formatFigure(value: number | null, language: Language): string {
  return value === null ? '–' : formatNumber(value, language, 2);
}

export interface LabelWords {
  counter: (number: number) => string;
  noOfficer: string;
}

/** A row's name in the shown language (the API names rows in Indonesian). */
export function rowLabel(groupBy: ReportGroupBy, row: ReportRow, lookup: HallLookup, words: LabelWords, language: Language): string {
  switch (groupBy) {
    case 'counter': {
      const counter = lookup.counter(row.key);
      return counter === undefined ? row.label : words.counter(counter.number);
    }
    case 'officer':
      return row.key === '' ? words.noOfficer : row.label;
    case 'day':
      return formatDay(row.key, language, 'short', true);
    default:
      return row.label;
  }
}

/** The figure's value in a row. */
export const figureOf = (row: ReportRow, figure: ReportFigure): number | null => row[figure];

/** True when the report has any row with activity. */
export const hasRows = (report: Report): boolean => report.rows.length > 0;
