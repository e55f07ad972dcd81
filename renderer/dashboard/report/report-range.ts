import { daysBetween, REPORT_MAX_DAYS } from '../../../core/reports-api.ts';

/**
 * Report date ranges: the quick picks (today, the last 7 days, this month, last month) from the
 * hall's today, and the checks the server makes, made first. Days are `YYYY-MM-DD` in hall time.
 */
export const QUICK_PICKS = ['today', 'last7', 'thisMonth', 'lastMonth'] as const;
export type QuickPick = (typeof QUICK_PICKS)[number];

export interface DayRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

export function rangeFor(pick: QuickPick, today: string): DayRange {
  switch (pick) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const lastDay = addDays(monthStart(today), -1);
      return { from: monthStart(lastDay), to: lastDay };
    }
  }
}

/** The quick pick a range equals, if any (so its button shows as chosen). */
export function pickOf(range: DayRange, today: string): QuickPick | null {
  return QUICK_PICKS.find((p) => {
    const r = rangeFor(p, today);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

export type RangeProblem = 'missing' | 'reversed' | 'tooLong';

export function rangeProblem(range: DayRange): RangeProblem | null {
  if (!DAY.test(range.from) || !DAY.test(range.to)) return 'missing';
  const days = daysBetween(range.from, range.to);
  if (Number.isNaN(days)) return 'missing';
  if (days < 0) return 'reversed';
  if (days + 1 > REPORT_MAX_DAYS) return 'tooLong';
  return null;
}
