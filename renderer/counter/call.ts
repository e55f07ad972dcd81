import type { ErrorInfo, Result } from '../../core/errors.ts';

/** The code the screen uses when the bridge itself fails (a rejected promise, not an answer). */
export const TRANSPORT_ERROR = 'transport';

/**
 * Runs one `window.loket` call and always resolves to a Result: a rejected promise or a throw
 * (broken bridge, closed socket) becomes `{ ok: false }` instead of an unhandled error.
 */
export async function safeCall<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await call();
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return failure('the counter service gave an answer without "ok"');
  } catch (error) {
    return failure(error instanceof Error ? error.message : String(error));
  }
}

function failure(message: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code: TRANSPORT_ERROR, message } };
}
