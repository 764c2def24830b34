import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';

function setup() {
  const sandbox = createSandbox({ seed: 3, companies: 5 });
  const { hubspotAppId, hubspotDeveloperApiKey } = sandbox.credentials;
  const call = async (method: string, path: string, body?: unknown, key = hubspotDeveloperApiKey) => {
    const response = await sandbox.fetch(
      new Request(`http://sandbox.test/hubspot/webhooks/v3/${hubspotAppId}${path}?hapikey=${key}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return { sandbox, call };
}

describe('HubSpot Webhooks API', () => {
  it('refuses a wrong developer API key and another app id', async () => {
    const { sandbox, call } = setup();
    expect((await call('GET', '/subscriptions', undefined, 'nope')).body).toMatchObject({
      status: 'error',
      category: 'INVALID_AUTHENTICATION',
    });
    const other = await sandbox.fetch(
      new Request(
        `http://sandbox.test/hubspot/webhooks/v3/42/subscriptions?hapikey=${sandbox.credentials.hubspotDeveloperApiKey}`,
      ),
    );
    expect(other.status).toBe(404);
    // A bearer token of an installed account is no developer key.
    const bearer = await sandbox.fetch(
      new Request(`http://sandbox.test/hubspot/webhooks/v3/${sandbox.credentials.hubspotAppId}/settings`, {
        headers: { authorization: `Bearer ${sandbox.credentials.hubspotPrivateAppToken}` },
      }),
    );
    expect(bearer.status).toBe(401);
  });

  it('sets the target URL, validating it', async () => {
    const { call } = setup();
    expect((await call('GET', '/settings')).status).toBe(404);
    const bad = await call('PUT', '/settings', {
      targetUrl: 'not a url',
      throttling: { maxConcurrentRequests: 10 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.category).toBe('VALIDATION_ERROR');
    const put = await call('PUT', '/settings', {
      targetUrl: 'https://csm.example.com/webhooks/hubspot',
      throttling: { maxConcurrentRequests: 10 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      targetUrl: 'https://csm.example.com/webhooks/hubspot',
      throttling: { maxConcurrentRequests: 10, period: 'SECONDLY' },
    });
    expect((await call('GET', '/settings')).body.targetUrl).toBe('https://csm.example.com/webhooks/hubspot');
  });

  it('creates, lists, pauses and deletes subscriptions; duplicates are a 409; writes are logged', async () => {
    const { sandbox, call } = setup();
    const created = await call('POST', '/subscriptions', { eventType: 'company.creation', active: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      eventType: 'company.creation',
      active: true,
    });
    expect(
      (await call('POST', '/subscriptions', { eventType: 'company.creation', active: true })).status,
    ).toBe(409);
    const noProperty = await call('POST', '/subscriptions', {
      eventType: 'deal.propertyChange',
      active: true,
    });
    expect(noProperty.status).toBe(400);
    expect(noProperty.body.message).toContain('propertyName');
    expect((await call('POST', '/subscriptions', { eventType: 'deal.teleport' })).status).toBe(400);
    const amount = await call('POST', '/subscriptions', {
      eventType: 'deal.propertyChange',
      propertyName: 'amount',
    });
    expect(amount.body.active).toBe(false);

    const batch = await call('POST', '/subscriptions/batch/update', {
      inputs: [{ id: Number(amount.body.id), active: true }],
    });
    expect(batch.body).toMatchObject({ status: 'COMPLETE', results: [{ id: amount.body.id, active: true }] });
    const list = await call('GET', '/subscriptions');
    expect(
      list.body.results.map((s: { eventType: string; active: boolean }) => [s.eventType, s.active]),
    ).toEqual([
      ['company.creation', true],
      ['deal.propertyChange', true],
    ]);
    expect((await call('PATCH', `/subscriptions/${created.body.id}`, { active: false })).body.active).toBe(
      false,
    );
    expect((await call('DELETE', `/subscriptions/${created.body.id}`)).status).toBe(204);
    expect((await call('GET', `/subscriptions/${created.body.id}`)).status).toBe(404);

    const paths = sandbox.writes().map((w) => `${w.method} ${w.path}`);
    const app = sandbox.credentials.hubspotAppId;
    expect(paths).toEqual([
      `POST /webhooks/v3/${app}/subscriptions`,
      `POST /webhooks/v3/${app}/subscriptions`,
      `POST /webhooks/v3/${app}/subscriptions/batch/update`,
      `PATCH /webhooks/v3/${app}/subscriptions/${created.body.id}`,
      `DELETE /webhooks/v3/${app}/subscriptions/${created.body.id}`,
    ]);
  });
});
