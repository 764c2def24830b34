import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';
import { JOURNAL_RETENTION_MS } from './app-install.ts';

const REDIRECT = 'https://app.example/oauth/hubspot/callback';
const JOURNAL = '/webhooks-journal/journal/2026-03';
const SUBSCRIPTIONS = '/webhooks-journal/subscriptions/2026-03';

function setup() {
  const sandbox = createSandbox({ seed: 9, companies: 5, rateLimits: false });
  const api = client(sandbox).hubspot;
  const c = sandbox.credentials;
  const app = { client_id: c.hubspotClientId, client_secret: c.hubspotClientSecret };
  /** The app's client-credentials token (guide: "Authentication and scopes"). */
  const appToken = async (scope?: string) => {
    const answer = await api.form('/oauth/v1/token', {
      grant_type: 'client_credentials',
      ...app,
      ...(scope ? { scope } : {}),
    });
    return { answer, bearer: `Bearer ${answer.body.access_token}` };
  };
  /** An admin installs the app: consent, then our backend redeems the code. */
  const install = async () => {
    const code = sandbox.hubspotAuthorize({ redirectUri: REDIRECT });
    const tokens = await api.form('/oauth/v1/token', {
      grant_type: 'authorization_code',
      ...app,
      redirect_uri: REDIRECT,
      code,
    });
    expect(tokens.status).toBe(200);
    return tokens.body as { access_token: string; refresh_token: string };
  };
  return { sandbox, api, app, appToken, install };
}

describe('HubSpot client-credentials token', () => {
  it('answers as the token endpoint does and refuses scopes the app does not have', async () => {
    const { appToken, api } = setup();
    const { answer } = await appToken('developer.webhooks_journal.read');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ token_type: 'bearer', access_token: expect.any(String), expires_in: 1800 });
    const bad = await appToken('crm.objects.contacts.write');
    expect(bad.answer.status).toBe(400);
    expect(bad.answer.body.status).toBe('BAD_SCOPE');
    const wrongSecret = await api.form('/oauth/v1/token', {
      grant_type: 'client_credentials',
      client_id: 'x',
      client_secret: 'y',
    });
    expect(wrongSecret.body.status).toBe('BAD_CLIENT_ID');
  });
});

