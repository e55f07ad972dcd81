import { act } from 'react';
import type { Root } from 'react-dom/client';
import { REPORT_DEFINITIONS } from '../../../../core/report-definitions.ts';
import type { LiveDashboard, Report, ReportGroupBy, ReportRow } from '../../../../core/reports-api.ts';
import { startDashboardApp } from '../../../../renderer/dashboard/bootstrap.tsx';
import type { DownloadedFile } from '../../../../renderer/dashboard/supervisor-api.ts';
import { SESSION_STORAGE_KEY } from '../../../../renderer/dashboard/supervisor-session.ts';
import { FakeWebSocket } from './board-fakes.ts';
import { memoryStorage, settleFakeTimers } from './dom.ts';

/**
 * A FAKE hall server for the supervisor dashboard's DOM tests, behind a fake fetch that records
 * every request: sign-in, the configuration, the live view, the report and its exports. The real
 * server is driven end to end by tests/e2e/supervisor-dashboard.spec.ts.
 */

export const NOW = Date.UTC(2025, 0, 6, 2, 0, 0); // Monday 6 January 2025, 09:00 in Asia/Jakarta
export const MIN = 60_000;
export const uuid = (n: number): string => `0b7c2f5e-8a41-4b8e-9a0f-${String(n).padStart(12, '0')}`;

