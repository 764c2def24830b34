import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

const REDIRECT = 'https://app.example/oauth/zendesk';

describe('Zendesk OAuth', () => {
  it('exchanges a code (JSON), rotates the refresh token on refresh, and expires tokens', async () => {
    const sandbox = createSandbox({ seed: 3, companies: 5, tokenTtlSeconds: 600 });
    const api = client(sandbox).zendesk;
    const c = sandbox.credentials;
    const app = {
      client_id: c.zendeskClientId,
      client_secret: c.zendeskClientSecret,
      redirect_uri: REDIRECT,
    };
    const code = sandbox.zendeskAuthorize({ redirectUri: REDIRECT });
    const tokens = await api.post('/oauth/tokens', {
      ...app,
      grant_type: 'authorization_code',
      code,
      scope: 'read',
    });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'bearer', scope: 'read', expires_in: 600 });
    expect(
      (await api.post('/oauth/tokens', { ...app, grant_type: 'authorization_code', code })).body.error,
    ).toBe('invalid_grant');

    const bearer = `Bearer ${tokens.body.access_token}`;
    expect((await api.get('/api/v2/users/me', bearer)).status).toBe(200);
    sandbox.advanceTime(601_000);
    const expired = await api.get('/api/v2/users/me', bearer);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('invalid_token');

    const refreshed = await api.post('/oauth/tokens', {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect((await api.get('/api/v2/users/me', `Bearer ${refreshed.body.access_token}`)).status).toBe(200);
    // The previous refresh token was deleted by the refresh.
    const replay = await api.post('/oauth/tokens', {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    expect(replay.body.error).toBe('invalid_grant');
    const badClient = await api.post('/oauth/tokens', {
      ...app,
      client_secret: 'x',
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
    });
    expect(badClient.status).toBe(401);
    expect(badClient.body.error).toBe('invalid_client');
  });

  it('accepts a form-encoded exchange and redirects from the consent stand-in', async () => {
    const sandbox = createSandbox({ seed: 3, companies: 5 });
    const c = sandbox.credentials;
    const authorize = await sandbox.fetch(
      new Request(
        `http://sandbox.test/zendesk/oauth/authorizations/new?response_type=code&client_id=${c.zendeskClientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=read&state=s1`,
      ),
    );
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('s1');
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      client_id: c.zendeskClientId,
      client_secret: c.zendeskClientSecret,
      redirect_uri: REDIRECT,
    });
    const tokens = await sandbox.fetch(
      new Request('http://sandbox.test/zendesk/oauth/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
    );
    expect(tokens.status).toBe(200);
    expect(((await tokens.json()) as { expires_in: number }).expires_in).toBe(1800);
  });
});
