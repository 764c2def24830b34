/**
 * Zendesk authentication: basic `{email}/token:{api_token}` (the account's current API token) or
 * an OAuth bearer token the sandbox issued, with its scopes.
 * https://developer.zendesk.com/api-reference/introduction/security-and-auth/
 */
import type { MiddlewareHandler } from 'hono';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';

export function zendeskAuth(runtime: Runtime): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const { credentials, zendesk } = runtime.state;
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const at = decoded.indexOf('/token:');
      const email = at < 0 ? '' : decoded.slice(0, at);
      const token = at < 0 ? '' : decoded.slice(at + '/token:'.length);
      if (
        email.toLowerCase() === credentials.zendeskEmail.toLowerCase() &&
        token === runtime.zendeskAccount.apiToken
      ) {
        c.set('zendeskUserId', zendesk.adminUserId);
        c.set('zendeskScopes', 'all');
        return next();
      }
      return c.json({ error: "Couldn't authenticate you" }, 401);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (bearer) {
      const grant = runtime.oauth.access('zendesk', bearer[1]!);
      if (grant && !('expired' in grant)) {
        c.set('zendeskUserId', zendesk.adminUserId);
        c.set('zendeskScopes', new Set(grant.scopes));
        return next();
      }
      // OAuth token failures use the OAuth error shape.
      return c.json(
        {
          error: 'invalid_token',
          error_description:
            'The access token provided is expired, revoked, malformed or invalid for other reasons.',
        },
        401,
      );
    }
    return c.json({ error: "Couldn't authenticate you" }, 401);
  };
}

/**
 * Whether the request's token may do this to a resource: `read` / `write` for everything, or the
 * resource's own (`webhooks:write`). GETs read; other methods write. The API token may do all.
 * https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/ (scopes)
 */
export function allowed(scopes: ReadonlySet<string> | 'all', resource: string, method: string): boolean {
  if (scopes === 'all') return true;
  const access = method === 'GET' ? 'read' : 'write';
  return scopes.has(access) || scopes.has(`${resource}:${access}`);
}