describe('HubSpot webhooks journal', () => {
  it('creates lifecycle subscriptions in the documented shape, one per portal and type (an upsert)', async () => {
    const { sandbox, api, appToken } = setup();
    const { bearer } = await appToken();
    const portalId = sandbox.credentials.hubspotPortalId;
    const body = {
      subscriptionType: 'APP_LIFECYCLE_EVENT',
      portalId,
      actions: ['APP_INSTALL', 'APP_UNINSTALL'],
    };
    const created = await api.post(SUBSCRIPTIONS, body, bearer);
    expect(created.status).toBe(201);
    // The fields of the guide's example response.
    expect(created.body).toEqual({
      id: expect.any(Number),
      appId: sandbox.credentials.hubspotAppId,
      subscriptionType: 'APP_LIFECYCLE_EVENT',
      portalId,
      actions: ['APP_INSTALL', 'APP_UNINSTALL'],
      objectIds: [],
      properties: [],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const again = await api.post(SUBSCRIPTIONS, { ...body, actions: ['APP_UNINSTALL'] }, bearer);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: created.body.id, actions: ['APP_UNINSTALL'] });
    const listed = await api.get(SUBSCRIPTIONS, bearer);
    expect(listed.body.results).toHaveLength(1);

    const refused = await api.post(SUBSCRIPTIONS, { ...body, actions: ['CREATE'] }, bearer);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/APP_INSTALL and APP_UNINSTALL go with APP_LIFECYCLE_EVENT/);
    const object = await api.post(
      SUBSCRIPTIONS,
      { subscriptionType: 'OBJECT', portalId, actions: ['CREATE'] },
      bearer,
    );
    expect(object.body.message).toMatch(/objectTypeId/);
    const elsewhere = await api.post(SUBSCRIPTIONS, { ...body, portalId: portalId + 1 }, bearer);
    expect(elsewhere.status).toBe(403);

    const del = await sandbox.fetch(
      new Request(`http://sandbox.test/hubspot${SUBSCRIPTIONS}/${created.body.id}`, {
        method: 'DELETE',
        headers: { authorization: bearer },
      }),
    );
    expect(del.status).toBe(204);
    expect((await api.get(SUBSCRIPTIONS, bearer)).body.results).toEqual([]);
  });

  it('refuses install tokens and tokens without the scope', async () => {
    const { api, appToken, install } = setup();
    const tokens = await install();
    const withInstall = await api.get(`${JOURNAL}/earliest`, `Bearer ${tokens.access_token}`);
    expect(withInstall.status).toBe(401);
    const { bearer } = await appToken('developer.webhooks_journal.subscriptions.read');
    const noScope = await api.get(`${JOURNAL}/earliest`, bearer);
    expect(noScope.status).toBe(403);
    expect(noScope.body.errors[0].context.requiredGranularScopes).toEqual([
      'developer.webhooks_journal.read',
    ]);
  });

  it('journals install and uninstall of a subscribed portal; entries page by offset and expire after 3 days', async () => {
    const { sandbox, api, appToken, install } = setup();
    const { bearer } = await appToken();
    const portalId = sandbox.credentials.hubspotPortalId;
    expect((await api.get(`${JOURNAL}/earliest`, bearer)).status).toBe(404);
    await api.post(
      SUBSCRIPTIONS,
      { subscriptionType: 'APP_LIFECYCLE_EVENT', portalId, actions: ['APP_INSTALL', 'APP_UNINSTALL'] },
      bearer,
    );

    const tokens = await install();
    expect(sandbox.hubspotApp.installed).toBe(true);
    sandbox.hubspotApp.uninstall();
    expect(sandbox.hubspotApp.installed).toBe(false);
    // The install's tokens die with it: its refresh token is refused as HubSpot refuses it.
    const refreshed = await api.form('/oauth/v1/token', {
      grant_type: 'refresh_token',
      client_id: sandbox.credentials.hubspotClientId,
      client_secret: sandbox.credentials.hubspotClientSecret,
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.body.status).toBe('BAD_REFRESH_TOKEN');
    expect((await api.get('/crm/v3/objects/companies', `Bearer ${tokens.access_token}`)).status).toBe(401);

    // The guide's example answer: { url, expiresAt, currentOffset }.
    const earliest = await api.get(`${JOURNAL}/earliest`, bearer);
    expect(earliest.status).toBe(200);
    expect(Object.keys(earliest.body).sort()).toEqual(['currentOffset', 'expiresAt', 'url']);
    expect(earliest.body.currentOffset).toMatch(/^[0-9a-f-]{36}$/);
    const file = await fetchFile(sandbox, earliest.body.url);
    expect(file).toEqual([
      {
        eventId: expect.any(String),
        subscriptionId: expect.any(Number),
        portalId,
        appId: sandbox.credentials.hubspotAppId,
        occurredAt: expect.any(Number),
        subscriptionType: 'APP_LIFECYCLE_EVENT',
        action: 'APP_INSTALL',
      },
    ]);
    const next = await api.get(`${JOURNAL}/offset/${earliest.body.currentOffset}/next`, bearer);
    expect(next.status).toBe(200);
    expect(await fetchFile(sandbox, next.body.url)).toMatchObject([{ action: 'APP_UNINSTALL', portalId }]);
    const latest = await api.get(`${JOURNAL}/latest`, bearer);
    expect(latest.body.currentOffset).toBe(next.body.currentOffset);
    // Nothing after the newest entry (yet); an offset that was never handed out is a 404.
    expect((await api.get(`${JOURNAL}/offset/${next.body.currentOffset}/next`, bearer)).status).toBe(204);
    expect(
      (await api.get(`${JOURNAL}/offset/00000000-0000-0000-0000-000000000000/next`, bearer)).status,
    ).toBe(404);

    sandbox.advanceTime(JOURNAL_RETENTION_MS + 1000);
    const fresh = await appToken();
    expect((await api.get(`${JOURNAL}/earliest`, fresh.bearer)).status).toBe(404);
    expect(
      (await api.get(`${JOURNAL}/offset/${earliest.body.currentOffset}/next`, fresh.bearer)).status,
    ).toBe(404);
    expect(sandbox.hubspotApp.journal()).toEqual([]);
  });

  it('journals nothing for a portal without a lifecycle subscription', async () => {
    const { sandbox, install } = setup();
    await install();
    sandbox.hubspotApp.uninstall();
    expect(sandbox.hubspotApp.journal()).toEqual([]);
  });
});

async function fetchFile(sandbox: ReturnType<typeof createSandbox>, url: string): Promise<unknown> {
  const response = await sandbox.fetch(new Request(url));
  expect(response.status).toBe(200);
  return response.json();
}
