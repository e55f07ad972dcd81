import { z } from 'zod';
import { IdSchema, OutcomeSchema, ServiceSchema, TicketSchema } from './domain.ts';
import type { Result } from './errors.ts';

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
});
export type CounterContext = z.infer<typeof CounterContextSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  runtime: z.enum(['electron', 'headless']),
});

const NoteSchema = z.string().trim().max(500, 'a note is at most 500 characters').nullable();

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
} as const;

export const pushContract = {
  /** The ledger gained events (from this window or another); screens re-read what they show. */
  ledgerChanged: z.object({ lastSeq: z.number().int().nonnegative() }),
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