export const CONFIG = {
  hall: { id: 'mpp', name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
  agencies: [
    { id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil' },
    { id: 'samsat', name: 'Samsat', shortName: 'Samsat' },
  ],
  services: [
    { id: 'ktp', agencyId: 'dukcapil', name: 'Perekaman KTP-el', prefix: 'A', targetWaitMinutes: 20, targetServiceMinutes: 10 },
    { id: 'kk', agencyId: 'dukcapil', name: 'Kartu Keluarga', prefix: 'B', targetWaitMinutes: 20, targetServiceMinutes: 10 },
    { id: 'pkb', agencyId: 'samsat', name: 'Pajak Kendaraan', prefix: 'S', targetWaitMinutes: 30, targetServiceMinutes: 8 },
  ],
  counters: [1, 2, 3, 4].map((n) => ({ id: `loket-${n}`, number: n, agencyId: n <= 3 ? 'dukcapil' : 'samsat', services: [] })),
};

export const SUPERVISOR_SESSION = { sessionToken: 'lss_supervisor', user: { id: 'u-sup', name: 'Budi Santoso', role: 'supervisor' }, counter: null, expiresAt: NOW + 8 * 3_600_000 };

export function liveFixture(): LiveDashboard {
  return {
    at: NOW,
    counters: [
      { counterId: 'loket-1', number: 1, agencyId: 'dukcapil', status: 'paused', pauseReason: 'prayer', officer: { id: 'u1', name: 'Rina Marlina' }, serving: null, idleSince: null, since: NOW - 5 * MIN },
      {
        counterId: 'loket-2',
        number: 2,
        agencyId: 'dukcapil',
        status: 'open',
        pauseReason: null,
        officer: { id: 'u2', name: 'Dedi Saputra' },
        serving: { ticketId: uuid(12), number: 'A-012', serviceId: 'ktp', status: 'serving' },
        idleSince: null,
        since: NOW - 3 * MIN,
      },
      { counterId: 'loket-3', number: 3, agencyId: 'dukcapil', status: 'open', pauseReason: null, officer: { id: 'u3', name: 'Siti Aminah' }, serving: null, idleSince: NOW - 12 * MIN, since: NOW - 12 * MIN },
      { counterId: 'loket-4', number: 4, agencyId: 'samsat', status: 'closed', pauseReason: null, officer: null, serving: null, idleSince: null, since: 0 },
    ],
    services: [
      { serviceId: 'ktp', name: 'Perekaman KTP-el', agencyId: 'dukcapil', waiting: 3, longestWaitS: 25 * 60 + 10, targetWaitMinutes: 20, overTarget: 1 },
      { serviceId: 'kk', name: 'Kartu Keluarga', agencyId: 'dukcapil', waiting: 0, longestWaitS: null, targetWaitMinutes: 20, overTarget: 0 },
      { serviceId: 'pkb', name: 'Pajak Kendaraan', agencyId: 'samsat', waiting: 1, longestWaitS: 4 * 60, targetWaitMinutes: 30, overTarget: 0 },
    ],
    alerts: [{ serviceId: 'ktp', ticketId: uuid(7), number: 'A-007', priority: 'priority', waitedS: 25 * 60 + 10, targetWaitMinutes: 20 }],
    alarms: [
      { id: 2, at: NOW - 30 * MIN, kind: 'hash_conflict', ledgerId: 'L-77', deviceId: 'dev-2', counterId: 'loket-2', seq: 41, detail: {} },
      { id: 1, at: NOW - 60 * MIN, kind: 'restored_copy', ledgerId: 'L-11', deviceId: 'dev-1', counterId: 'loket-1', seq: 9, detail: { clientLastSeq: 9, serverAckedThrough: 20 } },
    ],
  };
}

const row = (key: string, label: string, over: Partial<ReportRow> = {}): ReportRow => ({
  key,
  label,
  served: 1234,
  pending: 3,
  noShow: 180,
  transferred: 12,
  noShowPct: 12.5,
  waitN: 1429,
  waitAvgS: 754.3,
  waitMedianS: 615,
  waitP90S: 1410,
  withinTargetPct: 87.4,
  serviceN: 1237,
  serviceAvgS: 301.2,
  serviceMedianS: 285,
  serviceP90S: 540,
  signedInS: 123456,
  busyS: 98765,
  utilisationPct: 80,
  pauseBreakS: 3600,
  pausePrayerS: 1800,
  pauseSystemS: 0,
  pauseOtherS: 120,
  servedPerOpenHour: 6.25,
  ...over,
});

export function reportFixture(q: { from: string; to: string; groupBy: ReportGroupBy; agencyId?: string | null; serviceId?: string | null }): Report {
  const days: string[] = [];
  for (let d = Date.parse(`${q.from}T00:00:00Z`); d <= Date.parse(`${q.to}T00:00:00Z`); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  const rows: Record<ReportGroupBy, ReportRow[]> = {
    counter: [row('loket-1', 'Loket 1'), row('loket-2', 'Loket 2', { served: 7, utilisationPct: null })],
    officer: [row('u1', 'Rina Marlina'), row('', '(tanpa petugas)', { served: 2 })],
    service: [row('ktp', 'Perekaman KTP-el', { signedInS: null, busyS: null, utilisationPct: null, servedPerOpenHour: null })],
    agency: [row('dukcapil', 'Disdukcapil')],
    day: [row(q.from, q.from)],
    hour: [row('8', '08:00–09:00', { waitAvgS: 300, waitMedianS: 240, waitP90S: 600 }), row('9', '09:00–10:00', { waitAvgS: 900, waitMedianS: 840, waitP90S: 1500 })],
  };
  return {
    query: { from: q.from, to: q.to, groupBy: q.groupBy, agencyId: q.agencyId ?? null, serviceId: q.serviceId ?? null },
    hall: { name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
    generatedAt: NOW,
    timeFigures: q.groupBy !== 'service' && !q.serviceId,
    rows: rows[q.groupBy],
    totals: row('total', 'Total', { served: 1241, signedInS: 246912 }),
    heatMap: { days, hours: Array.from({ length: 24 }, (_, h) => h), arrivals: days.map((_, i) => Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 15 ? (i + 1) * (h - 7) : 0))) },
    definitions: REPORT_DEFINITIONS,
  };
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> } | { status: number; bytes: Uint8Array<ArrayBuffer>; headers: Record<string, string> } | 'network';

export function createDashboardServer() {
  const requests: SeenRequest[] = [];
  const json = (status: number, body: unknown): Answer => ({ status, body });
  const server = {
    requests,
    signIn: (_body: unknown): Answer => json(201, SUPERVISOR_SESSION),
    config: (): Answer => json(200, CONFIG),
    live: (): Answer => json(200, liveFixture()),
    report: (query: URLSearchParams): Answer =>
      json(200, reportFixture({ from: query.get('from') ?? '', to: query.get('to') ?? '', groupBy: (query.get('groupBy') ?? 'counter') as ReportGroupBy, agencyId: query.get('agencyId'), serviceId: query.get('serviceId') })),
    exportFile: (format: string): Answer => ({
      status: 200,
      bytes: format === 'xlsx' ? new Uint8Array([0x50, 0x4b, 3, 4]) : new TextEncoder().encode('Loket;Dilayani\n'),
      headers: { 'content-disposition': `attachment; filename="laporan-loket-2025-01-01-2025-01-06.${format}"` },
    }),
    /** Requests to a path, oldest first. */
    to(path: string): SeenRequest[] {
      return requests.filter((r) => r.path === path);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://hall.test');
      const path = url.pathname.replace(/^\/api\/v1/, '');
      const request: SeenRequest = {
        method: init?.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: new Headers(init?.headers),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      requests.push(request);
      const route = `${request.method} ${path}`;
      const answer: Answer =
        route === 'POST /sessions'
          ? server.signIn(request.body)
          : route === 'DELETE /sessions/current'
            ? { status: 204, body: null }
            : route === 'GET /config'
              ? server.config()
              : route === 'GET /dashboard/live'
                ? server.live()
                : route === 'GET /reports'
                  ? server.report(url.searchParams)
                  : route.startsWith('GET /reports/export.')
                    ? server.exportFile(path.slice('/reports/export.'.length))
                    : json(404, { error: { code: 'no_such_route', message: `no ${route}` } });
      if (answer === 'network') throw new TypeError('Failed to fetch');
      if ('bytes' in answer) return new Response(answer.bytes, { status: answer.status, headers: answer.headers });
      return new Response(answer.body === null ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
    }) as typeof fetch,
  };
  return server;
}

export type DashboardServer = ReturnType<typeof createDashboardServer>;

export const signedInStorage = () =>
  memoryStorage({
    [SESSION_STORAGE_KEY]: JSON.stringify({ token: SUPERVISOR_SESSION.sessionToken, user: SUPERVISOR_SESSION.user, expiresAt: SUPERVISOR_SESSION.expiresAt }),
  });

/** Mounts the dashboard over the fake server; `saved` and `printed` record the exports and print calls. */
export async function mountDashboard(server: DashboardServer, storage = memoryStorage(), languageStorage = memoryStorage()) {
  const saved: DownloadedFile[] = [];
  let printed = 0;
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | null = null;
  await act(async () => {
    root = startDashboardApp(container, {
      sessionStorage: storage,
      languageStorage,
      fetch: server.fetch,
      streamUrl: 'ws://hall.test/api/v1/stream',
      createSocket: (url) => new FakeWebSocket(url),
      now: () => Date.now(),
      save: (file) => saved.push(file),
      print: () => {
        printed++;
      },
    });
  });
  await settleFakeTimers();
  return {
    storage,
    saved,
    get printed() {
      return printed;
    },
    unmount: async () => {
      await act(async () => root?.unmount());
    },
  };
}
