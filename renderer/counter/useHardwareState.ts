import { useCallback, useEffect, useRef, useState } from 'react';
import type { HardwareState } from '../../core/hardware-ipc.ts';
import type { LoketApi } from '../../core/ipc.ts';
import { safeCall } from './call.ts';

export interface HardwareStateView {
  /** The call-button and display as the main side reports them; null until the first answer. */
  state: HardwareState | null;
  /** Takes a state an action answered with (connect, disconnect, a display test). */
  accept: (state: HardwareState) => void;
}

/**
 * The counter's device session: read once, then kept by the `hardwareChanged` push. A newer push
 * (or an action's answer) always wins over an older read. A failed read leaves it unknown (null):
 * the screens then show nothing rather than a guess.
 */
export function useHardwareState(api: LoketApi): HardwareStateView {
  const [state, setState] = useState<HardwareState | null>(null);
  const generation = useRef(0);

  const accept = useCallback((next: HardwareState) => {
    generation.current++;
    setState(next);
  }, []);

  useEffect(() => api.on.hardwareChanged(accept), [api, accept]);
  useEffect(() => {
    const mine = ++generation.current;
    void safeCall(() => api.getHardware({})).then((result) => {
      if (mine === generation.current && result.ok) setState(result.value);
    });
  }, [api]);

  return { state, accept };
}
