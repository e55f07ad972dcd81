import { z } from 'zod';

export { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/** The error shape every IPC answer and HTTP error carries: which field, what is wrong, what to do. */
export const ErrorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** An expected failure with a code the UI can translate and a message a person can act on. */
export class LoketError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LoketError';
  }

  toInfo(): ErrorInfo {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** Turns a zod failure into one clear sentence naming the first offending field. */
export function zodErrorInfo(error: z.ZodError, what = 'request'): ErrorInfo {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const problem = issue?.message ?? 'is not valid';
  const message = field
    ? `The ${what} field "${field}" is wrong: ${problem}. Correct it and send again.`
    : `The ${what} is not valid: ${problem}. Correct it and send again.`;
  return field === undefined ? { code: 'invalid_request', message } : { code: 'invalid_request', message, field };
}
