import { AGE_GROUPS, EDUCATION_LEVELS, OCCUPATIONS, SEXES, SKM_ELEMENT_IDS, computeIkm, type SkmAnswers } from '../../core/ikm.ts';
import type { IkmGroup, IkmReport, IkmReportQuery } from '../../core/visitor-api.ts';
import type { QueueTx } from '../queue/context.ts';

/**
 * The IKM report (DESIGN.md §8, issue 8 §6): per service or agency over a period of service days,
 * the respondents, NRR per element, IKM and grade, computed by core/ikm.ts `computeIkm` from the
 * stored answers themselves (so any figure can be recomputed), with the respondents' profile.
 */

/** One stored response, as the report and the XLSX export read it. */
export interface SkmRow {
  id: number;
  service_day: string;
  created_at: number;
  service_id: string;
  service_name: string;
  agency_id: string;
  agency_name: string;
  u1: number;
  u2: number;
  u3: number;
  u4: number;
  u5: number;
  u6: number;
  u7: number;
  u8: number;
  u9: number;
  age_group: string | null;
  sex: string | null;
  education: string | null;
  occupation: string | null;
  comment: string | null;
  source: string;
}

/** Every response of the period, in the hall's order of agencies and services, then oldest first. */
export function skmRows(tx: QueueTx, from: string, to: string): SkmRow[] {
  return tx
    .sql(
      `SELECT r.id, r.service_day, r.created_at, r.service_id, s.name AS service_name, r.agency_id, a.name AS agency_name,
              r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, r.age_group, r.sex, r.education, r.occupation, r.comment, r.source
       FROM skm_responses r JOIN services s ON s.id = r.service_id JOIN agencies a ON a.id = r.agency_id
       WHERE r.service_day BETWEEN ? AND ?
       ORDER BY a.rowid, s.rowid, r.id`,
    )
    .all(from, to) as SkmRow[];
}

const answersOf = (r: SkmRow): SkmAnswers =>
  Object.fromEntries(SKM_ELEMENT_IDS.map((id) => [id, r[id]])) as SkmAnswers;

function tally(values: readonly string[], rows: readonly SkmRow[], pick: (r: SkmRow) => string | null): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries([...values, ''].map((v) => [v, 0]));
  for (const r of rows) {
    const key = pick(r) ?? '';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function ikmGroup(key: string, label: string, rows: readonly SkmRow[]): IkmGroup {
  const result = computeIkm(rows.map((r) => ({ answers: answersOf(r) })));
  return {
    key,
    label,
    respondents: result.respondents,
    elements: result.elements.map((e) => ({ id: e.id, name: e.name, total: e.total, nrr: e.nrr, weightedNrr: e.weightedNrr, score: e.score })),
    ikmUnit: result.ikmUnit,
    ikm: result.ikm,
    grade: result.grade === null ? null : { grade: result.grade.grade, label: result.grade.label, en: result.grade.en },
    profile: {
      ageGroup: tally(AGE_GROUPS, rows, (r) => r.age_group),
      sex: tally(SEXES, rows, (r) => r.sex),
      education: tally(EDUCATION_LEVELS, rows, (r) => r.education),
      occupation: tally(OCCUPATIONS, rows, (r) => r.occupation),
    },
  };
}

export function ikmReport(tx: QueueTx, query: IkmReportQuery): { report: IkmReport; rows: SkmRow[] } {
  const rows = skmRows(tx, query.from, query.to);
  const groups = new Map<string, { label: string; rows: SkmRow[] }>();
  for (const r of rows) {
    const key = query.groupBy === 'service' ? r.service_id : r.agency_id;
    const label = query.groupBy === 'service' ? `${r.service_name} (${r.agency_name})` : r.agency_name;
    const group = groups.get(key) ?? { label, rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  const report: IkmReport = {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    generatedAt: tx.at,
    groups: [...groups].map(([key, g]) => ikmGroup(key, g.label, g.rows)),
    total: ikmGroup('total', 'Total', rows),
  };
  return { report, rows };
}
