import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { errorBody, invalidInput } from './errors.ts';

/**
 * A router whose zod-declared routes feed the OpenAPI document, and whose validation failures
 * answer 400 with the field named (`{ error: 'invalid_input', message: 'query.portalId: ...' }`).
 *
 * @example
 * const routes = createRouter();
 * routes.openapi(createRoute({ ... }), (c) => c.json(..., 200));
 */
export function createRouter<E extends Env = Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const error = invalidInput(result.error, result.target === 'json' ? 'body' : result.target);
        return c.json(errorBody(error), 400);
      }
      return undefined;
    },
  });
}

export type Router = ReturnType<typeof createRouter>;
