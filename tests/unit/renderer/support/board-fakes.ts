import { act } from 'react';
import type { Agency } from '../../../../core/domain.ts';
import type { ClipStep } from '../../../../renderer/board/announcer-queue.ts';
import type { BoardAudio, BoardClips, BoardSpeech } from '../../../../renderer/board/board-audio.ts';
import type { WebSocketLike } from '../../../../renderer/shared/hall-stream.ts';
import { settleFakeTimers } from './dom.ts';

/**
 * Fakes for the display board's voice tests: a hall server behind fetch, a live feed the test
 * drives, and the board's sound. (board.dom.test.tsx keeps its own richer copies.)
 */

export const NOW = Date.UTC(2025, 0, 6, 2, 0, 0); // Monday 09:00 in Asia/Jakarta
export const uuid = (n: number): string => `0b7c2f5e-8a41-4b8e-9a0f-${String(n).padStart(12, '0')}`;

export function hallConfig(agencies: Agency[]) {
  return {
    hall: { id: 'mpp', name: 'MPP Kota Contoh', timeZone: 'Asia/Jakarta' },
    agencies,
    services: [{ id: 'ktp', agencyId: agencies[0]?.id ?? 'x', name: 'Perekaman KTP-el', prefix: 'A', targetWaitMinutes: 15, targetServiceMinutes: 10 }],
    counters: [],
  };
}

export function counterState(number: number, agencyId: string) {
  return {
    counterId: `c${number}`,
    number,
    agencyId,
    status: 'open',
    pauseReason: null,
    officer: { id: `u${number}`, name: 'Petugas' },
    serviceIds: [],
    current: null,
    since: NOW - 600_000,
  };
}

/** `GET /config` and `GET /board` of a hall server. */
export function fakeHallFetch(config: unknown, counters: unknown[]): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const path = String(input).replace(/^.*\/api\/v1/, '');
    const body = path === '/config' ? config : path === '/board' ? { recentCalls: [], counters } : { error: { code: 'no_such_route', message: path } };
    const text = JSON.stringify(body);
    return { status: path === '/config' || path === '/board' ? 200 : 404, text: async () => text } as Response;
  }) as typeof fetch;
}

export class FakeWebSocket implements WebSocketLike {
  static readonly all: FakeWebSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }

  static current(): FakeWebSocket {
    const socket = [...FakeWebSocket.all].reverse().find((s) => s.readyState !== 3);
    if (!socket) throw new Error('the page has no open socket');
    return socket;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.readyState = 3;
  }

  serverSends(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  /** Open, and the server's hello: the feed is live. */
  static async goLive(): Promise<FakeWebSocket> {
    const socket = FakeWebSocket.current();
    await act(async () => {
      socket.readyState = 1;
      socket.onopen?.(new Event('open'));
    });
    await act(async () => socket.serverSends({ type: 'hello', at: Date.now(), version: '0.1.0' }));
    await settleFakeTimers();
    return socket;
  }
}

export function ticketMessage(event: 'called' | 'recalled', n: number, counterNumber: number, callCount = 1, agencyId = 'dukcapil') {
  return {
    type: 'ticket',
    event,
    at: Date.now(),
    ticket: {
      id: uuid(n),
      number: `A-${String(n).padStart(3, '0')}`,
      serviceId: 'ktp',
      agencyId,
      status: 'called',
      priority: 'normal',
      counterId: `c${counterNumber}`,
      counterNumber,
      callCount,
      queuedAt: NOW - 900_000,
      calledAt: Date.now(),
    },
  };
}

/**
 * The board's sound. Like a browser, the clips start only where autoplay is allowed or inside a
 * user gesture: the test marks the gesture with `gesture(true)` around a click or key press.
 */
export function fakeBoardAudio({ autoplay = false, clips: hasClips = true, clipsLoad = true, speechVoice = true } = {}) {
  let running = false;
  let inGesture = false;
  let activated = false; // sticky, as navigator.userActivation.hasBeenActive
  const played: string[][] = [];
  const spoken: string[] = [];
  const clips: BoardClips & { startCalls: number; warmed: string[] } = {
    startCalls: 0,
    warmed: [],
    supported: true,
    get running() {
      return running;
    },
    async start() {
      this.startCalls++;
      if (autoplay || inGesture) running = true;
      return running;
    },
    warm(names) {
      this.warmed.push(...names);
    },
    async prepare(steps: readonly ClipStep[]) {
      if (!running || !clipsLoad) return null;
      return {
        async play(onStep) {
          played.push(steps.map((s) => s.clip));
          steps.forEach((_, i) => onStep(i));
        },
      };
    },
  };
  const speech: BoardSpeech & { unlocked: number } = {
    unlocked: 0,
    available: () => speechVoice,
    async speak(text) {
      spoken.push(text);
    },
    unlock() {
      this.unlocked++;
    },
    cancel() {},
  };
  const audio: BoardAudio = { clips: hasClips ? clips : null, speech, userActivated: () => activated };
  const gesture = (on: boolean): void => {
    inGesture = on;
    activated ||= on;
  };
  return { audio, clips, speech, played, spoken, gesture };
}
