import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, vi } from 'vitest';
import { startCounterApp } from '../../../../renderer/counter/bootstrap.tsx';
import { buttonNamed, interactions, memoryStorage, settleRealTimers } from './dom.ts';
import { NOW, type createHallFake } from './hall-fake.ts';

/**
 * The counter app mounted on a FAKE LoketApi (support/hall-fake.ts), with the clock at NOW; call
 * once per test file: it registers the hooks that set the clock and unmount after each test.
 */
export function counterAppHarness() {
  let root: Root | null = null;
  const settle = (): Promise<void> => settleRealTimers(8);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await act(async () => root?.unmount());
    root = null;
    document.body.innerHTML = '';
  });
  return {
    settle,
    ...interactions(settle),
    async mount(fake: ReturnType<typeof createHallFake>): Promise<void> {
      const container = document.createElement('div');
      document.body.append(container);
      await act(async () => {
        root = startCounterApp(container, fake.api, memoryStorage());
      });
      await settle();
    },
    button: (name: string): HTMLButtonElement => buttonNamed(name),
  };
}
