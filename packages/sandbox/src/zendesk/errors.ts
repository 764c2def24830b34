/**
 * Zendesk's error bodies: `{ error, description }` for request problems, `{ error: "Couldn't
 * authenticate you" }` for bad basic credentials, OAuth's `{ error, error_description }` for tokens.
 * https://developer.zendesk.com/api-reference/introduction/responses/
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { SandboxContext } from '../runtime/runtime.ts';

export function invalidValue(
  c: SandboxContext,
  description: string,
  status: ContentfulStatusCode = 400,
): Response {
  return c.json({ error: 'InvalidValue', description }, status);
}

export function zodInvalid(c: SandboxContext, error: z.ZodError): Response {
  const issue = error.issues[0];
  const where = issue?.path.join('.') || 'request';
  return c.json(
    {
      error: 'InvalidValue',
      description: `${where}: ${issue?.message ?? 'invalid'}`,
      details: Object.fromEntries(
        error.issues.map((i) => [i.path.join('.') || 'request', [{ description: i.message }]]),
      ),
    },
    400,
  );
}

export function zendeskRateLimited(
  c: SandboxContext,
  retryAfterSeconds: number,
  description: string,
): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json({ error: 'TooManyRequests', description }, 429);
}
