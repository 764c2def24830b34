import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';
import { signV3, type WebhooksComponentConfig } from './webhook-deliveries.ts';

const TARGET = 'https://csm.example.test/webhooks/hubspot';
const component: WebhooksComponentConfig = {
  settings: { targetUrl: TARGET, maxConcurrentRequests: 10 },
  subscriptions: {
    crmObjects: [
      { subscriptionType: 'object.propertyChange', objectType: 'deal', propertyName: 'amount', active: true },
      {
        subscriptionType: 'object.propertyChange',
        objectType: 'deal',
        propertyName: 'dealname',
        active: false,
      },
      { subscriptionType: 'object.creation', objectType: 'deal', active: true },
      { subscriptionType: 'object.creation', objectType: 'feedback_submission', active: true },
    ],
    legacyCrmObjects: [{ subscriptionType: 'company.propertyChange', propertyName: 'name', active: true }],
  },
};

function setup() {
  const sandbox = createSandbox({ seed: 4, companies: 6, rateLimits: false });
  const received: { request: Request; body: string }[] = [];
  const hooks = sandbox.hubspotApp.deliverWebhooks({
    component,
    deliver: async (request) => {
      received.push({ request, body: await request.text() });
      return new Response(null, { status: 204 });
    },
  });
  const install = async () => {
    const c = sandbox.credentials;
    const code = sandbox.hubspotAuthorize();
    await client(sandbox).hubspot.form('/oauth/v1/token', {
      grant_type: 'authorization_code',
      client_id: c.hubspotClientId,
      client_secret: c.hubspotClientSecret,
      code,
    });
  };
  return { sandbox, hooks, received, install };
}

describe('webhook deliveries of the installed app', () => {
  it('sends nothing before an install, then the subscribed changes, signed, in the 2025.2 payload', async () => {
    const { sandbox, hooks, received, install } = setup();
    const deal = sandbox.data.deals[0]!;
    sandbox.mutate.updateDeal(deal.id, { amount: '1' });
    await hooks.flush();
    expect(received).toEqual([]);

    await install();
    sandbox.mutate.updateDeal(deal.id, { amount: '2400', dealname: 'Renamed' });
    sandbox.mutate.updateDeal(deal.id, { hs_mrr: '200' });
    const company = sandbox.data.companies[0]!;
    sandbox.mutate.updateCompany(company.id, { name: 'Acme 2' });
    const contact = sandbox.data.contacts[0]!;
    const answer = sandbox.mutate.addFeedbackSubmission({
      contactId: contact.id,
      surveyType: 'NPS',
      value: 9,
    });
    await hooks.flush();

    expect(received).toHaveLength(1);
    const [{ request, body }] = received as [{ request: Request; body: string }];
    expect(request.url).toBe(TARGET);
    const timestamp = request.headers.get('x-hubspot-request-timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    expect(request.headers.get('x-hubspot-signature-v3')).toBe(
      signV3(sandbox.credentials.hubspotClientSecret, TARGET, body, timestamp),
    );
    const events = JSON.parse(body);
    const portalId = sandbox.credentials.hubspotPortalId;
    expect(events).toEqual([
      expect.objectContaining({
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-3',
        objectId: Number(deal.id),
        propertyName: 'amount',
        propertyValue: '2400',
        portalId,
        appId: sandbox.credentials.hubspotAppId,
        attemptNumber: 0,
        eventId: expect.any(Number),
        occurredAt: expect.any(Number),
      }),
      // Classic payload: no objectTypeId.
      {
        eventId: expect.any(Number),
        subscriptionId: expect.any(Number),
        portalId,
        appId: sandbox.credentials.hubspotAppId,
        occurredAt: expect.any(Number),
        subscriptionType: 'company.propertyChange',
        attemptNumber: 0,
        objectId: Number(company.id),
        changeSource: 'CRM_UI',
        sourceId: 'userId:7000000',
        propertyName: 'name',
        propertyValue: 'Acme 2',
      },
      expect.objectContaining({
        subscriptionType: 'object.creation',
        objectTypeId: '0-19',
        objectId: Number(answer.id),
        changeFlag: 'CREATED',
      }),
    ]);
    // Inactive subscriptions (dealname) and unsubscribed properties (hs_mrr) send nothing.
    expect(new Set(events.map((e: { eventId: number }) => e.eventId)).size).toBe(3);
  });

  it('batches at most 100 events a request and stops when the app is uninstalled', async () => {
    const { sandbox, hooks, received, install } = setup();
    await install();
    const deal = sandbox.data.deals[0]!;
    for (let i = 0; i < 150; i++) sandbox.mutate.updateDeal(deal.id, { amount: String(i) });
    await hooks.flush();
    expect(received.map((r) => JSON.parse(r.body).length)).toEqual([100, 50]);
    expect(hooks.deliveries().map((d) => d.status)).toEqual([204, 204]);

    sandbox.hubspotApp.uninstall();
    sandbox.mutate.updateDeal(deal.id, { amount: '5' });
    await hooks.flush();
    expect(received).toHaveLength(2);
    hooks.stop();
  });
});
