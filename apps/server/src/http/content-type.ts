import { createMiddleware } from 'hono/factory';
import { AppError } from './errors.ts';

/** `text/csv; charset=utf-8` -> `text/csv`. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Refuses (415) a body whose `Content-Type` is not exactly one of `accepted` (parameters such as
 * `charset` allowed). Stricter than hono's JSON validator, which also takes any
 * `application/*+json`: what the API documents is what it takes. Requests without a body
 * (GET, or a POST with an empty body) pass.
 *
 * @example
 * routes.use('*', requireContentType(['application/json', 'text/csv']));
 */
export function requireContentType(accepted: readonly string[]) {
  const list = accepted.join(' or ');
  return createMiddleware(async (c, next) => {
    const header = c.req.header('content-type');
    const carriesBody =
      header !== undefined ||
      (c.req.header('content-length') ?? '0') !== '0' ||
      c.req.header('transfer-encoding') !== undefined;
    if (!['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(c.req.method) && carriesBody) {
      if (!accepted.includes(mediaTypeOf(header)))
        throw new AppError('unsupported_media_type', `Content-Type must be ${list}`, {
          field: 'content-type',
        });
    }
    await next();
  });
}
