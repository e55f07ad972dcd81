import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamMessage } from '../../../core/stream.ts';
import {
  connectHallStream,
  hallStreamUrl,
  NO_HELLO_CLOSE_CODE,
  retryDelay,
  type HallStreamOptions,
  type HallStreamState,
  type WebSocketLike,
} from '../../../renderer/shared/hall-stream.ts';

// ---------------------------------------------------------------------------------------------
// A FAKE WebSocket: the test opens it, feeds it frames and closes it as a server would.
// ---------------------------------------------------------------------------------------------

class FakeWebSocket implements WebSocketLike {
  static readonly all: FakeWebSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.all.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // ── the server's side ──
  serverOpens(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  serverSends(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }

  serverCloses(code = 1001): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

const HELLO = { type: 'hello', at: 1_000, version: '0.1.0' };
const CALLED = {
  type: 'ticket',
  event: 'called',
  at: 2_000,
  ticket: {
    id: '0b7c2f5e-8a41-4b8e-9a0f-2f7f8d0c9a11',
    number: 'A-012',
    serviceId: 'ktp',
    agencyId: 'dukcapil',
    status: 'called',
    priority: 'normal',
    counterId: 'c3',
    counterNumber: 3,
    callCount: 1,
    queuedAt: 1_500,
    calledAt: 2_000,
  },
};

function start(overrides: Partial<HallStreamOptions> = {}) {
  const messages: StreamMessage[] = [];
  const states: HallStreamState[] = [];
  const invalid: string[] = [];
  const stream = connectHallStream({
    url: 'ws://hall.local/api/v1/stream',
    token: 'ldv_board',
    onMessage: (m) => messages.push(m),
    onState: (s) => states.push(s),
    onInvalid: (r) => invalid.push(r),
    createSocket: (url) => new FakeWebSocket(url),
    random: () => 1,
    ...overrides,
  });
  return { stream, messages, states, invalid };
}

beforeEach(() => {
  FakeWebSocket.all.length = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('hall-stream: connecting', () => {
  it('sends the auth frame first, and is live only after hello', () => {
    const { messages, states, stream } = start();
    const socket = FakeWebSocket.latest();
    expect(socket.url).toBe('ws://hall.local/api/v1/stream');
    expect(states).toEqual(['connecting']);
    expect(socket.sent).toEqual([]);

    socket.serverOpens();
    expect(socket.sent.map((frame) => JSON.parse(frame))).toEqual([{ type: 'auth', token: 'ldv_board' }]);
    expect(stream.state).toBe('connecting');

    socket.serverSends(HELLO);
    expect(states).toEqual(['connecting', 'live']);
    expect(stream.state).toBe('live');
    expect(messages).toEqual([HELLO]);

    socket.serverSends(CALLED);
    expect(messages).toEqual([HELLO, CALLED]);
    stream.close();
  });

  it('drops frames that are not JSON, not in the contract, or arrive before hello', () => {
    const { messages, invalid, stream } = start();
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends(CALLED); // before hello
    socket.serverSends(HELLO);
    socket.serverSends('not json {');
    socket.serverSends({ type: 'gossip', text: 'hi' });
    socket.serverSends({ ...CALLED, ticket: { ...CALLED.ticket, id: 'not-a-uuid' } });
    socket.serverSends({ ...CALLED, event: 'teleported' });
    socket.serverSends(CALLED);
    expect(messages.map((m) => m.type)).toEqual(['hello', 'ticket']);
    expect(invalid).toHaveLength(5);
    expect(invalid[0]).toMatch(/before hello/);
    expect(invalid[1]).toMatch(/not JSON/);
    expect(invalid[3]).toMatch(/ticket\.id/);
    stream.close();
  });

  it('gives up on a server that never says hello, then tries again', () => {
    const { states, invalid, stream } = start({ helloTimeoutMs: 5_000 });
    const first = FakeWebSocket.latest();
    first.serverOpens();
    vi.advanceTimersByTime(5_000);
    expect(first.closedWith?.code).toBe(NO_HELLO_CLOSE_CODE);
    expect(invalid).toContain('no hello from the server in time');
    expect(states).toEqual(['connecting', 'offline']);
    vi.advanceTimersByTime(1_000);
    expect(FakeWebSocket.all).toHaveLength(2);
    expect(states).toEqual(['connecting', 'offline', 'connecting']);
    stream.close();
  });
});

describe('hall-stream: reconnecting by itself', () => {
  it('reconnects after a close with a doubling, capped backoff, and resets it once live again', () => {
    const { states, stream } = start({ baseDelayMs: 1_000, maxDelayMs: 8_000 });
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends(HELLO);

    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = FakeWebSocket.all.length;
      FakeWebSocket.latest().serverCloses(1001); // server restart, then it stays down
      let waited = 0;
      while (FakeWebSocket.all.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(states.slice(0, 4)).toEqual(['connecting', 'live', 'offline', 'connecting']);

    // back up: hello resets the backoff, so the next outage is retried quickly again
    FakeWebSocket.latest().serverOpens();
    FakeWebSocket.latest().serverSends(HELLO);
    expect(stream.state).toBe('live');
    const before = FakeWebSocket.all.length;
    FakeWebSocket.latest().serverCloses();
    vi.advanceTimersByTime(999);
    expect(FakeWebSocket.all.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.all.length).toBe(before + 1);
    expect(FakeWebSocket.latest().sent).toEqual([]);
    FakeWebSocket.latest().serverOpens();
    expect(JSON.parse(FakeWebSocket.latest().sent[0] ?? '{}')).toEqual({ type: 'auth', token: 'ldv_board' });
    stream.close();
  });

  it('jitters each wait between half and all of it', () => {
    expect(retryDelay(0, 1_000, 30_000, () => 0)).toBe(500);
    expect(retryDelay(0, 1_000, 30_000, () => 0.999_999)).toBe(1_000);
    expect(retryDelay(3, 1_000, 30_000, () => 0.5)).toBe(6_000);
    expect(retryDelay(10, 1_000, 30_000, () => 0)).toBe(15_000);
    expect(retryDelay(500, 1_000, 30_000, () => 1)).toBe(30_000);
  });

  it('close() stops for good: the socket closes and nothing reconnects', () => {
    const { stream, states } = start();
    const socket = FakeWebSocket.latest();
    socket.serverOpens();
    socket.serverSends(HELLO);
    stream.close();
    expect(socket.closedWith?.code).toBe(1000);
    socket.serverCloses(); // a late close event is ignored
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.all).toHaveLength(1);
    expect(states).toEqual(['connecting', 'live']);
  });

  it('reconnectNow() skips the wait while offline', () => {
    const { stream } = start({ baseDelayMs: 10_000 });
    FakeWebSocket.latest().serverCloses();
    expect(FakeWebSocket.all).toHaveLength(1);
    stream.reconnectNow();
    expect(FakeWebSocket.all).toHaveLength(2);
    stream.reconnectNow(); // already connecting: no second socket
    expect(FakeWebSocket.all).toHaveLength(2);
    stream.close();
  });

  it('retries when the socket cannot even be created', () => {
    let fail = true;
    const { states, stream } = start({
      createSocket: (url) => {
        if (fail) throw new SyntaxError('The URL is invalid');
        return new FakeWebSocket(url);
      },
    });
    expect(states).toEqual(['connecting', 'offline']);
    fail = false;
    vi.advanceTimersByTime(1_000);
    expect(FakeWebSocket.all).toHaveLength(1);
    stream.close();
  });
});

describe('hallStreamUrl', () => {
  it('uses ws: beside http: and wss: beside https:, on the page host', () => {
    expect(hallStreamUrl({ protocol: 'http:', host: '127.0.0.1:7420' })).toBe('ws://127.0.0.1:7420/api/v1/stream');
    expect(hallStreamUrl({ protocol: 'https:', host: 'mpp.local:7420' })).toBe('wss://mpp.local:7420/api/v1/stream');
  });
});
