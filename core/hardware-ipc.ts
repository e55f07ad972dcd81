import { z } from 'zod';
import { ErrorInfoSchema } from './errors.ts';

/**
 * The counter's call-button and number display as the technician screen and the counter window
 * see them (DESIGN.md §6): its saved configuration, the session's state, the device it found,
 * and the live serial log and key presses.
 */
export const HARDWARE_ADAPTERS = ['lsp1', 'plain-line'] as const;
export const HardwareAdapterSchema = z.enum(HARDWARE_ADAPTERS);
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export const DEFAULT_BAUD = 115200;

/** What a key of the device does at the counter. */
export const KEY_ACTIONS = ['callNext', 'recall', 'finish', 'finishAndCallNext', 'none'] as const;
export const KeyActionSchema = z.enum(KEY_ACTIONS);
export type KeyAction = z.infer<typeof KeyActionSchema>;
export const DEFAULT_KEY_MAP: Readonly<Record<string, KeyAction>> = { '1': 'callNext', '2': 'recall', '3': 'finish' };

export const HardwareConfigSchema = z
  .object({
    /** `/dev/ttyUSB0`, `COM3`, or a typed path (PTYs are never listed). */
    path: z.string().trim().min(1, 'choose or type a serial port').max(200),
    adapter: HardwareAdapterSchema,
    baud: z
      .number()
      .int()
      .refine((b) => (BAUD_RATES as readonly number[]).includes(b), `the speed is one of ${BAUD_RATES.join(', ')}`),
    /** Key number (1–8) → action. */
    keys: z.record(z.string().regex(/^[1-8]$/, 'keys are numbered 1 to 8'), KeyActionSchema),
  })
  .strict();
export type HardwareConfig = z.infer<typeof HardwareConfigSchema>;

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfoSchema>;

export const HARDWARE_STATES = ['idle', 'connecting', 'handshaking', 'connected', 'reconnecting', 'failed'] as const;
export const HardwareStateSchema = z.object({
  config: HardwareConfigSchema.nullable(),
  state: z.enum(HARDWARE_STATES),
  device: z
    .object({ model: z.string(), firmware: z.string(), protocol: z.string(), digits: z.number().int(), keys: z.number().int() })
    .nullable(),
  /** What the display was last asked to show. */
  display: z.string().nullable(),
  /** Why the last attempt failed, with what to do. */
  error: ErrorInfoSchema.nullable(),
  /** Frames dropped on the line (bad checksum, too long, unknown). */
  dropped: z.number().int().nonnegative(),
});
export type HardwareState = z.infer<typeof HardwareStateSchema>;

export const HardwareLogSchema = z.object({
  lines: z.array(z.object({ at: z.number().int(), dir: z.enum(['in', 'out']), text: z.string() })),
});
export type HardwareLog = z.infer<typeof HardwareLogSchema>;

export const HardwareKeySchema = z.object({ key: z.number().int(), count: z.number().int(), action: KeyActionSchema, at: z.number().int() });
export type HardwareKey = z.infer<typeof HardwareKeySchema>;

export const DisplayTestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pattern') }).strict(),
  z.object({ kind: z.literal('blink') }).strict(),
  z.object({ kind: z.literal('bright'), level: z.number().int().min(0).max(15) }).strict(),
  z.object({ kind: z.literal('beep') }).strict(),
]);
export type DisplayTest = z.infer<typeof DisplayTestSchema>;
