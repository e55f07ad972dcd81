import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Service, Ticket } from '../../../core/domain.ts';
import type { ErrorInfo, Result } from '../../../core/errors.ts';
import type { ConnectionState, InvokeName, LoketApi, ServedVisit } from '../../../core/ipc.ts';
import { startCounterApp } from '../../../renderer/counter/bootstrap.tsx';
import type { LanguageStorage } from '../../../renderer/shared/i18n.ts';
import { createFakeHardware } from './support/fake-hardware.ts';
import { buttonNamed as button, interactions, keydown, memoryStorage, nameOf, settleRealTimers, typeInto } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// ---------------------------------------------------------------------------------------------
// A FAKE LoketApi: in memory, just enough to drive the screen. The real one (preload / browser
// bridge over the headless host) is tested end to end elsewhere.
// ---------------------------------------------------------------------------------------------

const SERVICES: Service[] = [
  {
    id: 'ktp',
    agencyId: 'dukcapil',
    name: 'Perekaman KTP-el',
    prefix: 'A',
    requirements: 'Fotokopi Kartu Keluarga\nSurat pengantar RT/RW',
    targetWaitMinutes: 15,
    targetServiceMinutes: 10,
    dailyQuota: null,
  },
  {
    id: 'kk',
    agencyId: 'dukcapil',
    name: 'Perubahan Kartu Keluarga',
    prefix: 'B',
    requirements: 'KK asli',
    targetWaitMinutes: 20,
    targetServiceMinutes: 15,
    dailyQuota: null,
  },
];

/**
 * The walk-in tests run as an enrolled counter with an officer signed in and the counter open, but
 * offline: the hall server is out of reach, so the shared queue is not there and walk-ins are what
 * the counter can do (DESIGN.md §5). The hall flow has its own tests (counter-hall.dom.test.tsx).
 */
const OFFLINE_OPEN: ConnectionState = {
  enrolled: true,
  serverUrl: 'https://192.168.1.10:7420',
  fingerprint256: 'AB:CD',
  hallName: 'MPP Kota Contoh',
  counterId: 'c3',
  online: false,
  officer: { id: 'u1', name: 'Rina Marlina' },
  counter: {
    counterId: 'c3',
    number: 3,
    agencyId: 'dukcapil',
    status: 'open',
    pauseReason: null,
    officer: { id: 'u1', name: 'Rina Marlina' },
    serviceIds: ['ktp', 'kk'],
    current: null,
    since: 0,
  },
  sync: { pending: 0, sending: false, ackedThrough: 0, lastError: null, rejected: [] },
  walkInNumbersLeft: 50,
};

const OFFLINE: ErrorInfo = { code: 'server_unreachable', message: 'The hall server cannot be reached (fake).' };

