import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agency } from '../../../core/domain.ts';
import { AGENCY_PALETTE, agencyColor, agencyColorMap } from '../../../renderer/board/agency-palette.ts';
import type { AnnounceEvent } from '../../../renderer/board/announcer-queue.ts';
import type { BoardAudio } from '../../../renderer/board/board-audio.ts';
import { startBoardApp } from '../../../renderer/board/bootstrap.tsx';
import { ANNOUNCE_EVENT, SOUND_STORAGE_KEY } from '../../../renderer/board/useAnnouncer.ts';
import { agencyColors } from '../../../renderer/shared/format.ts';
import { counterState, fakeBoardAudio, fakeHallFetch, FakeWebSocket, hallConfig, NOW, ticketMessage } from './support/board-fakes.ts';
import { keydown, memoryStorage, settleFakeTimers as settle, waitFakeTimers as wait } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ENROLLED = { 'loket.device.board': JSON.stringify({ deviceId: 'dev-b1', token: 'ldv_board', kind: 'board' }) };
const AGENCIES: Agency[] = [
  { id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1565c0' },
  { id: 'samsat', name: 'Samsat', shortName: 'Samsat' },
  { id: 'bpjs', name: 'BPJS Kesehatan', shortName: 'BPJS' },
];

let root: Root | null = null;
let events: AnnounceEvent[] = [];
const record = (e: Event): void => void events.push((e as CustomEvent<AnnounceEvent>).detail);

beforeEach(() => {
  FakeWebSocket.all.length = 0;
  events = [];
  window.addEventListener(ANNOUNCE_EVENT, record);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  window.removeEventListener(ANNOUNCE_EVENT, record);
  vi.useRealTimers();
  document.body.innerHTML = '';
});

async function mount(audio: BoardAudio | null, storage = memoryStorage(ENROLLED), language?: 'en') {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startBoardApp(container, {
      storage,
      fetch: fakeHallFetch(hallConfig(AGENCIES), [counterState(1, 'dukcapil'), counterState(2, 'samsat'), counterState(3, 'bpjs')]),
      streamUrl: 'ws://hall.test/api/v1/stream',
      createSocket: (url) => new FakeWebSocket(url),
      audio,
      language,
    });
  });
  await settle();
  const socket = await FakeWebSocket.goLive();
  return { socket, storage };
}

const push = (socket: FakeWebSocket, message: unknown) => act(async () => socket.serverSends(message));
const prompt = (): HTMLElement | null => document.querySelector('.sound-prompt');
const promptButton = (): HTMLButtonElement | null => document.querySelector('.sound-prompt button');
/** `start A-001 clips`, `chime`, `dua`, …, `end A-001`. */
const heard = (): string[] =>
  events.map((e) => (e.phase === 'start' ? `start ${e.number} ${e.via}` : e.phase === 'end' ? `end ${e.number}` : e.phase === 'word' ? (e.word ?? '') : e.phase === 'speech' ? `speech: ${e.text}` : e.phase));

