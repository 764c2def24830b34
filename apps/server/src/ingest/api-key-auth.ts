import type { Store } from '@csm/store';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../http/errors.ts';

/** What the API-key middleware tells the handlers. */
export interface ApiKeyEnv {
  Variables: { tenantId: number; apiKeyId: string };
}

/**
 * `Authorization: Bearer csm_live_...`: the tenant's API key (`csm api-keys create --tenant <name>`).
 * A missing, malformed, unknown, wrong or revoked key is a 401 that says no more than that; the
 * key itself is never logged.
 */
export function apiKeyAuth(store: Store) {
  return createMiddleware<ApiKeyEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const verified = match?.[1] ? await store.apiKeys.verify(match[1]) : null;
    if (!verified) {
      c.header('WWW-Authenticate', 'Bearer realm="csm-ingest"');
      throw new AppError(
        'unauthorized',
        header
          ? 'API key refused: unknown, revoked or malformed'
          : 'missing Authorization: Bearer <API key> (create one with `csm api-keys create --tenant <name>`)',
      );
    }
    c.set('tenantId', verified.tenantId);
    c.set('apiKeyId', verified.keyId);
    await next();
  });
}
