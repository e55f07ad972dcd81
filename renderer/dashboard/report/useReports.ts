import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../core/errors.ts';
import type { Report, ReportGroupBy } from '../../../core/reports-api.ts';
import { isUnauthorized } from '../../shared/hall-api.ts';
import type { ReportRequest, SupervisorApi } from '../supervisor-api.ts';

/**
 * What the report screen shows: the report in the chosen grouping (the table), and the same range
 * and filters grouped by counter (throughput chart) and by hour (waits over the day). One request
 * per grouping, in parallel; a grouping asked twice is asked once.
 */
export interface ReportBundle {
  request: ReportRequest;
  main: Report;
  byCounter: Report;
  byHour: Report;
}

export interface ReportsState {
  /** The last report made (kept on screen while the next one is on its way). */
  bundle: ReportBundle | null;
  loading: boolean;
  problem: ErrorInfo | null;
}

export function useReports(api: SupervisorApi, request: ReportRequest | null, onUnauthorized: () => void): ReportsState {
  const [bundle, setBundle] = useState<ReportBundle | null>(null);
  const [failure, setFailure] = useState<{ request: ReportRequest; error: ErrorInfo } | null>(null);
  const unauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  }, [onUnauthorized]);

  useEffect(() => {
    if (request === null) return;
    let current = true;
    const groupings: ReportGroupBy[] = [...new Set<ReportGroupBy>([request.groupBy, 'counter', 'hour'])];
    void Promise.all(groupings.map((groupBy) => api.report({ ...request, groupBy }))).then((results) => {
      if (!current) return;
      const failed = results.find((r) => !r.ok);
      if (failed !== undefined && !failed.ok) {
        if (isUnauthorized(failed)) unauthorizedRef.current();
        setFailure({ request, error: failed.error });
        return;
      }
      const byGroup = new Map<ReportGroupBy, Report>();
      results.forEach((r, i) => {
        if (r.ok) byGroup.set(groupings[i] as ReportGroupBy, r.value);
      });
      const pick = (g: ReportGroupBy): Report => byGroup.get(g) as Report;
      setFailure(null);
      setBundle({ request, main: pick(request.groupBy), byCounter: pick('counter'), byHour: pick('hour') });
    });
    return () => {
      current = false;
    };
  }, [api, request]);

  const problem = failure !== null && failure.request === request ? failure.error : null;
  const loading = request !== null && bundle?.request !== request && problem === null;
  return { bundle, loading, problem };
}