describe('display board: voice calls', () => {
  it('where the browser allows sound, says every call from the live feed in turn: chime, then the words', async () => {
    const sound = fakeBoardAudio({ autoplay: true });
    const { socket } = await mount(sound.audio);
    expect(prompt()).toBeNull();
    expect(sound.clips.warmed).toContain('chime');
    expect(sound.clips.warmed).toContain('sembilan');

    await push(socket, ticketMessage('called', 1, 1));
    await push(socket, ticketMessage('called', 2, 2, 1, 'samsat')); // while A-001 is being said
    await wait(2_000);
    expect(heard()).toEqual([
      'start A-001 clips', 'chime', 'nomor', 'antrean', 'a', 'satu', 'silakan', 'menuju', 'loket', 'satu', 'end A-001',
      'start A-002 clips', 'chime', 'nomor', 'antrean', 'a', 'dua', 'silakan', 'menuju', 'loket', 'dua', 'end A-002',
    ]);
    expect(sound.played.map((clips) => clips.length)).toEqual([9, 9]); // chime + 8 words each
    expect(document.querySelector('.now .call-number')?.textContent).toBe('A-002');
  });

  it('says a recall again; the same message twice only once; other ticket events not at all', async () => {
    const sound = fakeBoardAudio({ autoplay: true });
    const { socket } = await mount(sound.audio);
    await push(socket, ticketMessage('called', 12, 3));
    await push(socket, ticketMessage('called', 12, 3));
    await push(socket, { ...ticketMessage('called', 12, 3), event: 'started' });
    await wait(2_000);
    await push(socket, ticketMessage('recalled', 12, 3, 2));
    await wait(2_000);
    const starts = events.filter((e) => e.phase === 'start');
    expect(starts.map((e) => [e.number, e.counterNumber, e.recall])).toEqual([
      ['A-012', 3, false],
      ['A-012', 3, true],
    ]);
  });

  it("speaks with the browser's id-ID voice when the clips cannot be loaded, naming the agency", async () => {
    const sound = fakeBoardAudio({ autoplay: true, clipsLoad: false });
    const { socket } = await mount(sound.audio);
    await push(socket, ticketMessage('called', 12, 2, 1, 'samsat'));
    await wait(1_000);
    expect(heard()).toEqual(['start A-012 speech', 'speech: Nomor antrean A dua belas, silakan menuju loket dua, Samsat', 'end A-012']);
    expect(sound.spoken).toEqual(['Nomor antrean A dua belas, silakan menuju loket dua, Samsat']);
  });

  it('until someone clicks, asks for it, keeps the calls silent, then turns the sound on and remembers it', async () => {
    const sound = fakeBoardAudio();
    const { socket, storage } = await mount(sound.audio);
    expect(prompt()?.classList.contains('sound-prompt-small')).toBe(false);
    expect(promptButton()?.textContent).toBe('Klik atau tekan untuk mengaktifkan suara');
    expect(document.activeElement).toBe(promptButton()); // Enter works at once, no mouse needed
    expect(prompt()?.textContent).toContain('Cukup sekali');

    await push(socket, ticketMessage('called', 1, 1));
    await wait(1_000);
    expect(heard()).toEqual(['start A-001 silent', 'end A-001']);
    expect(document.querySelector('.now .call-number')?.textContent).toBe('A-001'); // shown all the same

    sound.gesture(true);
    await act(async () => promptButton()?.click());
    sound.gesture(false);
    await settle();
    expect(prompt()).toBeNull();
    expect(sound.clips.running).toBe(true);
    expect(sound.speech.unlocked).toBe(1);
    expect(storage.data.get(SOUND_STORAGE_KEY)).toBe('on');

    await push(socket, ticketMessage('called', 2, 1));
    await wait(1_000);
    expect(heard().slice(2, 4)).toEqual(['start A-002 clips', 'chime']);
  });

  it('any key pressed on the board turns the sound on too', async () => {
    const sound = fakeBoardAudio();
    await mount(sound.audio);
    expect(prompt()).not.toBeNull();
    sound.gesture(true);
    await act(async () => void keydown('x'));
    sound.gesture(false);
    await settle();
    expect(prompt()).toBeNull();
    expect(sound.clips.running).toBe(true);
  });

  it('after a reload where sound was turned on before, asks only with a small button in the corner', async () => {
    const sound = fakeBoardAudio();
    await mount(sound.audio, memoryStorage({ ...ENROLLED, [SOUND_STORAGE_KEY]: 'on' }));
    expect(prompt()?.classList.contains('sound-prompt-small')).toBe(true);
    expect(prompt()?.textContent).not.toContain('Cukup sekali');
  });

  it('in English when the board is', async () => {
    await mount(fakeBoardAudio().audio, undefined, 'en');
    expect(promptButton()?.textContent).toBe('Click or press a key to turn the sound on');
  });

  it('a browser without any sound shows the calls silently and asks for nothing', async () => {
    const { socket } = await mount(null);
    expect(prompt()).toBeNull();
    await push(socket, ticketMessage('called', 1, 1));
    await wait(1_000);
    expect(events).toEqual([]);
    expect(document.querySelector('.now .call-number')?.textContent).toBe('A-001');
  });
});

describe('display board: agency colours', () => {
  it('keeps a configured colour and gives the others distinct palette colours, the same on every board', async () => {
    await mount(null);
    const stripe = (n: number): string => (document.querySelector(`[data-counter="${n}"]`) as HTMLElement | null)?.style.getPropertyValue('--agency') ?? '';
    expect(stripe(1)).toBe('#1565c0');
    expect(AGENCY_PALETTE).toContain(stripe(2));
    expect(AGENCY_PALETTE).toContain(stripe(3));
    expect(stripe(2)).not.toBe(stripe(3));
    // another board, another copy of the configuration, other order: the same colours
    const again = agencyColorMap(structuredClone(AGENCIES).reverse());
    expect(again.get('samsat')).toBe(stripe(2));
    expect(again.get('bpjs')).toBe(stripe(3));
    expect(agencyColor(AGENCIES, 'unknown')).toBeUndefined();
  });

  it('up to twelve agencies without colours all differ', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `agency-${i}`, name: `Instansi ${i}`, shortName: `I${i}` }));
    expect(new Set(agencyColorMap(many).values()).size).toBe(12);
  });

  it('every palette colour stands out on the board panels (≥ 3:1) and carries its text at ≥ 4.5:1', () => {
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((at) => {
        const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const contrast = (a: string, b: string): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
    };
    for (const color of AGENCY_PALETTE) {
      expect(contrast(color, '#13294a'), color).toBeGreaterThanOrEqual(3); // --panel in board.css
      expect(contrast(color, agencyColors(color).ink), color).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, '#ffd84d'), `${color} vs the call highlight`).toBeGreaterThan(1.3);
    }
  });
});
