import { createMiddleware } from 'hono/factory';
import { mediaTypeOf } from './content-type.ts';
import { AppError, fieldPath } from './errors.ts';

const NUL = '\u0000';

/** The path (`answers[1].comment`) of the first string, key or value, holding a NUL, or null. */
function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) return [...path, key.replaceAll(NUL, '\\u0000')];
      const found = nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const refuse = (field: string) =>
  new AppError('invalid_input', `${field}: the NUL character (U+0000) is not accepted`, { field });

/**
 * Refuses (400, naming the field) a NUL character (U+0000) in the address or in a JSON or text
 * body. PostgreSQL text and jsonb cannot hold it, so it would otherwise fail the statement that
 * stores or looks it up (a 500) instead of being refused as bad input.
 *
 * @example
 * app.use('*', refuseNulCharacters);
 */
export const refuseNulCharacters = createMiddleware(async (c, next) => {
  const url = new URL(c.req.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new AppError('invalid_input', 'path: malformed percent-encoding', { field: 'path' });
  }
  if (path.includes(NUL)) throw refuse('path');
  for (const [name, value] of url.searchParams)
    if (`${name}${value}`.includes(NUL)) throw refuse(`query.${name}`);

  const type = mediaTypeOf(c.req.header('content-type'));
  const textual = type === 'application/json' || type.endsWith('+json') || type.startsWith('text/');
  if (textual && c.req.raw.body && !['GET', 'HEAD'].includes(c.req.method)) {
    const text = await c.req.text();
    if (text.includes(NUL)) throw refuse('body');
    // JSON spells it \u0000: look only when that appears, and then at the parsed strings.
    if (/\\u0000/i.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const found = nulPath(parsed);
      if (found) throw refuse(['body', fieldPath(found)].filter(Boolean).join('.'));
    }
  }
  await next();
});
