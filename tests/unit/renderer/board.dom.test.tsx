import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardSnapshot, CounterState } from '../../../core/api.ts';
import { gridColumns } from '../../../renderer/board/CounterGrid.tsx';
import { startBoardApp } from '../../../renderer/board/bootstrap.tsx';
import type { DeviceStorage } from '../../../renderer/shared/device-enrollment.tsx';
import type { WebSocketLike } from '../../../renderer/shared/hall-stream.ts';
import { memoryStorage, settleFakeTimers as settle, waitFakeTimers as wait } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// ---------------------------------------------------------------------------------------------
// FAKES: a hall server behind fetch (config and board snapshot) and a WebSocket the test drives
// as the server would. The real server and its feed are tested end to end elsewhere.
// ---------------------------------------------------------------------------------------------

const NOW = Date.UTC(2025, 0, 6, 2, 0, 0); // Monday 09:00 in Asia/Jakarta
const uuid = (n: number): string => `0b7c2f5e-8a41-4b8e-9a0f-${String(n).padStart(12, '0')}`;

const CONFIG = {
  hall: { id: 'mpp', name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
  agencies: [
    { id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1565c0' },
    { id: 'samsat', name: 'Samsat', shortName: 'Samsat', color: '#f9a825' },
  ],
  services: [
    { id: 'ktp', agencyId: 'dukcapil', name: 'Perekaman KTP-el', prefix: 'A', targetWaitMinutes: 15, targetServiceMinutes: 10 },
    { id: 'pkb', agencyId: 'samsat', name: 'Pajak kendaraan', prefix: 'S', targetWaitMinutes: 15, targetServiceMinutes: 10 },
  ],
  counters: [],
};

function counter(number: number, agencyId: string, patch: Partial<CounterState> = {}): CounterState {
  return {
    counterId: `c${number}`,
    number,
    agencyId,
    status: 'open',
    pauseReason: null,
    officer: { id: `u${number}`, name: ['Budi Santoso', 'Siti Aminah', 'Agus Salim', 'Dewi Lestari', 'Rina Wati'][number - 1] ?? 'X' },
    serviceIds: [],
    current: null,
    since: NOW - 600_000,
    ...patch,
  };
}

function snapshot(): BoardSnapshot {
  return {
    recentCalls: [
      {
        ticketId: uuid(11),
        number: 'A-011',
        serviceId: 'ktp',
        agencyId: 'dukcapil',
        counterId: 'c1',
        counterNumber: 1,
        calledAt: NOW - 60_000,
        callCount: 1,
      },
      {
        ticketId: uuid(3),
        number: 'S-003',
        serviceId: 'pkb',
        agencyId: 'samsat',
        counterId: 'c4',
        counterNumber: 4,
        calledAt: NOW - 300_000,
        callCount: 1,
      },
    ],
    counters: [
      counter(5, 'samsat', { status: 'closed', officer: null }),
      counter(1, 'dukcapil', { current: { ticketId: uuid(11), number: 'A-011', status: 'serving' }, since: NOW - 60_000 }),
      counter(2, 'dukcapil'),
      counter(3, 'dukcapil'),
      counter(4, 'samsat', { status: 'paused', pauseReason: 'break' }),
    ],
  };
}

type FakeAnswer = { status: number; body: unknown };

function createFakeHallServer() {
  const requests: Array<{ method: string; path: string; headers: Headers; body: unknown }> = [];
  const server = {
    requests,
    boardCount: () => requests.filter((r) => r.path === '/board').length,
    config: (): FakeAnswer | Promise<FakeAnswer> => ({ status: 200, body: CONFIG }),
    board: (): FakeAnswer | Promise<FakeAnswer> => ({ status: 200, body: snapshot() }),
    enroll: (): FakeAnswer => ({
      status: 200,
      body: { deviceId: 'dev-b1', token: 'ldv_board', kind: 'board', counterId: null, hall: { id: 'mpp', name: 'MPP' } },
    }),
    fakeFetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = String(input).replace(/^.*\/api\/v1/, '');
      const method = init?.method ?? 'GET';
      requests.push({ method, path, headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
      const route = `${method} ${path}`;
      const answer = await (route === 'GET /config'
        ? server.config()
        : route === 'GET /board'
          ? server.board()
          : route === 'POST /devices/enroll'
            ? server.enroll()
            : { status: 404, body: { error: { code: 'no_such_route', message: route } } });
      const text = JSON.stringify(answer.body);
      return { status: answer.status, text: async () => text } as Response; // what hall-api reads
    }) as typeof fetch,
  };
  return server;
}

class FakeWebSocket implements WebSocketLike {
  static readonly all: FakeWebSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  closedByClient = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }

  /** The socket the page is using now (StrictMode opens and closes one first). */
  static current(): FakeWebSocket {
    const socket = [...FakeWebSocket.all].reverse().find((s) => !s.closedByClient && s.readyState !== 3);
    if (!socket) throw new Error('the page has no open socket');
    return socket;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  serverOpens(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  serverSends(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  serverCloses(code = 1001): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

const ENROLLED = { 'loket.device.board': JSON.stringify({ deviceId: 'dev-b1', token: 'ldv_board', kind: 'board' }) };

// ---------------------------------------------------------------------------------------------

let root: Root | null = null;

beforeEach(() => {
  FakeWebSocket.all.length = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

async function mount(
  server = createFakeHallServer(),
  options: { storage?: DeviceStorage; message?: string | null } = {},
): Promise<ReturnType<typeof createFakeHallServer>> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startBoardApp(container, {
      storage: options.storage ?? memoryStorage(ENROLLED),
      fetch: server.fakeFetch,
      streamUrl: 'ws://hall.test/api/v1/stream',
      createSocket: (url) => new FakeWebSocket(url),
      message: options.message === undefined ? 'Loket Samsat buka sampai pukul 15.00' : options.message,
    });
  });
  await settle();
  return server;
}

/** The server side of a (re)connection: open, check the auth frame, say hello. */
async function goLive(): Promise<FakeWebSocket> {
  const socket = FakeWebSocket.current();
  await act(async () => socket.serverOpens());
  expect(JSON.parse(socket.sent[0] ?? '{}')).toEqual({ type: 'auth', token: 'ldv_board' });
  await act(async () => socket.serverSends({ type: 'hello', at: Date.now(), version: '0.1.0' }));
  await settle();
  return socket;
}

/** Sends one message and looks at the page before any timer runs: "within milliseconds". */
async function push(socket: FakeWebSocket, message: unknown): Promise<void> {
  await act(async () => socket.serverSends(message));
}

function ticketMessage(event: string, n: number, patch: Record<string, unknown> = {}) {
  return {
    type: 'ticket',
    event,
    at: Date.now(),
    ticket: {
      id: uuid(n),
      number: `A-${String(n).padStart(3, '0')}`,
      serviceId: 'ktp',
      agencyId: 'dukcapil',
      status: 'called',
      priority: 'normal',
      counterId: 'c3',
      counterNumber: 3,
      callCount: 1,
      queuedAt: NOW - 900_000,
      calledAt: Date.now(),
      ...patch,
    },
  };
}

const bigCall = (): HTMLElement | null => document.querySelector('.now .call');
const tile = (number: number): HTMLElement | null => document.querySelector(`[data-counter="${number}"]`);
const tileValue = (number: number): string => tile(number)?.querySelector('.counter-value')?.textContent ?? '';
const history = (): string[] => Array.from(document.querySelectorAll('.history-item')).map((e) => e.textContent ?? '');
const badge = (): string => document.querySelector('.connection')?.textContent ?? '';

// ---------------------------------------------------------------------------------------------

describe('display board: what it shows', () => {
  it('shows the snapshot: latest call large in its agency colour, every counter, time and running text', async () => {
    const server = await mount();
    await goLive();
    expect(server.requests.find((r) => r.path === '/board')?.headers.get('authorization')).toBe('Bearer ldv_board');

    const call = bigCall();
    expect(call?.textContent).toContain('A-011');
    expect(call?.textContent).toContain('→ Loket 1');
    expect(call?.textContent).toContain('Disdukcapil · Perekaman KTP-el');
    expect(call?.getAttribute('aria-label')).toBe('Nomor A-011 silakan ke loket 1');
    expect(call?.style.getPropertyValue('--agency')).toBe('#1565c0');
    expect(call?.classList.contains('call-fresh')).toBe(false); // a board that just started does not flash

    expect(Array.from(document.querySelectorAll('.counter-tile')).map((e) => e.getAttribute('data-counter'))).toEqual(['1', '2', '3', '4', '5']);
    expect(tileValue(1)).toBe('A-011');
    expect(tileValue(2)).toBe('Siap');
    expect(tileValue(4)).toBe('Istirahat');
    expect(tileValue(5)).toBe('Tutup');
    expect(tile(4)?.classList.contains('counter-paused')).toBe(true);
    expect(history()).toEqual(['S-003→Loket 4']);

    expect(document.querySelector('.board-clock')?.textContent).toContain('09:00');
    expect(document.querySelector('.board-date')?.textContent).toBe('Senin, 6 Januari 2025');
    expect(document.querySelector('.ticker')?.textContent).toBe('MPP Kota Contoh · Loket Samsat buka sampai pukul 15.00');
    expect(badge()).toBe('');
  });

  it('shows no personal data: officer names from the feed never reach the page', async () => {
    await mount();
    const socket = await goLive();
    await push(socket, { type: 'counter', event: 'opened', at: Date.now(), counter: counter(3, 'dukcapil', { since: Date.now() }) });
    const text = document.body.textContent ?? '';
    for (const name of ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina']) expect(text).not.toContain(name);
  });

  it('uses a friendly running text when none is configured', async () => {
    await mount(undefined, { message: null });
    await goLive();
    expect(document.querySelector('.ticker')?.textContent).toBe(
      'MPP Kota Contoh · Selamat datang. Ambil nomor antrean di kiosk, lalu tunggu nomor Anda dipanggil di papan ini.',
    );
  });

  it('fits any number of counters: the columns that give the largest numbers', () => {
    expect([1, 3, 5, 12, 20, 30, 48].map((n) => gridColumns(n))).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect(gridColumns(4, 2)).toBe(2); // a wider area takes more columns
  });
});

describe('display board: live', () => {
  it('a called message updates the big call and the counter tile at once; the previous call moves down', async () => {
    await mount();
    const socket = await goLive();
    await push(socket, ticketMessage('called', 12));

    const call = bigCall();
    expect(call?.textContent).toContain('A-012');
    expect(call?.textContent).toContain('→ Loket 3');
    expect(call?.classList.contains('call-fresh')).toBe(true);
    expect(tileValue(3)).toBe('A-012');
    expect(tile(3)?.classList.contains('counter-called')).toBe(true);
    expect(tile(3)?.classList.contains('counter-fresh')).toBe(true);
    expect(history()).toEqual(['A-011→Loket 1', 'S-003→Loket 4']);

    await wait(10_000);
    expect(bigCall()?.classList.contains('call-fresh')).toBe(false);
    expect(tile(3)?.classList.contains('counter-fresh')).toBe(false);
  });

  it('a recall highlights the call again; the same call repeated does not', async () => {
    await mount();
    const socket = await goLive();
    await push(socket, ticketMessage('called', 12));
    await wait(10_000);
    const before = bigCall();
    expect(before?.classList.contains('call-fresh')).toBe(false);

    await push(socket, ticketMessage('called', 12)); // a duplicate (e.g. replayed): nothing changes
    expect(bigCall()).toBe(before);
    expect(bigCall()?.classList.contains('call-fresh')).toBe(false);

    await push(socket, ticketMessage('called', 20, { counterId: 'c2', counterNumber: 2 }));
    await push(socket, ticketMessage('recalled', 12, { callCount: 2 }));
    const again = bigCall();
    expect(again).not.toBe(before); // drawn anew, so the highlight animation plays again
    expect(again?.textContent).toContain('A-012');
    expect(again?.getAttribute('data-call-count')).toBe('2');
    expect(again?.classList.contains('call-fresh')).toBe(true);
    expect(history()[0]).toBe('A-020→Loket 2');
  });

  it('follows the ticket at its counter: started, then finished', async () => {
    await mount();
    const socket = await goLive();
    await push(socket, ticketMessage('called', 12));
    expect(tile(3)?.classList.contains('counter-called')).toBe(true);
    await push(socket, ticketMessage('started', 12, { status: 'serving' }));
    expect(tileValue(3)).toBe('A-012');
    expect(tile(3)?.classList.contains('counter-serving')).toBe(true);
    await push(socket, ticketMessage('finished', 12, { status: 'done' }));
    expect(tileValue(3)).toBe('Siap');
    expect(bigCall()?.textContent).toContain('A-012'); // the call stays on the board
  });

  it('a ticket returned to the queue leaves the board', async () => {
    await mount();
    const socket = await goLive();
    await push(socket, ticketMessage('called', 12));
    await push(socket, ticketMessage('returned', 12, { status: 'waiting', counterId: null, counterNumber: null }));
    expect(bigCall()?.textContent).toContain('A-011');
    expect(tileValue(3)).toBe('Siap');
  });

  it('counter messages update the tiles; a late, older message does not undo a newer state', async () => {
    await mount();
    const socket = await goLive();
    vi.setSystemTime(NOW + 5_000);
    await push(socket, { type: 'counter', event: 'paused', at: Date.now(), counter: counter(2, 'dukcapil', { status: 'paused', pauseReason: 'prayer', since: Date.now() }) });
    expect(tileValue(2)).toBe('Ishoma');
    await push(socket, { type: 'counter', event: 'closed', at: Date.now(), counter: counter(3, 'dukcapil', { status: 'closed', since: Date.now() }) });
    expect(tileValue(3)).toBe('Tutup');
    await push(socket, { type: 'counter', event: 'updated', at: NOW, counter: counter(2, 'dukcapil', { since: NOW - 1_000 }) });
    expect(tileValue(2)).toBe('Ishoma');
    await push(socket, { type: 'counter', event: 'opened', at: Date.now(), counter: counter(6, 'samsat', { since: Date.now() }) });
    expect(tileValue(6)).toBe('Siap');
  });

  it('ignores a message outside the contract', async () => {
    await mount();
    const socket = await goLive();
    await push(socket, { type: 'ticket', event: 'called', at: Date.now(), ticket: { id: 'nope' } });
    expect(bigCall()?.textContent).toContain('A-011');
  });
});

describe('display board: connection', () => {
  it('reconnects by itself after the server restarts, and fetches the snapshot again', async () => {
    const server = await mount();
    const first = await goLive();
    const fetched = server.boardCount();

    await act(async () => first.serverCloses(1001));
    await settle();
    expect(badge()).toBe('Koneksi terputus · menyambung ulang…');

    // while it was down, counter 2 called A-020: the new snapshot has it
    server.board = () => {
      const next = snapshot();
      next.recentCalls.unshift({ ticketId: uuid(20), number: 'A-020', serviceId: 'ktp', agencyId: 'dukcapil', counterId: 'c2', counterNumber: 2, calledAt: NOW + 1_000, callCount: 1 });
      next.counters = next.counters.map((c) => (c.counterId === 'c2' ? { ...c, current: { ticketId: uuid(20), number: 'A-020', status: 'called' as const }, since: NOW + 1_000 } : c));
      return { status: 200, body: next };
    };
    await wait(1_000); // first retry: between 0.5 and 1 s
    expect(FakeWebSocket.current()).not.toBe(first);
    expect(badge()).toBe('Menghubungkan ke server…');
    await goLive();
    expect(server.boardCount()).toBe(fetched + 1);
    expect(badge()).toBe('');
    expect(bigCall()?.textContent).toContain('A-020');
    expect(bigCall()?.classList.contains('call-fresh')).toBe(true); // missed while away: highlighted now
    expect(tileValue(2)).toBe('A-020');
  });

  it('a call that arrives while the snapshot is on its way is not lost', async () => {
    const server = await mount();
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.board = async () => {
      await held;
      return { status: 200, body: snapshot() }; // taken before the call below
    };
    const socket = await goLive();
    await push(socket, ticketMessage('called', 12));
    release();
    await settle();
    expect(bigCall()?.textContent).toContain('A-012');
    expect(tileValue(3)).toBe('A-012');
    expect(history()[0]).toBe('A-011→Loket 1');
  });

  it('polls the snapshot while the live feed cannot connect', async () => {
    const server = await mount();
    expect(document.body.textContent).toContain('Menghubungkan ke server antrean');
    expect(server.boardCount()).toBe(0);
    await wait(3_000);
    expect(server.boardCount()).toBe(1);
    expect(bigCall()?.textContent).toContain('A-011');
    expect(badge()).toBe('Menghubungkan ke server…');
    await wait(15_000);
    expect(server.boardCount()).toBeGreaterThanOrEqual(2);
  });

  it('a revoked device token asks for the technician', async () => {
    const server = createFakeHallServer();
    server.config = () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Unknown device token.' } } });
    await mount(server);
    await goLive();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Perangkat ini tidak dikenali server');
  });
});

describe('display board: enrollment', () => {
  it('refuses a kiosk code on the board', async () => {
    const server = createFakeHallServer();
    server.enroll = () => ({
      status: 200,
      body: { deviceId: 'dev-k9', token: 'ldv_k', kind: 'kiosk', counterId: null, hall: { id: 'mpp', name: 'MPP' } },
    });
    const storage = memoryStorage();
    await mount(server, { storage });
    const code = document.querySelector('input') as HTMLInputElement;
    const name = document.querySelectorAll('input')[1] as HTMLInputElement;
    for (const [input, value] of [
      [code, 'K7QX-4M2P'],
      [name, 'TV lobi'],
    ] as const) {
      await act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    await act(async () => (document.querySelector('button[type="submit"]') as HTMLButtonElement).click());
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Kode ini dibuat untuk kiosk antrean, bukan untuk papan tampilan');
    expect(storage.data.size).toBe(0);
    expect(FakeWebSocket.all).toHaveLength(0);
  });
});
