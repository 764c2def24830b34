/**
 * Zendesk authentication: basic `{email}/token:{api_token}` or an OAuth bearer token the sandbox
 * issued. https://developer.zendesk.com/api-reference/introduction/security-and-auth/
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
        token === credentials.zendeskApiToken
      ) {
        c.set('zendeskUserId', zendesk.adminUserId);
        return next();
      }
      return c.json({ error: "Couldn't authenticate you" }, 401);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (bearer) {
      const grant = runtime.oauth.access('zendesk', bearer[1]!);
      if (grant && !('expired' in grant)) {
        c.set('zendeskUserId', zendesk.adminUserId);
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
