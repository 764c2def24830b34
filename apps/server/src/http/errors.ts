import { ApiError } from '@csm/http';
import { MetricInputError } from '@csm/metrics';
import { isConnectionLoss } from '@csm/store';
import type { Logger } from '@csm/sync';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';

export const appErrorCodes = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
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
  unsupported_media_type: 415,
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
  /** Sent as `Retry-After` (seconds): the condition is expected to pass (the database restarting). */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { field?: string; [key: string]: unknown },
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** How long a client should wait before retrying while the database is away (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

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
  // A lost database connection is the server's temporary trouble, not a bug: 503 and a retry hint.
  if (isConnectionLoss(error))
    return new AppError('unavailable', 'the database is unavailable; retry shortly', undefined, {
      cause: error,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  if (error instanceof HTTPException) return fromHttpException(error);
  if (error instanceof MetricInputError)
    return new AppError('invalid_input', error.message, { field: error.field }, { cause: error });
  if (error instanceof ApiError) {
    // An upstream API's refusal is our upstream failure, never the caller's 401 / 404.
    const code: AppErrorCode = error.code === 'rate_limited' ? 'rate_limited' : 'upstream';
    return new AppError(code, error.message, undefined, { cause: error });
  }
  return new AppError('internal', 'internal error', undefined, { cause: error });
}

/** hono's own refusals (its body validators, body limit) in the API's terms. */
function fromHttpException(error: HTTPException): AppError {
  switch (error.status) {
    case 400:
      return new AppError('invalid_input', `body: ${error.message} (expected a JSON object)`, {
        field: 'body',
      });
    case 401:
      return new AppError('unauthorized', error.message || 'unauthorized');
    case 404:
      return new AppError('not_found', error.message || 'not found');
    case 413:
      return new AppError('payload_too_large', error.message || 'request body too large');
    case 415:
      return new AppError('unsupported_media_type', 'unsupported Content-Type', { field: 'content-type' });
    default:
      return error.status >= 500
        ? new AppError('internal', 'internal error', undefined, { cause: error })
        : new AppError('invalid_input', error.message || 'invalid request');
  }
}

/**
 * The answer to anything a route threw: the code's status, the JSON body, `Retry-After` when the
 * condition is temporary. Unexpected errors are logged (without their text in the answer).
 */
export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  // hono's own complete answers (basic auth's 401 with its WWW-Authenticate header) are kept.
  if (error instanceof HTTPException && error.res) return error.getResponse();
  const appError = toAppError(error);
  if (appError.code === 'internal') logger.error({ err: error }, 'unhandled error');
  else if (appError.code === 'unavailable' && appError.cause !== undefined)
    logger.warn({ err: String(appError.cause) }, 'database unavailable');
  if (appError.retryAfterSeconds !== undefined) c.header('Retry-After', String(appError.retryAfterSeconds));
  return c.json(errorBody(appError), statusOf[appError.code]);
}

/** The JSON body of every error answer. */
export function errorBody(error: AppError) {
  return { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}
