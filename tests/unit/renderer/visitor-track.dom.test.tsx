import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTrackPage } from '../../../renderer/visitor/track/start-track.tsx';
import { parseTrackData } from '../../../renderer/visitor/track/use-track-stream.ts';
import { deviceClock } from '../../../renderer/visitor/visitor-dates.ts';
import { field, interactions, memoryStorage, nameOf, settleFakeTimers as settle, typeInto, waitFakeTimers as wait } from './support/dom.ts';
import { CODE, FakeEventSource, NOW, bookingOf, createFakePublicServer, refusal, trackOf } from './support/visitor-fakes.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
const { click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
  FakeEventSource.all = [];
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.title = '';
  window.history.replaceState(null, '', '/');
});

async function mount(server: ReturnType<typeof createFakePublicServer>, address: string) {
  window.history.replaceState(null, '', address);
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startTrackPage(container, {
      fetch: server.fakeFetch,
      storage: memoryStorage(),
      stream: { createSource: (url) => new FakeEventSource(url), baseDelayMs: 1000, maxDelayMs: 8000 },
    });
  });
  await settle();
}

/** The live EventSources (StrictMode opens and closes one on mount in development). */
const open = (): FakeEventSource[] => FakeEventSource.all.filter((s) => !s.closed);
const stream = (): FakeEventSource => {
  const live = open();
  if (live.length !== 1) throw new Error(`expected one open stream, have ${live.length}`);
  return live[0] as FakeEventSource;
};
async function send(data: Parameters<FakeEventSource['send']>[0]): Promise<void> {
  await act(async () => stream().send(data));
  await settle();
}
/** When this phone last heard from the server is shown in the phone's own zone. */
const text = (): string => document.body.textContent ?? '';
const badge = (): string => document.querySelector('.v-live')?.textContent?.trim() ?? '';