function createFakeLoketApi() {
  let current: Ticket | null = null;
  const served: ServedVisit[] = [];
  const sequences = new Map<string, number>();
  const listeners = new Set<(payload: { lastSeq: number }) => void>();
  const failures = new Map<InvokeName, ErrorInfo | 'reject'>();
  const outages = new Map<InvokeName, ErrorInfo>();
  const holds = new Map<InvokeName, Promise<void>>();
  const calls = {
    startWalkIn: [] as Array<{ serviceId: string }>,
    finishTicket: [] as Array<{ ticketId: string; outcome: 'served' | 'pending'; note: string | null }>,
  };
  let lastSeq = 0;
  let now = Date.now();

  const answer = async <T,>(name: InvokeName, value: () => T): Promise<Result<T>> => {
    await holds.get(name);
    holds.delete(name);
    const failure = failures.get(name) ?? outages.get(name);
    failures.delete(name);
    if (failure === 'reject') throw new Error('socket closed');
    if (failure) return { ok: false, error: failure };
    return { ok: true, value: value() };
  };
  const changed = (): void => {
    lastSeq++;
    for (const listener of listeners) listener({ lastSeq });
  };

  const startWalkIn = (serviceId: string): Ticket => {
    const service = SERVICES.find((s) => s.id === serviceId);
    if (!service) throw new Error(`no service ${serviceId}`);
    const seq = (sequences.get(serviceId) ?? 0) + 1;
    sequences.set(serviceId, seq);
    now += 60_000;
    current = {
      id: crypto.randomUUID(),
      serviceId,
      number: `${service.prefix}-${String(seq).padStart(3, '0')}`,
      serviceDay: '2025-01-06',
      channel: 'counter',
      priority: 'normal',
      status: 'serving',
      counterId: 'c3',
      officerId: 'u1',
      callCount: 0,
      outcome: null,
      note: null,
      issuedAt: now,
      calledAt: now,
      startedAt: now,
      finishedAt: null,
    };
    return current;
  };

  const hardware = createFakeHardware();
  const api: LoketApi = {
    getAppInfo: () => answer('getAppInfo', () => ({ version: 'test', runtime: 'headless' as const })),
    getCounterContext: () =>
      answer('getCounterContext', () => ({
        deviceId: 'pc-3',
        hallName: 'MPP Kota Contoh',
        timeZone: 'Asia/Jakarta',
        counter: { id: 'c3', number: 3 },
        services: SERVICES,
        recallsBeforeNoShow: 3,
        otherCounters: [{ id: 'loket-2', number: 2, agencyName: 'Disdukcapil' }],
      })),
    getCurrentTicket: () => answer('getCurrentTicket', () => current),
    getToday: () =>
      answer('getToday', () => {
        const done = served.filter((v) => v.outcome === 'served');
        const pending = served.filter((v) => v.outcome === 'pending');
        const total = served.reduce((sum, v) => sum + v.serviceMs, 0);
        return {
          day: '2025-01-06',
          served: [...served],
          summary: {
            day: '2025-01-06',
            served: done.length,
            pending: pending.length,
            noShow: 0,
            averageServiceMs: served.length ? total / served.length : null,
          },
        };
      }),
    startWalkIn: (request) => {
      calls.startWalkIn.push(request);
      return answer('startWalkIn', () => {
        const ticket = startWalkIn(request.serviceId);
        changed();
        return ticket;
      });
    },
    finishTicket: (request) => {
      calls.finishTicket.push({ ...request, note: request.note ?? null });
      return answer('finishTicket', () => {
        if (!current || current.id !== request.ticketId) throw new Error('fake: finishing a ticket that is not current');
        now += 200_000; // 3 min 20 s
        const finished: Ticket = {
          ...current,
          status: 'done',
          outcome: request.outcome,
          note: request.note ?? null,
          finishedAt: now,
        };
        served.push({
          ticketId: finished.id,
          number: finished.number,
          serviceId: finished.serviceId,
          outcome: request.outcome,
          note: finished.note,
          startedAt: finished.startedAt ?? now,
          finishedAt: now,
          serviceMs: now - (finished.startedAt ?? now),
        });
        current = null;
        changed();
        return finished;
      });
    },
    getConnection: () => answer('getConnection', () => OFFLINE_OPEN),
    getQueue: () => answer('getQueue', () => []),
    probeServer: async () => ({ ok: false, error: OFFLINE }),
    enrollDevice: async () => ({ ok: false, error: OFFLINE }),
    signIn: async () => ({ ok: false, error: OFFLINE }),
    signOut: async () => ({ ok: true, value: { ...OFFLINE_OPEN, officer: null } }),
    openCounter: async () => ({ ok: false, error: OFFLINE }),
    pauseCounter: async () => ({ ok: false, error: OFFLINE }),
    resumeCounter: async () => ({ ok: false, error: OFFLINE }),
    closeCounter: async () => ({ ok: false, error: OFFLINE }),
    callNext: async () => ({ ok: false, error: OFFLINE }),
    callTicket: async () => ({ ok: false, error: OFFLINE }),
    recallTicket: async () => ({ ok: false, error: OFFLINE }),
    startServing: async () => ({ ok: false, error: OFFLINE }),
    markNoShow: async () => ({ ok: false, error: OFFLINE }),
    returnToQueue: async () => ({ ok: false, error: OFFLINE }),
    transferTicket: async () => ({ ok: false, error: OFFLINE }),
    ...hardware.api,
    on: {
      ...hardware.on,
      ledgerChanged: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      queueChanged: () => () => undefined,
      connectionChanged: () => () => undefined,
    },
  };

  return {
    api,
    calls,
    /** The next call of `name` answers `{ ok: false, error }` (or rejects, for 'reject'). */
    failNext(name: InvokeName, error: ErrorInfo | 'reject'): void {
      failures.set(name, error);
    },
    /** Every call of `name` answers `{ ok: false, error }` until `recover(name)`. */
    failAlways(name: InvokeName, error: ErrorInfo): void {
      outages.set(name, error);
    },
    recover(name: InvokeName): void {
      outages.delete(name);
    },
    /** The next call of `name` waits until the returned function is called. */
    hold(name: InvokeName): () => void {
      let release = (): void => {};
      holds.set(name, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    /** Another window (or the hall server) changed the ledger. */
    startElsewhere(serviceId: string): Ticket {
      const ticket = startWalkIn(serviceId);
      changed();
      return ticket;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (no testing library installed).
// ---------------------------------------------------------------------------------------------

let root: Root | null = null;

const settle = (): Promise<void> => settleRealTimers(6);
const { press, click } = interactions(settle);

// Only Date is faked (timers stay real): 09:00 in Asia/Jakarta, and the elapsed clock holds still.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2025, 0, 6, 2, 0, 0));
});

afterEach(async () => {
  vi.useRealTimers();
  await act(async () => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});

async function mount(api: LoketApi | undefined, storage: LanguageStorage = memoryStorage()): Promise<void> {
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startCounterApp(container, api, storage);
  });
  await settle();
}


function labelled(name: string): HTMLElement | null {
  return Array.from(document.querySelectorAll<HTMLElement>('[aria-label]')).find((e) => e.getAttribute('aria-label') === name) ?? null;
}

function region(name: string): HTMLElement {
  const found = Array.from(document.querySelectorAll<HTMLElement>('section[aria-labelledby], [role="region"]')).find(
    (e) => nameOf(e) === name,
  );
  if (!found) throw new Error(`no region named ${JSON.stringify(name)}`);
  return found;
}

function dialog(): HTMLElement | null {
  return document.querySelector('[role="dialog"][aria-modal="true"]');
}

function noteField(): HTMLTextAreaElement {
  const field = document.querySelector('textarea');
  if (!field) throw new Error('no note field');
  return field;
}

const alertText = (): string => document.querySelector('[role="alert"]')?.textContent ?? '';
const statusText = (): string => document.querySelector('.hint[role="status"]')?.textContent ?? '';

async function startWalkIn(fake: ReturnType<typeof createFakeLoketApi>, digit = '1'): Promise<void> {
  await press('F2');
  await press(digit);
  expect(fake.calls.startWalkIn.length).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------

describe('counter screen: walk-in visitor', () => {
  it('starts idle with the F2 hint, the hall, the counter and an empty summary', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    expect(document.body.textContent).toContain('MPP Kota Contoh');
    expect(document.body.textContent).toContain('Loket 3');
    expect(document.body.textContent).toContain('Tidak ada pengunjung');
    expect(region('Ringkasan hari ini').textContent).toContain('belum ada');
    expect(region('Pengunjung hari ini').querySelector('caption')?.textContent).toBe('Pengunjung hari ini');
    expect(document.activeElement).toBe(button('Pengunjung langsung'));
    expect(button('Pengunjung langsung').getAttribute('aria-keyshortcuts')).toBe('F2');
    expect(button('Pengunjung langsung').querySelector('kbd')?.textContent).toBe('F2');
    expect(document.documentElement.lang).toBe('id');
  });

  it('F2 then a digit starts a walk-in for that service and shows the number huge', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    const f2 = await press('F2');
    expect(f2.defaultPrevented).toBe(true);
    const chooser = dialog();
    expect(chooser).not.toBeNull();
    expect(nameOf(chooser as HTMLElement)).toBe('Pilih layanan');
    expect(document.activeElement).toBe(button('Perekaman KTP-el'));

    await press('2');
    expect(fake.calls.startWalkIn).toEqual([{ serviceId: 'kk' }]);
    expect(dialog()).toBeNull();
    const number = labelled('Nomor antrean B-001');
    expect(number?.textContent).toBe('B-001');
    expect(number?.tagName).toBe('H3');
    expect(document.body.textContent).toContain('Perubahan Kartu Keluarga');
    expect(document.body.textContent).toContain('KK asli');
    expect(document.querySelector('[role="timer"]')?.textContent).toBe('00:00');
    expect(document.activeElement).toBe(noteField());
    expect(button('Pengunjung langsung').disabled).toBe(true);
  });

  it('arrows and Enter also choose a service', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await press('F2');
    await press('ArrowDown');
    expect(document.activeElement).toBe(button('Perubahan Kartu Keluarga'));
    await press('ArrowDown'); // wraps to the first
    await press('ArrowUp'); // and back to the last
    await press('Enter');
    expect(fake.calls.startWalkIn).toEqual([{ serviceId: 'kk' }]);
  });

  it('F4 finishes the visitor as served with the typed note, even from inside the note field', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await startWalkIn(fake);
    await typeInto(noteField(), '  Berkas lengkap  ');
    expect(document.activeElement).toBe(noteField());

    const f4 = await press('F4');
    expect(f4.defaultPrevented).toBe(true);
    expect(fake.calls.finishTicket).toHaveLength(1);
    expect(fake.calls.finishTicket[0]).toMatchObject({ outcome: 'served', note: 'Berkas lengkap' });
    expect(document.body.textContent).toContain('Tidak ada pengunjung');
    expect(statusText()).toContain('A-001 selesai dilayani');

    const row = region('Pengunjung hari ini').querySelector('tbody tr');
    expect(row?.textContent).toContain('A-001');
    expect(row?.textContent).toContain('Perekaman KTP-el');
    expect(row?.textContent).toContain('Dilayani');
    expect(row?.textContent).toContain('09:01');
    expect(row?.textContent).toContain('3 mnt 20 dtk');
    expect(region('Ringkasan hari ini').textContent).toContain('3 mnt 20 dtk');
    expect(document.activeElement).toBe(button('Pengunjung langsung'));
  });

  it('F7 finishes the visitor as pending; an empty note is sent as null', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await startWalkIn(fake);
    await press('F7');
    expect(fake.calls.finishTicket).toEqual([expect.objectContaining({ outcome: 'pending', note: null })]);
    expect(region('Pengunjung hari ini').querySelector('tbody tr')?.textContent).toContain('Tertunda');
    expect(document.activeElement).toBe(button('Pengunjung langsung'));
  });

  it('a double F4 finishes only once, and the buttons are disabled while the call is in flight', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await startWalkIn(fake);
    const release = fake.hold('finishTicket');
    await act(async () => {
      keydown('F4');
      keydown('F4');
    });
    expect(button('Selesai – dilayani').disabled).toBe(true);
    expect(button('Selesai – tertunda').disabled).toBe(true);
    await press('F7');
    expect(statusText()).toContain('masih diproses');
    await act(async () => release());
    await settle();
    await press('F4');
    expect(fake.calls.finishTicket).toHaveLength(1);
    expect(statusText()).toContain('Tidak ada pengunjung yang sedang dilayani');
  });

  it('a double digit in the chooser starts only one walk-in', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await press('F2');
    await act(async () => {
      keydown('1');
      keydown('1');
      keydown('F2');
    });
    await settle();
    expect(fake.calls.startWalkIn).toHaveLength(1);
    expect(dialog()).toBeNull();
  });

  it('ignores F4, F7 and F6 with a hint when nobody is being served', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    const f4 = await press('F4');
    expect(f4.defaultPrevented).toBe(true);
    expect(statusText()).toContain('Tidak ada pengunjung yang sedang dilayani');
    await press('F6');
    await press('F7');
    expect(fake.calls.finishTicket).toHaveLength(0);
    expect(document.activeElement).toBe(button('Pengunjung langsung'));
  });

  it('F2 while serving is refused with a hint; F6 focuses the note', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await startWalkIn(fake);
    await act(async () => button('Selesai – dilayani').focus());
    await press('F2');
    expect(dialog()).toBeNull();
    expect(statusText()).toContain('Selesaikan pengunjung saat ini dahulu');
    await press('F6');
    expect(document.activeElement).toBe(noteField());
  });

  it('Escape closes the chooser and returns focus to where it was', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    const language = button('Switch to English');
    await act(async () => language.focus());
    await press('F2');
    expect(dialog()).not.toBeNull();
    await press('Tab');
    await press('Tab');
    expect(document.activeElement?.textContent).toContain('Batal'); // Tab stays inside
    await press('Tab');
    expect(document.activeElement).toBe(button('Perekaman KTP-el'));
    await press('Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(language);
    expect(fake.calls.startWalkIn).toHaveLength(0);
  });

  it('re-reads today and the current ticket when the ledger changes elsewhere', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await act(async () => {
      fake.startElsewhere('ktp');
    });
    await settle();
    expect(labelled('Nomor antrean A-001')).not.toBeNull();
  });
});

