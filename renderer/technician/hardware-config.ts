import { DEFAULT_BAUD, DEFAULT_KEY_MAP, type HardwareConfig, type HardwareState, type KeyAction } from '../../core/hardware-ipc.ts';

/** What the form starts from on a counter that has never had a device. */
export const DEFAULT_HARDWARE_CONFIG: HardwareConfig = { path: '', adapter: 'lsp1', baud: DEFAULT_BAUD, keys: { ...DEFAULT_KEY_MAP } };

const MAX_KEYS = 8;

/**
 * How many keys the editor shows: the device's own count once it has said (1–8); before that the
 * keys configured, at least the three of the default layout.
 */
export function keyCount(keys: Readonly<Record<string, KeyAction>>, deviceKeys: number | null): number {
  if (deviceKeys !== null && deviceKeys >= 1) return Math.min(deviceKeys, MAX_KEYS);
  const configured = Object.keys(keys).map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= MAX_KEYS);
  return Math.max(3, ...configured);
}

/** Exactly keys 1…count, each with its action (`none` where none is set): what is saved. */
export function keysFor(keys: Readonly<Record<string, KeyAction>>, count: number): Record<string, KeyAction> {
  const out: Record<string, KeyAction> = {};
  for (let key = 1; key <= count; key++) out[String(key)] = keys[String(key)] ?? 'none';
  return out;
}

/** The default layout (1 call next, 2 recall, 3 finish) over `count` keys. */
export const defaultKeys = (count: number): Record<string, KeyAction> => keysFor(DEFAULT_KEY_MAP, count);

/** One big button: key 1 finishes the visitor and calls the next; any other key does nothing. */
export const oneButtonKeys = (count: number): Record<string, KeyAction> => keysFor({ '1': 'finishAndCallNext' }, count);

/** The TechnicianAlert codes of the serial port and the device, each explained with its fix. */
export const HARDWARE_ERROR_CODES = [
  'serial_permission',
  'serial_busy',
  'serial_not_found',
  'serial_no_answer',
  'serial_open_failed',
  'serial_disconnected',
  'serial_not_connected',
  'serial_refused',
  'serial_bad_text',
  'serial_protocol',
  'serial_list_failed',
] as const;
export type HardwareErrorCode = (typeof HARDWARE_ERROR_CODES)[number];
export const isHardwareErrorCode = (code: string): code is HardwareErrorCode => (HARDWARE_ERROR_CODES as readonly string[]).includes(code);

/** Each session state's symbol, shown with its word (never colour alone). */
export const STATE_SYMBOL: Readonly<Record<HardwareState['state'], string>> = {
  idle: '○',
  connecting: '◌',
  handshaking: '◌',
  reconnecting: '↻',
  connected: '●',
  failed: '✕',
};

/** The state in one of five words, as the counter's header says it. */
export type HardwareSummary = 'none' | 'idle' | 'busy' | 'connected' | 'failed';
export function summarize(hardware: HardwareState): HardwareSummary {
  switch (hardware.state) {
    case 'idle':
      return hardware.config === null ? 'none' : 'idle';
    case 'connected':
    case 'failed':
      return hardware.state;
    default:
      return 'busy';
  }
}
