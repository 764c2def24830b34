/**
 * HubSpot authentication: `Authorization: Bearer <token>`, a private-app token (every scope unless
 * the sandbox was given `hubspotPrivateAppScopes`) or an
 * OAuth access token the sandbox issued. Unknown -> 401 INVALID_AUTHENTICATION; expired -> 401
 * EXPIRED_AUTHENTICATION with HubSpot's "expired N second(s) ago" message; a missing scope -> 403
 * MISSING_SCOPES listing the scope.
 */
import type { MiddlewareHandler } from 'hono';
import type { HubSpotPrincipal, Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { hubspotError } from './errors.ts';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function hubspotAuth(runtime: Runtime): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const { credentials } = runtime.state;
    let principal: HubSpotPrincipal | undefined;
    if (token && token === credentials.hubspotPrivateAppToken) {
      principal = { kind: 'private-app', token, scopes: runtime.hubspotPrivateAppScopes };
    } else if (token) {
      const grant = runtime.oauth.access('hubspot', token);
      if (grant && 'expired' in grant) {
        const ago = Math.max(0, Math.floor((runtime.clock.now() - grant.expired.expiresAt) / 1000));
        return hubspotError(
          c,
          runtime,
          401,
          'EXPIRED_AUTHENTICATION',
          `The OAuth token used to make this call expired ${ago} second(s) ago.`,
          {
            context: { 'expire time': [new Date(grant.expired.expiresAt).toISOString()] },
          },
        );
      }
      if (grant)
        principal = { kind: 'oauth', token, scopes: grant.scopes.length ? new Set(grant.scopes) : 'all' };
    }
    if (!principal) {
      return hubspotError(
        c,
        runtime,
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    }
    c.set('hubspot', principal);
    return next();
  };
}

/** The 403 HubSpot answers when the token lacks `scope`, or null when it has it. */
export function missingScope(
  c: SandboxContext,
  runtime: Runtime,
  scope: string | undefined,
): Response | null {
  const principal = c.get('hubspot');
  if (!scope || principal.scopes === 'all' || principal.scopes.has(scope)) return null;
  return hubspotError(
    c,
    runtime,
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [scope] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}
