import { useCallback, useEffect, useRef, useState } from 'react';
import type { HardwareLog } from '../../core/hardware-ipc.ts';
import type { LoketApi } from '../../core/ipc.ts';

/** How many lines the technician's log keeps (older ones scroll away for good). */
export const SERIAL_LOG_MAX = 500;

export type LogLine = HardwareLog['lines'][number] & { id: number };

export interface SerialLog {
  /** What the screen shows, oldest first, at most SERIAL_LOG_MAX. */
  lines: readonly LogLine[];
  paused: boolean;
  /** Lines that arrived while paused (shown on resume, the newest SERIAL_LOG_MAX of them). */
  held: number;
  pause: () => void;
  resume: () => void;
  clear: () => void;
}

/**
 * The live serial log from `hardwareLog` pushes. The main side batches lines; each batch is one
 * state change here (never one render per byte or per line), and only the newest lines are kept.
 * Pausing freezes what is shown while the lines keep being collected.
 */
export function useSerialLog(api: LoketApi): SerialLog {
  const buffer = useRef<LogLine[]>([]);
  const nextId = useRef(0);
  const pausedNow = useRef(false);
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(0);

  useEffect(
    () =>
      api.on.hardwareLog((batch) => {
        const first = nextId.current;
        nextId.current += batch.lines.length;
        const fresh = batch.lines.slice(-SERIAL_LOG_MAX);
        const offset = first + batch.lines.length - fresh.length;
        const joined = buffer.current.concat(fresh.map((line, i) => ({ ...line, id: offset + i })));
        buffer.current = joined.length > SERIAL_LOG_MAX ? joined.slice(-SERIAL_LOG_MAX) : joined;
        if (pausedNow.current) setHeld((n) => n + batch.lines.length);
        else setLines(buffer.current);
      }),
    [api],
  );

  const pause = useCallback(() => {
    pausedNow.current = true;
    setPaused(true);
  }, []);
  const resume = useCallback(() => {
    pausedNow.current = false;
    setPaused(false);
    setHeld(0);
    setLines(buffer.current);
  }, []);
  const clear = useCallback(() => {
    buffer.current = [];
    setHeld(0);
    setLines([]);
  }, []);

  return { lines, paused, held, pause, resume, clear };
}
