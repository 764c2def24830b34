import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

const REDIRECT = 'https://app.example/oauth/hubspot';

function setup() {
  const sandbox = createSandbox({ seed: 6, companies: 10 });
  const api = client(sandbox).hubspot;
  const c = sandbox.credentials;
  const app = { client_id: c.hubspotClientId, client_secret: c.hubspotClientSecret, redirect_uri: REDIRECT };
  return { sandbox, api, app };
}

describe('HubSpot OAuth', () => {
  it('exchanges a code once, for a token limited to its scopes and to 100 requests per 10 s', async () => {
    const { sandbox, api, app } = setup();
    const code = sandbox.hubspotAuthorize({ scopes: ['crm.objects.companies.read'], redirectUri: REDIRECT });
    const wrongRedirect = await api.form('/oauth/v1/token', {
      ...app,
      redirect_uri: 'https://evil.example',
      grant_type: 'authorization_code',
      code,
    });
    expect(wrongRedirect.body.status).toBe('BAD_REDIRECT_URI');
    const tokens = await api.form('/oauth/v1/token', { ...app, grant_type: 'authorization_code', code });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 1800,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    const reused = await api.form('/oauth/v1/token', { ...app, grant_type: 'authorization_code', code });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' });

    const bearer = `Bearer ${tokens.body.access_token}`;
    const companies = await api.get('/crm/v3/objects/companies', bearer);
    expect(companies.status).toBe(200);
    expect(companies.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(companies.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    const contacts = await api.get('/crm/v3/objects/contacts', bearer);
    expect(contacts.status).toBe(403);
    expect(contacts.body.category).toBe('MISSING_SCOPES');
    expect(contacts.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.read']);
  });

  it('expires access tokens on the sandbox clock and refreshes them (the refresh token stays)', async () => {
    const { sandbox, api, app } = setup();
    const code = sandbox.hubspotAuthorize();
    const tokens = (await api.form('/oauth/v1/token', { ...app, grant_type: 'authorization_code', code }))
      .body;
    sandbox.advanceTime(1800_000 + 5_000);
    const expired = await api.get('/crm/v3/objects/contacts', `Bearer ${tokens.access_token}`);
    expect(expired.status).toBe(401);
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');
    expect(expired.body.message).toMatch(
      /^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/,
    );

    const refreshed = await api.form('/oauth/v1/token', {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(tokens.refresh_token);
    expect(refreshed.body.access_token).not.toBe(tokens.access_token);
    expect((await api.get('/crm/v3/objects/contacts', `Bearer ${refreshed.body.access_token}`)).status).toBe(
      200,
    );
    const info = await api.get(`/oauth/v1/access-tokens/${refreshed.body.access_token}`, null);
    expect(info.body).toMatchObject({ hub_id: sandbox.credentials.hubspotPortalId, token_type: 'access' });
    expect(info.body.expires_in).toBeGreaterThan(1790);

    const badRefresh = await api.form('/oauth/v1/token', {
      ...app,
      grant_type: 'refresh_token',
      refresh_token: 'nope',
    });
    expect(badRefresh.body.status).toBe('BAD_REFRESH_TOKEN');
    const badSecret = await api.form('/oauth/v1/token', {
      ...app,
      client_secret: 'x',
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');
  });

  it('refuses unknown and missing tokens with 401 INVALID_AUTHENTICATION', async () => {
    const { api } = setup();
    for (const token of ['Bearer pat-na1-00000000', null]) {
      const answer = await api.get('/crm/v3/objects/companies', token);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
        correlationId: expect.any(String),
      });
      expect(answer.body.message).toMatch(/^Authentication credentials not found/);
    }
  });

  it('stands in for the consent screen with a redirect carrying code and state', async () => {
    const { sandbox, api, app } = setup();
    const url = `/oauth/authorize?client_id=${sandbox.credentials.hubspotClientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=crm.objects.deals.read&state=xyz`;
    const answer = await sandbox.fetch(new Request(`http://sandbox.test/hubspot${url}`));
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    const tokens = await api.form('/oauth/v1/token', {
      ...app,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
    });
    expect(tokens.status).toBe(200);
  });
});
