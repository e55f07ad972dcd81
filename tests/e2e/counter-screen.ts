import { expect, type Page } from '@playwright/test';
import { ACTION_MEASURE } from '../../core/ui-measures.ts';

/**
 * Waits for the counter screen's visitor card: `null` = the idle (or paused) card, a string = that
 * exact number, a pattern = a number matching it.
 */
export async function onScreen(page: Page, number: string | RegExp | null): Promise<void> {
  if (number === null) {
    await expect(page.locator('.visitor .ticket-number')).toHaveCount(0);
    await expect(page.locator('.visitor-idle')).toBeVisible();
    return;
  }
  await expect(page.locator('.visitor .ticket-number')).toHaveText(number);
}

export interface ActionTiming {
  action: string;
  ms: number;
}

/** Every `loket:action` measure the page took (key press → the result painted), in order. */
export async function actionTimings(page: Page): Promise<ActionTiming[]> {
  return page.evaluate(
    (name) =>
      performance.getEntriesByName(name, 'measure').map((e) => ({
        action: String((e as { detail?: { action?: unknown } }).detail?.action ?? ''),
        ms: Math.round(e.duration * 10) / 10,
      })),
    ACTION_MEASURE,
  );
}

/** Nearest-rank percentile (p in 0–100) of `values`; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}
