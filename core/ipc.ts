import { z } from 'zod';
import { CounterStateSchema, WaitingEntrySchema } from './api.ts';
import { IdSchema, OutcomeSchema, ServiceSchema, TicketSchema } from './domain.ts';
import type { Result } from './errors.ts';
import { PauseReasonSchema } from './events.ts';
import {
  DisplayTestSchema,
  HardwareConfigSchema,
  HardwareKeySchema,
  HardwareLogSchema,
  HardwareStateSchema,
  SerialPortInfoSchema,
} from './hardware-ipc.ts';

/**
 * The one contract between the counter window and the main process. Preload (Electron), the
 * browser bridge (headless host) and the main-side handlers are all built from these maps, so a
 * channel exists in exactly one place: here.
 */

const call = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({
  request,
  response,
});

export const ServedVisitSchema = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  serviceId: IdSchema,
  outcome: OutcomeSchema,
  note: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  serviceMs: z.number().int().nonnegative(),
});
export type ServedVisit = z.infer<typeof ServedVisitSchema>;

export const DaySummarySchema = z.object({
  day: z.string(),
  served: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  noShow: z.number().int().nonnegative(),
  averageServiceMs: z.number().nonnegative().nullable(),
});
export type DaySummary = z.infer<typeof DaySummarySchema>;

export const TodaySchema = z.object({
  day: z.string(),
  served: z.array(ServedVisitSchema),
  summary: DaySummarySchema,
});
export type Today = z.infer<typeof TodaySchema>;

export const CounterContextSchema = z.object({
  deviceId: IdSchema,
  hallName: z.string(),
  timeZone: z.string(),
  counter: z.object({ id: IdSchema, number: z.number().int().positive() }),
  services: z.array(ServiceSchema),
  /** The hall's rule: after this many calls of one visitor the screen suggests a no-show. */
  recallsBeforeNoShow: z.number().int().positive(),
  /** The hall's other counters (a transfer may send the visitor to one), in number order. */
  otherCounters: z.array(z.object({ id: IdSchema, number: z.number().int().positive(), agencyName: z.string() })),
});
export type CounterContext = z.infer<typeof CounterContextSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  runtime: z.enum(['electron', 'headless']),
});

const NoteSchema = z.string().trim().max(500, 'a note is at most 500 characters').nullable();

