import type { ErrorInfo, Result } from '../../../../core/errors.ts';
import type { HardwareKey, HardwareLog, HardwareState, SerialPortInfo } from '../../../../core/hardware-ipc.ts';
import type { LoketApi } from '../../../../core/ipc.ts';

/**
 * The hardware part of a FAKE LoketApi (call-button and display): in memory, for the DOM tests.
 * It records every call, answers with its state, and pushes what a test tells it to. The real
 * device session is tested in tests/unit/main/hardware and against the simulated device.
 */

type HardwareInvoke = 'listSerialPorts' | 'getHardware' | 'connectHardware' | 'disconnectHardware' | 'testDisplay';
type HardwarePush = 'hardwareChanged' | 'hardwareLog' | 'hardwareKey';

export const IDLE_HARDWARE: HardwareState = { config: null, state: 'idle', device: null, display: null, error: null, dropped: 0 };

export function createFakeHardware(initial: HardwareState = IDLE_HARDWARE, ports: SerialPortInfo[] = []) {
  let state = initial;
  let portList = ports;
  const calls: Array<{ name: HardwareInvoke; request: unknown }> = [];
  const failures = new Map<HardwareInvoke, ErrorInfo>();
  const listeners = {
    hardwareChanged: new Set<(payload: HardwareState) => void>(),
    hardwareLog: new Set<(payload: HardwareLog) => void>(),
    hardwareKey: new Set<(payload: HardwareKey) => void>(),
  };
  const subscribe =
    <K extends HardwarePush>(name: K) =>
    (listener: Parameters<LoketApi['on'][K]>[0]): (() => void) => {
      const set = listeners[name] as Set<typeof listener>;
      set.add(listener);
      return () => void set.delete(listener);
    };
  const answer = async <T>(name: HardwareInvoke, request: unknown, value: () => T): Promise<Result<T>> => {
    calls.push({ name, request });
    const failure = failures.get(name);
    failures.delete(name);
    return failure ? { ok: false, error: failure } : { ok: true, value: value() };
  };

  const api: Pick<LoketApi, HardwareInvoke> = {
    listSerialPorts: (r) => answer('listSerialPorts', r, () => portList),
    getHardware: (r) => answer('getHardware', r, () => state),
    connectHardware: (r) =>
      answer('connectHardware', r, () => (state = { ...state, config: { ...r, path: r.path.trim() }, state: 'connecting', error: null })),
    disconnectHardware: (r) => answer('disconnectHardware', r, () => (state = { ...state, state: 'idle', device: null })),
    testDisplay: (r) => answer('testDisplay', r, () => (r.kind === 'pattern' ? (state = { ...state, display: '8888' }) : state)),
  };
  const on: Pick<LoketApi['on'], HardwarePush> = {
    hardwareChanged: subscribe('hardwareChanged'),
    hardwareLog: subscribe('hardwareLog'),
    hardwareKey: subscribe('hardwareKey'),
  };

  return {
    api,
    on,
    calls: <K extends HardwareInvoke>(name: K): Array<Parameters<LoketApi[K]>[0]> =>
      calls.filter((c) => c.name === name).map((c) => c.request as Parameters<LoketApi[K]>[0]),
    failNext(name: HardwareInvoke, error: ErrorInfo): void {
      failures.set(name, error);
    },
    setPorts(next: SerialPortInfo[]): void {
      portList = next;
    },
    /** The device session changed (the main side pushes `hardwareChanged`). */
    change(next: Partial<HardwareState>): void {
      state = { ...state, ...next };
      for (const listener of listeners.hardwareChanged) listener(state);
    },
    log(lines: HardwareLog['lines']): void {
      for (const listener of listeners.hardwareLog) listener({ lines });
    },
    key(press: HardwareKey): void {
      for (const listener of listeners.hardwareKey) listener(press);
    },
    get state(): HardwareState {
      return state;
    },
  };
}
