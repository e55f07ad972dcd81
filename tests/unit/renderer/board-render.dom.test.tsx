import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agency } from '../../../core/domain.ts';
import { HIGHLIGHT_MS } from '../../../renderer/board/BoardScreen.tsx';
import { startBoardApp } from '../../../renderer/board/bootstrap.tsx';
import { counterState, fakeHallFetch, FakeWebSocket, hallConfig, NOW, ticketMessage } from './support/board-fakes.ts';
import { memoryStorage, settleFakeTimers as settle, waitFakeTimers as wait } from './support/dom.ts';

/**
 * How the display board draws a call: at once, in the feed message's own task, with the highlight
 * on the new call and its counter only, for HIGHLIGHT_MS. What moves: board-motion.test.ts and,
 * in Chromium, board-motion.spec.ts; the rest of the board's behaviour: board.dom.test.tsx.
 */

const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;

const ENROLLED = { 'loket.device.board': JSON.stringify({ deviceId: 'dev-b1', token: 'ldv_board', kind: 'board' }) };
const AGENCIES: Agency[] = [{ id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1565c0' }];

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
});

async function mount(): Promise<FakeWebSocket> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startBoardApp(container, {
      storage: memoryStorage(ENROLLED),
      fetch: fakeHallFetch(hallConfig(AGENCIES), [1, 2, 3].map((n) => counterState(n, 'dukcapil'))),
      streamUrl: 'ws://hall.test/api/v1/stream',
      createSocket: (url) => new FakeWebSocket(url),
    });
  });
  await settle();
  return FakeWebSocket.goLive();
}

const push = (socket: FakeWebSocket, message: unknown) => act(async () => socket.serverSends(message));
const bigCall = (): HTMLElement | null => document.querySelector('.now .call');
const tile = (number: number): HTMLElement | null => document.querySelector(`[data-counter="${number}"]`);
const freshTiles = (): string[] => Array.from(document.querySelectorAll('.counter-fresh')).map((e) => e.getAttribute('data-counter') ?? '');

describe('display board: drawing a call', () => {
  it('a call is on the page when the feed message has been handled, before any other task runs', async () => {
    const socket = await mount();
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false; // as in the browser: nothing flushes React for us
    try {
      socket.serverSends(ticketMessage('called', 12, 3));
      expect(bigCall()?.querySelector('.call-number')?.textContent).toBe('A-012');
      expect(bigCall()?.classList.contains('call-fresh')).toBe(true);
      expect(tile(3)?.querySelector('.counter-value')?.textContent).toBe('A-012');
    } finally {
      actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
    }
  });

  it('the highlight is on the new call and its counter only, and goes after HIGHLIGHT_MS', async () => {
    const socket = await mount();
    await push(socket, ticketMessage('called', 12, 3));
    expect(bigCall()?.classList.contains('call-fresh')).toBe(true);
    expect(freshTiles()).toEqual(['3']);

    await wait(HIGHLIGHT_MS / 2);
    await push(socket, ticketMessage('called', 13, 1));
    expect(freshTiles()).toEqual(['1']); // the newer call takes the highlight
    await wait(HIGHLIGHT_MS / 2);
    expect(bigCall()?.classList.contains('call-fresh')).toBe(true); // counted from the newer call
    await wait(HIGHLIGHT_MS / 2);
    expect(bigCall()?.classList.contains('call-fresh')).toBe(false);
    expect(freshTiles()).toEqual([]);
  });

  it('a message about another counter leaves the highlighted call as it is: its blink does not start again', async () => {
    const socket = await mount();
    await push(socket, ticketMessage('called', 12, 3));
    const card = bigCall();
    const otherTile = tile(2);
    await push(socket, { type: 'counter', event: 'paused', at: Date.now(), counter: { ...counterState(1, 'dukcapil'), status: 'paused', pauseReason: 'break', since: Date.now() } });
    expect(tile(1)?.classList.contains('counter-paused')).toBe(true);
    expect(bigCall()).toBe(card);
    expect(bigCall()?.classList.contains('call-fresh')).toBe(true);
    expect(tile(2)).toBe(otherTile);
  });
});
