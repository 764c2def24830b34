/**
 * HubSpot OAuth v1 (https://developers.hubspot.com/docs/api/oauth/tokens): the token endpoint
 * (form-encoded; `authorization_code` or `refresh_token` for installs, `client_credentials` for
 * the app's own token that the webhooks journal API takes), token metadata, and a stand-in for the
 * consent screen at `/oauth/authorize` that redirects back with `code` and `state`. Errors use the
 * v1 shape `{ status: 'BAD_AUTH_CODE', message, correlationId }`. Redeeming a code installs the
 * app in the portal (app-install.ts).
 */
import type { Hono } from 'hono';
import { tokenRequestFields } from '../runtime/form-body.ts';
import type { Grant } from '../runtime/oauth-store.ts';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { issueAppToken, JOURNAL_SCOPES, markInstalled } from './app-install.ts';

export function hubspotOAuthRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { credentials } = runtime.state;
  const refuse = (c: SandboxContext, status: string, message: string) =>
    c.json({ status, message, correlationId: runtime.nextCorrelationId() }, 400);

  app.post('/oauth/v1/token', async (c) => {
    const f = await tokenRequestFields(c);
    if (f.client_id !== credentials.hubspotClientId)
      return refuse(c, 'BAD_CLIENT_ID', 'missing or unknown client id');
    if (f.client_secret !== credentials.hubspotClientSecret)
      return refuse(c, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    let grant: Grant;
    if (f.grant_type === 'authorization_code') {
      const code = runtime.oauth.peekCode('hubspot', f.code ?? '');
      if (code === undefined) return refuse(c, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      if (code === 'expired') return refuse(c, 'EXPIRED_AUTH_CODE', 'auth code is expired');
      if (code.redirectUri !== null && f.redirect_uri !== code.redirectUri) {
        return refuse(c, 'BAD_REDIRECT_URI', 'redirect_uri does not match the one the code was issued for');
      }
      grant = runtime.oauth.redeem('hubspot', f.code!);
      markInstalled(runtime);
    } else if (f.grant_type === 'client_credentials') {
      const asked = (f.scope ?? '').split(/[ +]/).filter(Boolean);
      const unknown = asked.filter((s) => !(JOURNAL_SCOPES as readonly string[]).includes(s));
      if (unknown.length) return refuse(c, 'BAD_SCOPE', `scope ${unknown.join(' ')} is not one this app has`);
      const { token, expiresIn } = issueAppToken(runtime, asked.length ? asked : JOURNAL_SCOPES);
      return c.json({ token_type: 'bearer', access_token: token, expires_in: expiresIn });
    } else if (f.grant_type === 'refresh_token') {
      const found = runtime.oauth.findRefresh('hubspot', f.refresh_token ?? '');
      if (!found) return refuse(c, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      grant = runtime.oauth.refresh(found);
    } else {
      return refuse(
        c,
        'BAD_GRANT_TYPE',
        'grant_type must be authorization_code, refresh_token or client_credentials',
      );
    }
    return c.json({
      token_type: 'bearer',
      refresh_token: grant.refreshToken,
      access_token: grant.accessToken,
      expires_in: Math.round((grant.expiresAt - grant.issuedAt) / 1000),
    });
  });

  app.get('/oauth/v1/access-tokens/:token', (c) => {
    const grant = runtime.oauth.access('hubspot', c.req.param('token'));
    if (!grant || 'expired' in grant) {
      return c.json(
        {
          status: 'error',
          message: 'The access token is expired or invalid',
          correlationId: runtime.nextCorrelationId(),
        },
        404,
      );
    }
    return c.json({
      token: grant.accessToken,
      user: runtime.state.credentials.zendeskEmail,
      hub_domain: 'sandbox-csm.example',
      scopes: grant.scopes,
      hub_id: runtime.state.hubspot.portalId,
      app_id: 1_000_001,
      expires_in: Math.max(0, Math.round((grant.expiresAt - runtime.clock.now()) / 1000)),
      user_id: 7_000_000,
      token_type: 'access',
    });
  });

  app.get('/oauth/authorize', (c) => {
    const q = c.req.query();
    if (q.client_id !== credentials.hubspotClientId || !q.redirect_uri) {
      return c.text('Authorization failed: unknown client_id or missing redirect_uri.', 400);
    }
    const scopes = [...(q.scope ?? '').split(/[ +]/), ...(q.optional_scope ?? '').split(/[ +]/)].filter(
      Boolean,
    );
    const code = runtime.oauth.mintCode('hubspot', q.client_id, scopes, q.redirect_uri);
    const target = new URL(q.redirect_uri);
    target.searchParams.set('code', code);
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    return c.redirect(target.toString(), 302);
  });
}
