import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../../../core/domain.ts';
import type { KeyAction } from '../../../../core/hardware-ipc.ts';
import { CounterHardware, type CounterHardwareDeps } from '../../../../main/hardware/counter-hardware.ts';
import { Ledger } from '../../../../main/ledger/ledger.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

/**
 * What the counter's keys run, with the device and the counter's actions faked (the real ones
 * against the reference firmware and a hall server: tests/hardware/driver-hil.test.ts).
 */
type OpenDevice = NonNullable<CounterHardwareDeps['openDevice']>;

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

function setUp(keys: Record<string, KeyAction>, held: Ticket['status'] | null) {
  const dir = makeTempDir('loket-hw-keys-');
  const ledger = Ledger.open({ file: join(dir.path, 'ledger.sqlite'), timeZone: 'Asia/Jakarta', now: Date.now, serverOffsetMs: () => 0 });
  cleanup.push(() => dir.remove(), () => ledger.close());
  let current = held === null ? null : ({ id: 't-1', number: 'A-001', status: held } as Ticket);
  const ran: string[] = [];
  let press: ((p: { key: number; count: number }) => void) | undefined;
  let rate: ((r: { score: number; count: number }) => void) | undefined;
  const openDevice: OpenDevice = (_config, options) => {
    press = options.onKey;
    rate = options.onRate;
    const fake = { state: 'connected', connect: () => undefined, disconnect: async () => undefined, show: async () => undefined };
    return fake as unknown as ReturnType<OpenDevice>;
  };
  const hardware = new CounterHardware({
    ledger,
    counterId: () => 'loket-1',
    push: () => undefined,
    now: Date.now,
    openDevice,
    rate: async (score) => {
      ran.push(`rate ${score}`);
      return 'recorded';
    },
    handlers: {
      getCurrentTicket: () => current,
      callNext: () => {
        ran.push('callNext');
        return null;
      },
      recallTicket: () => {
        ran.push('recall');
        return current!;
      },
      startServing: () => {
        ran.push('start');
        if (current?.status !== 'called') throw new Error(`cannot start a ticket that is ${current?.status}`);
        current = { ...current, status: 'serving' };
        return current;
      },
      finishTicket: ({ ticketId, outcome }) => {
        ran.push(`finish ${ticketId} ${outcome}`);
        if (current?.status !== 'serving') throw new Error(`cannot finish a ticket that is ${current?.status}`);
        const done = { ...current, status: 'done' as const };
        current = null;
        return done;
      },
    },
  });
  cleanup.push(() => void hardware.close());
  return {
    ran,
    async press(key: number, count: number) {
      await hardware.connect({ path: '/dev/ttyFAKE0', adapter: 'lsp1', baud: 115200, keys });
      press?.({ key, count });
    },
    async rate(score: number, count: number) {
      await hardware.connect({ path: '/dev/ttyFAKE0', adapter: 'lsp1', baud: 115200, keys });
      rate?.({ score, count });
    },
  };
}

describe('CounterHardware rating pad', () => {
  it('sends each score from the pad to the hall, in order with the keys', async () => {
    const counter = setUp({ '3': 'finish' }, 'serving');
    await counter.press(3, 1);
    await counter.rate(4, 1);
    await vi.waitFor(() => expect(counter.ran).toEqual(['finish t-1 served', 'rate 4']));
  });
});

describe('CounterHardware keys', () => {
  it('finish on a visitor who was only called starts serving first (the keys have no start), then finishes', async () => {
    const counter = setUp({ '3': 'finish' }, 'called');
    await counter.press(3, 1);
    await vi.waitFor(() => expect(counter.ran).toEqual(['start', 'finish t-1 served']));
  });

  it('finish on a visitor being served only finishes', async () => {
    const counter = setUp({ '3': 'finish' }, 'serving');
    await counter.press(3, 1);
    await vi.waitFor(() => expect(counter.ran).toEqual(['finish t-1 served']));
  });

  it('one-button mode finishes the called visitor and calls the next', async () => {
    const counter = setUp({ '1': 'finishAndCallNext' }, 'called');
    await counter.press(1, 1);
    await vi.waitFor(() => expect(counter.ran).toEqual(['start', 'finish t-1 served', 'callNext']));
  });
});