describe('counter screen: language', () => {
  it('switches to English, sets <html lang>, and remembers the choice', async () => {
    const storage = memoryStorage();
    const fake = createFakeLoketApi();
    await mount(fake.api, storage);
    await press('F4');
    expect(statusText()).toContain('Tidak ada pengunjung yang sedang dilayani');
    await click(button('Switch to English'));
    expect(statusText()).toContain('No visitor is being served'); // a shown hint follows the language
    expect(button('Walk-in visitor')).toBeTruthy();
    expect(button('Finish – served')).toBeTruthy();
    expect(region("Today's summary")).toBeTruthy();
    expect(document.body.textContent).toContain('Counter 3');
    expect(document.body.textContent).toContain('No visitor');
    expect(document.documentElement.lang).toBe('en');
    expect(storage.data.get('loket.lang')).toBe('en');

    await act(async () => root?.unmount());
    document.body.innerHTML = '';
    await mount(fake.api, storage);
    expect(button('Walk-in visitor')).toBeTruthy();
    await startWalkIn(fake);
    expect(labelled('Ticket number A-001')).not.toBeNull();

    await click(button('Ganti ke Bahasa Indonesia'));
    expect(storage.data.get('loket.lang')).toBe('id');
    expect(document.documentElement.lang).toBe('id');
  });
});

