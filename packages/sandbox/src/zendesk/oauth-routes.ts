/**
 * Zendesk OAuth (https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/): the
 * token endpoint (JSON or form; `authorization_code` or `refresh_token`, which rotates the refresh
 * token), and a stand-in for the consent screen at `/oauth/authorizations/new`.
 */
import type { Hono } from 'hono';
import { tokenRequestFields } from '../runtime/form-body.ts';
import type { Grant } from '../runtime/oauth-store.ts';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';

const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

export function zendeskOAuthRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { credentials } = runtime.state;
  const oauthError = (c: SandboxContext, status: 400 | 401, error: string, description: string) =>
    c.json({ error, error_description: description }, status);

  app.post('/oauth/tokens', async (c) => {
    const f = await tokenRequestFields(c);
    if (f.client_id !== credentials.zendeskClientId || f.client_secret !== credentials.zendeskClientSecret) {
      return oauthError(
        c,
        401,
        'invalid_client',
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      );
    }
    let grant: Grant;
    if (f.grant_type === 'authorization_code') {
      const code = runtime.oauth.peekCode('zendesk', f.code ?? '');
      if (code === undefined || code === 'expired') return oauthError(c, 400, 'invalid_grant', INVALID_GRANT);
      if (code.redirectUri !== null && f.redirect_uri !== code.redirectUri)
        return oauthError(c, 400, 'invalid_grant', INVALID_GRANT);
      grant = runtime.oauth.redeem('zendesk', f.code!);
    } else if (f.grant_type === 'refresh_token') {
      const found = runtime.oauth.findRefresh('zendesk', f.refresh_token ?? '');
      if (!found) return oauthError(c, 400, 'invalid_grant', INVALID_GRANT);
      grant = runtime.oauth.refresh(found);
    } else {
      return oauthError(
        c,
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
      );
    }
    return c.json({
      access_token: grant.accessToken,
      refresh_token: grant.refreshToken,
      token_type: 'bearer',
      scope: grant.scopes.join(' ') || 'read',
      expires_in: Math.round((grant.expiresAt - grant.issuedAt) / 1000),
      refresh_token_expires_in: 30 * 86_400,
    });
  });

  app.get('/oauth/authorizations/new', (c) => {
    const q = c.req.query();
    if (q.response_type !== 'code' || q.client_id !== credentials.zendeskClientId || !q.redirect_uri) {
      return c.text(
        'Invalid authorization request: response_type=code, a known client_id and a redirect_uri are required.',
        400,
      );
    }
    const scopes = (q.scope ?? 'read').split(/[ +]/).filter(Boolean);
    const target = new URL(q.redirect_uri);
    const allowed = runtime.zendeskAccount.allowedScopes;
    const refused = allowed ? scopes.filter((s) => !allowed.has(s)) : [];
    if (refused.length) {
      // An admin restricted the client's scopes: the redirect carries OAuth's error.
      target.searchParams.set('error', 'invalid_scope');
      target.searchParams.set(
        'error_description',
        `The requested scope is invalid, unknown, or malformed: ${refused.join(' ')}`,
      );
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      return c.redirect(target.toString(), 302);
    }
    const code = runtime.oauth.mintCode('zendesk', q.client_id, scopes, q.redirect_uri);
    target.searchParams.set('code', code);
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    return c.redirect(target.toString(), 302);
  });
}
