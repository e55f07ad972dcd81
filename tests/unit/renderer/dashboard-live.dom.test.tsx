import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './support/board-fakes.ts';
import { createDashboardServer, liveFixture, MIN, mountDashboard, NOW, signedInStorage, uuid } from './support/dashboard-fake.ts';
import { alertTexts, settleFakeTimers as settle, waitFakeTimers as wait } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: Awaited<ReturnType<typeof mountDashboard>> | null = null;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
  FakeWebSocket.all.length = 0;
});

afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

const text = (selector: string): string => document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** A table row's cells, ` | ` between them. */
const cells = (selector: string): string =>
  Array.from(document.querySelector(selector)?.querySelectorAll('th, td') ?? [])
    .map((c) => c.textContent?.replace(/\s+/g, ' ').trim())
    .join(' | ');
const counterRow = (id: string): string => cells(`tr[data-counter-id="${id}"]`);
const liveReads = (server: ReturnType<typeof createDashboardServer>): number => server.to('/dashboard/live').length;

function calledMessage() {
  return {
    type: 'ticket',
    event: 'called',
    at: Date.now(),
    ticket: {
      id: uuid(13),
      number: 'A-013',
      serviceId: 'ktp',
      agencyId: 'dukcapil',
      status: 'called',
      priority: 'normal',
      counterId: 'loket-3',
      counterNumber: 3,
      callCount: 1,
      queuedAt: NOW - 10 * MIN,
      calledAt: Date.now(),
    },
  };
}

describe('dashboard live view', { timeout: 30_000 }, () => {
  it('shows every counter (paused and why, serving which ticket, idle since, closed), the queues, alerts and alarms', async () => {
    const server = createDashboardServer();
    mounted = await mountDashboard(server, signedInStorage());
    expect(document.querySelector('h2')?.textContent).toBe('Keadaan aula sekarang');
    expect(document.querySelector('.dash-hall')?.textContent).toBe('MPP Kota Contoh');

    expect(counterRow('loket-1')).toBe('Loket 1 | Disdukcapil | Dijeda: ibadah | Rina Marlina | – | 08:55 (5 mnt)');
    expect(counterRow('loket-2')).toBe('Loket 2 | Disdukcapil | Buka | Dedi Saputra | A-012 sedang dilayani · Perekaman KTP-el | 08:57 (3 mnt)');
    expect(counterRow('loket-3')).toBe('Loket 3 | Disdukcapil | Buka | Siti Aminah | Menganggur | 08:48 (12 mnt)');
    expect(counterRow('loket-4')).toBe('Loket 4 | Samsat | Tutup | – | – | –');
    expect(text('.live-summary')).toBe('2 buka · 1 dijeda · 1 tutup · 4 menunggu');

    // Queues: the longest line first, the one past its target marked.
    const services = Array.from(document.querySelectorAll('tr[data-service-id]')).map((r) => r.getAttribute('data-service-id'));
    expect(services).toEqual(['ktp', 'pkb', 'kk']);
    expect(cells('tr[data-service-id="ktp"]')).toBe('Perekaman KTP-elDisdukcapil | 3 | 25 mnt 10 dtk | 20 mnt | 1');
    expect(document.querySelector('tr[data-service-id="ktp"]')?.className).toBe('live-over-target');
    expect(cells('tr[data-service-id="kk"]')).toBe('Kartu KeluargaDisdukcapil | 0 | – | 20 mnt | 0');

    expect(text('.live-alerts h3')).toBe('Menunggu melewati target 1');
    expect(text(`li[data-ticket-id="${uuid(7)}"]`)).toBe('A-007PrioritasPerekaman KTP-elmenunggu 25 mnt 10 dtk, target 20 mnt');
    expect(text('li[data-alarm-kind="hash_conflict"]')).toContain('Konflik catatan: dua PC mengirim catatan berbeda dengan nomor yang sama (PC ganda?)');
    expect(text('li[data-alarm-kind="hash_conflict"]')).toContain('Loket 2 · ledger L-77 · catatan no. 41 · Senin, 6 Januari 2025 pukul 08:30');
    expect(text('li[data-alarm-kind="restored_copy"]')).toContain('PC loket dipulihkan dari salinan lama');
  });

  it('follows the live feed: re-reads shortly after a change, on every reconnect, and every 10 s anyway', async () => {
    const server = createDashboardServer();
    mounted = await mountDashboard(server, signedInStorage());
    const socket = await FakeWebSocket.goLive();
    expect(JSON.parse(socket.sent[0] ?? '{}')).toEqual({ type: 'auth', token: 'lss_supervisor' });
    expect(text('.dash-connection')).toBe('Langsung · Diperbarui 09:00:00');
    await wait(300);
    const before = liveReads(server);

    // Counter 3 calls A-013: the next read shows it.
    server.live = () => {
      const live = liveFixture();
      live.at = Date.now();
      const c3 = live.counters[2];
      if (c3) Object.assign(c3, { serving: { ticketId: uuid(13), number: 'A-013', serviceId: 'ktp', status: 'called' }, idleSince: null, since: Date.now() });
      return { status: 200, body: live };
    };
    await act(async () => {
      socket.serverSends(calledMessage());
      socket.serverSends({ ...calledMessage(), event: 'recalled' });
    });
    await wait(300);
    expect(liveReads(server)).toBe(before + 1); // a burst makes one read
    expect(counterRow('loket-3')).toContain('A-013 dipanggil · Perekaman KTP-el');

    // No news: the view is read again every 10 s.
    await wait(10_000);
    expect(liveReads(server)).toBe(before + 2);

    // The feed drops: it says so and reconnects by itself; the periodic read goes on meanwhile.
    await act(async () => socket.onclose?.(new CloseEvent('close', { code: 1006 })));
    await settle();
    expect(document.querySelector('.dash-connection')?.getAttribute('data-connection')).toBe('offline');
    expect(text('.dash-connection')).toContain('Terputus · menyambung ulang sendiri');
    await wait(2_000);
    expect(FakeWebSocket.all.length).toBeGreaterThan(1);
    await FakeWebSocket.goLive();
    await wait(300);
    expect(document.querySelector('.dash-connection')?.getAttribute('data-connection')).toBe('live');
  });

  it('keeps the last view and says so when a read fails, then recovers', async () => {
    const server = createDashboardServer();
    mounted = await mountDashboard(server, signedInStorage());
    expect(counterRow('loket-1')).toContain('Dijeda: ibadah');
    server.live = () => 'network';
    await wait(10_000);
    expect(alertTexts()).toContain('Keadaan aula belum bisa dimuat; halaman ini mencoba lagi sendiri.');
    expect(counterRow('loket-1')).toContain('Dijeda: ibadah');
    server.live = () => ({ status: 200, body: liveFixture() });
    await wait(10_000);
    expect(alertTexts()).toBe('');
  });
});
