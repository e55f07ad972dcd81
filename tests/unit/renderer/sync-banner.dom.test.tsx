import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, SyncStatus } from '../../../core/ipc.ts';
import { SyncBanner } from '../../../renderer/counter/SyncBanner.tsx';
import { createI18n } from '../../../renderer/shared/i18n.ts';
import { memoryStorage } from './support/dom.ts';

/** The banner above the counter's work: what the officer sees of the outbox. */
const DELIVERED: SyncStatus = { pending: 0, sending: false, ackedThrough: 40, lastError: null, rejected: [] };
const base: ConnectionState = {
  enrolled: true,
  serverUrl: 'https://192.168.1.10:7420',
  fingerprint256: 'AB:CD',
  hallName: 'MPP Kabupaten Lebong',
  counterId: 'loket-3',
  online: true,
  officer: { id: 'u1', name: 'Rina Marlina' },
  counter: null,
  sync: DELIVERED,
  walkInNumbersLeft: 37,
};

let root: Root;
let host: HTMLElement;
const i18n = createI18n(memoryStorage());
const show = (connection: ConnectionState): void =>
  act(() =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <SyncBanner connection={connection} />
      </I18nextProvider>,
    ),
  );

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('SyncBanner', () => {
  it('shows nothing while everything is delivered, or on a PC not enrolled', () => {
    show(base);
    expect(host.textContent).toBe('');
    show({ ...base, enrolled: false, online: false });
    expect(host.textContent).toBe('');
  });

  it('offline: says what still works, how many actions wait and how many walk-in numbers are left', () => {
    show({ ...base, online: false, sync: { ...DELIVERED, pending: 3 } });
    const region = host.querySelector('section');
    expect(region?.getAttribute('aria-labelledby')).toBe('sync-offline-title');
    expect(host.textContent).toContain('Luring: server aula tidak terjangkau');
    expect(host.textContent).toContain('pengunjung langsung (F2)');
    expect(host.querySelector('[data-testid="sync-pending"]')?.textContent).toBe('3 tindakan menunggu dikirim');
    expect(host.textContent).toContain('Nomor pengunjung langsung tersisa hari ini: 37');
  });

  it('draining after a reconnect: progress from the backlog it started with', () => {
    show({ ...base, sync: { ...DELIVERED, pending: 200, sending: true } });
    show({ ...base, sync: { ...DELIVERED, pending: 50, sending: true } });
    const progress = host.querySelector('progress');
    expect(progress?.max).toBe(200);
    expect(progress?.value).toBe(150);
    expect(host.textContent).toContain('50 tersisa');
    show(base);
    expect(host.textContent).toBe('');
  });

  it('actions the server did not apply are shown with the server’s reason', () => {
    show({ ...base, sync: { ...DELIVERED, rejected: [{ seq: 12, code: 'stale_lease', message: 'Ticket A-004 was called again.', at: 1 }] } });
    expect(host.textContent).toContain('tidak menerapkan 1 tindakan');
    expect(host.textContent).toContain('Ticket A-004 was called again.');
  });
});
