import { LoketError, zodErrorInfo, type ErrorInfo, type Result } from '../../core/errors.ts';
import {
  invokeContract,
  isInvokeName,
  type InvokeName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../core/ipc.ts';
import { IllegalTransitionError } from '../../core/ticket-state.ts';

/** The main-side implementation of every contract entry; each receives an already-validated request. */
export type Handlers = {
  [K in InvokeName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

export interface DispatchLog {
  error(message: string, detail: { channel: string; error: unknown }): void;
}

const fail = (error: ErrorInfo): Result<never> => ({ ok: false, error });

/**
 * The single entry point for every call from a window, Electron IPC and the browser bridge alike:
 * unknown names and invalid payloads are refused before any service runs; failures come back as
 * values, never as exceptions.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  payload: unknown,
  log?: DispatchLog,
): Promise<Result<unknown>> {
  if (!isInvokeName(name)) {
    return fail({
      code: 'unknown_channel',
      message: `Loket has no action called ${JSON.stringify(name)}. Update the app so window and main process match.`,
      field: 'channel',
    });
  }
  const parsed = invokeContract[name].request.safeParse(payload);
  if (!parsed.success) return fail(zodErrorInfo(parsed.error));
  try {
    const handler = handlers[name] as (request: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: invokeContract[name].response.parse(value) };
  } catch (error) {
    if (error instanceof LoketError) return fail(error.toInfo());
    if (error instanceof IllegalTransitionError) {
      return fail({ code: error.code, message: `${error.message}. Refresh the screen and choose another action.` });
    }
    log?.error('IPC handler failed', { channel: name, error });
    return fail({
      code: 'internal',
      message: 'Something went wrong inside Loket. Try again; if it happens again, call the technician.',
    });
  }
}