describe('counter screen: failures', () => {
  it('shows an {ok:false} message in role=alert and keeps the note', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await startWalkIn(fake);
    await typeInto(noteField(), 'Kurang fotokopi KK');
    fake.failNext('finishTicket', { code: 'ledger_full', message: 'The ledger disk is full: free space and try again.' });
    await press('F4');
    expect(alertText()).toContain('The ledger disk is full: free space and try again.');
    expect(noteField().value).toBe('Kurang fotokopi KK');
    expect(labelled('Nomor antrean A-001')).not.toBeNull();
    expect(document.activeElement).toBe(noteField());

    // A retry that succeeds clears the alert and sends the kept note.
    await press('F4');
    expect(alertText()).toBe('');
    expect(fake.calls.finishTicket.at(-1)).toMatchObject({ note: 'Kurang fotokopi KK' });
  });

  it('translates a known code and still shows the message as detail', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    fake.failNext('startWalkIn', { code: 'invalid_request', message: 'The request field "serviceId" is wrong.', field: 'serviceId' });
    await startWalkIn(fake);
    expect(alertText()).toContain('Isian tidak valid');
    expect(alertText()).toContain('The request field "serviceId" is wrong.');
    expect(document.body.textContent).toContain('Tidak ada pengunjung');
    expect(document.activeElement).toBe(button('Pengunjung langsung'));
    await click(button('Tutup pesan kesalahan'));
    expect(alertText()).toBe('');
  });

  it('a rejected call (broken bridge) becomes an alert, not an exception', async () => {
    const fake = createFakeLoketApi();
    await mount(fake.api);
    await startWalkIn(fake);
    await typeInto(noteField(), 'catatan');
    fake.failNext('finishTicket', 'reject');
    await press('F7');
    expect(alertText()).toContain('Tidak bisa menghubungi layanan penghitung');
    expect(alertText()).toContain('socket closed');
    expect(noteField().value).toBe('catatan');
  });

  it('a failed start-up read offers a retry', async () => {
    const fake = createFakeLoketApi();
    fake.failAlways('getCounterContext', { code: 'not_enrolled', message: 'This PC is not enrolled yet: ask a technician.' });
    await mount(fake.api);
    expect(alertText()).toContain('This PC is not enrolled yet');
    fake.recover('getCounterContext');
    await click(button('Coba lagi'));
    expect(document.body.textContent).toContain('Tidak ada pengunjung');
  });

  it('says clearly when window.loket is missing, without crashing', async () => {
    await mount(undefined);
    expect(alertText()).toContain('Loket tidak terhubung ke layanan penghitung (window.loket tidak ada)');
    expect(alertText()).toContain('npm start');
  });
});