/** The counter PC's link to the hall server, as the screens show it. */
/** The ledger's outbox to the hall server (DESIGN.md §5). */
export const SyncStatusSchema = z.object({
  /** Events recorded here and not yet acknowledged by the hall server. */
  pending: z.number().int().nonnegative(),
  sending: z.boolean(),
  ackedThrough: z.number().int().nonnegative(),
  /** Why the last push failed, while events wait. */
  lastError: z.string().nullable(),
  /** Recorded here, but not applied by the hall server (newest first). */
  rejected: z.array(z.object({ seq: z.number().int(), code: z.string(), message: z.string(), at: z.number().int() })),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const ConnectionStateSchema = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  /** SHA-256 of the pinned server certificate; null for plain HTTP on loopback (development). */
  fingerprint256: z.string().nullable(),
  hallName: z.string().nullable(),
  counterId: IdSchema.nullable(),
  online: z.boolean(),
  officer: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** The counter as the hall server sees it (open, paused, services); null when unknown. */
  counter: CounterStateSchema.nullable(),
  sync: SyncStatusSchema,
  /** Walk-in numbers left for today from the blocks the hall server leased (null: not enrolled). */
  walkInNumbersLeft: z.number().int().nonnegative().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const ServerProbeSchema = z.object({
  url: z.string(),
  fingerprint256: z.string().nullable(),
  version: z.string(),
});
export type ServerProbe = z.infer<typeof ServerProbeSchema>;

const ServerUrlSchema = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'a server address looks like https://192.168.1.10:7420');
const Empty = z.object({}).strict();

export const invokeContract = {
  getAppInfo: call(z.object({}).strict(), AppInfoSchema),
  getCounterContext: call(z.object({}).strict(), CounterContextSchema),
  getCurrentTicket: call(z.object({}).strict(), TicketSchema.nullable()),
  getToday: call(z.object({}).strict(), TodaySchema),
  startWalkIn: call(z.object({ serviceId: IdSchema }).strict(), TicketSchema),
  finishTicket: call(
    z.object({ ticketId: z.uuid(), outcome: OutcomeSchema, note: NoteSchema }).strict(),
    TicketSchema,
  ),

  // Hall server link: enrollment (technician), sign-in, the shared queue.
  getConnection: call(Empty, ConnectionStateSchema),
  probeServer: call(z.object({ url: ServerUrlSchema }).strict(), ServerProbeSchema),
  enrollDevice: call(
    z.object({
      url: ServerUrlSchema,
      code: z.string().trim().toUpperCase().regex(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/, 'an enrollment code looks like K7QX-4M2P'),
      name: z.string().trim().min(1).max(60),
      /** The fingerprint the technician confirmed on screen; the server must still present it. */
      fingerprint256: z.string().nullable(),
    }).strict(),
    ConnectionStateSchema,
  ),
  signIn: call(
    z.object({ username: z.string().trim().toLowerCase().min(1).max(40), pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') }).strict(),
    ConnectionStateSchema,
  ),
  signOut: call(Empty, ConnectionStateSchema),
  openCounter: call(z.object({ serviceIds: z.array(IdSchema).min(1, 'choose at least one service') }).strict(), ConnectionStateSchema),
  pauseCounter: call(z.object({ reason: PauseReasonSchema }).strict(), ConnectionStateSchema),
  resumeCounter: call(Empty, ConnectionStateSchema),
  /** Closes the counter for the day (refused while it holds a visitor); the officer stays signed in. */
  closeCounter: call(Empty, ConnectionStateSchema),
  getQueue: call(Empty, z.array(WaitingEntrySchema)),
  callNext: call(Empty, TicketSchema.nullable()),
  callTicket: call(z.object({ ticketId: z.uuid() }).strict(), TicketSchema),
  recallTicket: call(Empty, TicketSchema),
  startServing: call(Empty, TicketSchema),
  markNoShow: call(Empty, TicketSchema),
  returnToQueue: call(Empty, TicketSchema),
  transferTicket: call(
    z.object({
      toServiceId: IdSchema.nullable(),
      toCounterId: IdSchema.nullable(),
      reason: z.string().trim().min(1, 'say why the visitor is transferred').max(200),
    }).strict(),
    TicketSchema,
  ),

  // The call-button and number display (technician screen).
  listSerialPorts: call(Empty, z.array(SerialPortInfoSchema)),
  getHardware: call(Empty, HardwareStateSchema),
  /** Saves the configuration for this counter and connects with it. */
  connectHardware: call(HardwareConfigSchema, HardwareStateSchema),
  disconnectHardware: call(Empty, HardwareStateSchema),
  testDisplay: call(DisplayTestSchema, HardwareStateSchema),
} as const;

export const pushContract = {
  /** The ledger gained events (from this window or another); screens re-read what they show. */
  ledgerChanged: z.object({ lastSeq: z.number().int().nonnegative() }),
  /** The shared queue changed on the hall server (live feed); screens re-read the waiting list. */
  queueChanged: z.object({ at: z.number().int() }),
  /** Online/offline, enrollment, sign-in or counter state changed. */
  connectionChanged: ConnectionStateSchema,
  /** The device's session changed state, found a device, or failed. */
  hardwareChanged: HardwareStateSchema,
  /** Serial lines in and out, batched (never one message per byte). */
  hardwareLog: HardwareLogSchema,
  /** A key of the device was pressed, and what it did. */
  hardwareKey: HardwareKeySchema,
} as const;

export type InvokeContract = typeof invokeContract;
export type PushContract = typeof pushContract;
export type InvokeName = keyof InvokeContract;
export type PushName = keyof PushContract;
export type RequestOf<K extends InvokeName> = z.input<InvokeContract[K]['request']>;
export type ParsedRequestOf<K extends InvokeName> = z.output<InvokeContract[K]['request']>;
export type ResponseOf<K extends InvokeName> = z.output<InvokeContract[K]['response']>;
export type PushPayloadOf<K extends PushName> = z.output<PushContract[K]>;

export const INVOKE_NAMES = Object.keys(invokeContract) as InvokeName[];
export const PUSH_NAMES = Object.keys(pushContract) as PushName[];

export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && Object.hasOwn(invokeContract, name);
}

/** The Electron IPC channel that carries a contract entry. */
export const channelOf = (name: InvokeName | PushName): string => `loket:${name}`;

/** What the page sees as `window.loket`. */
export type LoketApi = {
  [K in InvokeName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  on: { [K in PushName]: (listener: (payload: PushPayloadOf<K>) => void) => () => void };
};

/** How an API reaches the main side: Electron's ipcRenderer in preload, a WebSocket in the bridge. */
export interface ApiTransport {
  invoke(name: InvokeName, request: unknown): Promise<Result<unknown>>;
  subscribe(name: PushName, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.loket` from the contract over any transport. */
export function buildLoketApi(transport: ApiTransport): LoketApi {
  const api: Record<string, unknown> = {};
  for (const name of INVOKE_NAMES) {
    api[name] = (request: unknown) => transport.invoke(name, request ?? {});
  }
  const on: Record<string, unknown> = {};
  for (const name of PUSH_NAMES) {
    on[name] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  api['on'] = on;
  return api as LoketApi;
}
