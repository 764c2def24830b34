import { ApiError } from '@csm/http';
import { MetricInputError } from '@csm/metrics';
import { ZodError } from 'zod';

export const appErrorCodes = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'upstream',
  'unavailable',
  'internal',
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

/** The HTTP status of each code: the one place where codes become statuses (the app's onError). */
export const statusOf = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<AppErrorCode, number>;

/**
 * The server's one error type: a code from a closed list, a message a person can act on, and for
 * invalid input the field (`rows[3].score`) that was wrong.
 *
 * @example
 * throw new AppError('not_found', 'no account 42 for this portal');
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { field?: string; [key: string]: unknown },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `a.b[2].c` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** An AppError naming the first invalid field of a zod error, prefixed by where it came from. */
export function invalidInput(error: ZodError, where?: string): AppError {
  const issue = error.issues[0];
  const field = [where, issue ? fieldPath(issue.path) : ''].filter(Boolean).join('.');
  return new AppError('invalid_input', `${field || 'input'}: ${issue?.message ?? 'invalid'}`, { field });
}

/** Whatever was thrown, as an AppError (unknown errors become `internal` without leaking their text). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return invalidInput(error);
  if (error instanceof MetricInputError)
    return new AppError('invalid_input', error.message, { field: error.field }, { cause: error });
  if (error instanceof ApiError) {
    // An upstream API's refusal is our upstream failure, never the caller's 401 / 404.
    const code: AppErrorCode = error.code === 'rate_limited' ? 'rate_limited' : 'upstream';
    return new AppError(code, error.message, undefined, { cause: error });
  }
  return new AppError('internal', 'internal error', undefined, { cause: error });
}

/** The JSON body of every error answer. */
export function errorBody(error: AppError) {
  return { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}
