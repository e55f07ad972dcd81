/**
 * Performance marks for the officer's actions: a key press (or button) starts `loket:action:start`,
 * and the first frame after the screen shows its result ends the measure `loket:action`, whose
 * `detail` names the action. The suite and `npm run bench -- counter-ui` read these entries; the
 * app never acts on them.
 */
import { ACTION_MEASURE } from '../../core/ui-measures.ts';

const START_MARK = 'loket:action:start';

let open: string | null = null;

export function markActionStart(action: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  open = action;
  performance.mark(START_MARK);
}

/** Called after each commit of the serving screen while no action is in flight. */
export function markActionShown(): void {
  const action = open;
  if (action === null) return;
  open = null;
  const end = (): void => {
    performance.measure(ACTION_MEASURE, { start: START_MARK, detail: { action } });
  };
  // The result is on screen once the browser paints the frame this commit belongs to.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(end);
  else end();
}