describe('visitor pages: tracking, live', () => {
  it('follows a booking through check-in, the wait, the call and the end of service, without a reload', async () => {
    const server = createFakePublicServer();
    await mount(server, `/visitor/track/?code=${CODE.toLowerCase()}`);
    expect(stream().url).toBe(`/api/v1/track/${CODE}/stream`);
    expect(badge()).toBe('Menghubungkan…');

    await send({ type: 'booking', booking: bookingOf() });
    expect(badge()).toBe(`Diperbarui langsung · ${deviceClock(NOW)}`);
    expect(text()).toContain('Menunggu check-in');
    expect(text()).toContain('Belum check-in. Check-in di kiosk MPP mulai pukul 08:30 sampai 09:15');

    vi.setSystemTime(NOW + 40 * 60_000);
    await send({ type: 'ticket', track: trackOf({ peopleAhead: 2, estimatedWaitMinutes: 6 }), survey: 'not_yet' });
    expect(document.querySelector('.v-ticket-number')?.textContent).toBe('A-012');
    expect(text()).toContain('Menunggu dipanggil');
    expect(text()).toContain('2 orang');
    expect(text()).toContain('sekitar 6 menit');
    expect(badge()).toBe(`Diperbarui langsung · ${deviceClock(NOW + 40 * 60_000)}`);
    expect(document.title).toBe('A-012 · Menunggu dipanggil – Layanan pengunjung');

    await send({ type: 'ticket', track: trackOf({ peopleAhead: 0, estimatedWaitMinutes: 0 }), survey: 'not_yet' });
    expect(text()).toContain('Tidak ada, Anda berikutnya');

    await send({ type: 'ticket', track: trackOf({ status: 'called', peopleAhead: null, estimatedWaitMinutes: null, counterNumber: 3 }), survey: 'not_yet' });
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Silakan menuju Loket 3');
    expect(document.title).toBe('Dipanggil! Loket 3 – Layanan pengunjung');

    await send({ type: 'ticket', track: trackOf({ status: 'serving', peopleAhead: null, counterNumber: 3 }), survey: 'not_yet' });
    expect(text()).toContain('Dilayani di Loket 3');
    await send({ type: 'ticket', track: trackOf({ status: 'done', peopleAhead: null, counterNumber: 3 }), survey: 'open' });
    expect(text()).toContain('Layanan Anda selesai.');
    const survey = Array.from(document.querySelectorAll('a')).find((a) => nameOf(a) === 'Isi survei kepuasan');
    expect(survey?.getAttribute('href')).toBe(`/visitor/skm/?code=${CODE}`);

    await send({ type: 'ticket', track: trackOf({ status: 'done', peopleAhead: null, counterNumber: 3 }), survey: 'answered' });
    expect(text()).toContain('Survei sudah Anda isi. Terima kasih!');
  });

  it('shows a drop and its own reconnection, keeping the last state on screen', async () => {
    const server = createFakePublicServer();
    await mount(server, `/visitor/track/?code=${CODE}`);
    await send({ type: 'ticket', track: trackOf(), survey: 'not_yet' });
    const first = stream();

    // The browser reconnects by itself (the server asked for 3 s).
    await act(async () => first.fail(true));
    expect(badge()).toBe(`Koneksi terputus, menyambung ulang sendiri… Data terakhir pukul ${deviceClock(NOW)}.`);
    expect(text()).toContain('2 orang');
    await send({ type: 'ticket', track: trackOf({ peopleAhead: 1 }), survey: 'not_yet' });
    expect(badge()).toBe(`Diperbarui langsung · ${deviceClock(NOW)}`);

    // The server went away for good (a restart): the page asks why, waits, and opens a new stream.
    server.routes[`GET /track/${CODE}/stream`] = () => 'network';
    await act(async () => first.fail(false));
    await settle();
    expect(open()).toHaveLength(0);
    expect(badge()).toContain('menyambung ulang sendiri');
    expect(text()).toContain('Server antrean tidak dapat dihubungi.');
    await wait(1000);
    expect(open()).toHaveLength(1);
    expect(stream()).not.toBe(first);
    await send({ type: 'ticket', track: trackOf({ status: 'called', counterNumber: 2, peopleAhead: null }), survey: 'not_yet' });
    expect(badge()).toBe(`Diperbarui langsung · ${deviceClock(NOW + 1000)}`);
    expect(text()).toContain('Silakan menuju Loket 2');
    expect(text()).not.toContain('Server antrean tidak dapat dihubungi.');
  });

  it('an unknown code stops with the reason at the code field; a typed code is checked, then followed', async () => {
    const server = createFakePublicServer();
    server.routes[`GET /track/ZZZZZZZZ/stream`] = () => refusal(404, 'not_found', 'No ticket or booking has the code ZZZZZZZZ.', 'code');
    await mount(server, '/visitor/track/?code=ZZZZZZZZ');
    await act(async () => FakeEventSource.last.fail(false));
    await settle();
    expect(text()).toContain('Tidak ada tiket atau booking dengan kode ini. Periksa kode pada tiket atau booking Anda, lalu coba lagi.');
    expect(field('Kode lacak').getAttribute('aria-invalid')).toBe('true');
    await wait(60_000);
    expect(open()).toHaveLength(0); // a refused code is not asked again and again

    await typeInto(field('Kode lacak'), 'K0QX');
    await click(Array.from(document.querySelectorAll('button')).find((b) => nameOf(b) === 'Lacak') as HTMLButtonElement);
    expect(text()).toContain('Kode berisi 8 huruf/angka (tanpa 0, O, 1 dan I).');
    expect(open()).toHaveLength(0);

    await typeInto(field('Kode lacak'), 'k7qx-4m2p');
    await click(Array.from(document.querySelectorAll('button')).find((b) => nameOf(b) === 'Lacak') as HTMLButtonElement);
    expect(window.location.pathname + window.location.search).toBe(`/visitor/track/?code=${CODE}`);
    expect(stream().url).toBe(`/api/v1/track/${CODE}/stream`);
  });

  it('ignores a message it does not understand', () => {
    expect(parseTrackData('{"type":"ticket"}')).toBeNull();
    expect(parseTrackData('not json')).toBeNull();
    expect(parseTrackData('{"type":"other","track":{"status":"waiting"}}')).toBeNull();
    expect(parseTrackData(JSON.stringify({ type: 'booking', booking: bookingOf() }))).toMatchObject({ type: 'booking' });
  });
});
