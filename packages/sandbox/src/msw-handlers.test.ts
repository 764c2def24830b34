import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox.ts';

const HUBSPOT = 'https://api.hubapi.com';
const ZENDESK = 'https://csm-sandbox.zendesk.com';
const sandbox = createSandbox({ seed: 11, companies: 30, rateLimits: { scale: 100 } });
const server = setupServer(...sandbox.mswHandlers({ hubspotBaseUrl: HUBSPOT, zendeskBaseUrl: ZENDESK }));
const c = sandbox.credentials;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('msw handler mode', () => {
  it('answers HubSpot requests at the real base URL, with links back to it', async () => {
    const response = await fetch(`${HUBSPOT}/crm/v3/objects/companies?limit=5`, {
      headers: { authorization: `Bearer ${c.hubspotPrivateAppToken}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: unknown[]; paging: { next: { link: string } } };
    expect(body.results).toHaveLength(5);
    expect(body.paging.next.link.startsWith(`${HUBSPOT}/crm/v3/objects/companies?`)).toBe(true);
    const search = await fetch(`${HUBSPOT}/crm/v3/objects/deals/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.hubspotPrivateAppToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 3 }),
    });
    expect(((await search.json()) as { total: number }).total).toBe(sandbox.data.deals.length);
  });

  it('answers Zendesk requests with URLs under the Zendesk base', async () => {
    const auth = `Basic ${Buffer.from(`${c.zendeskEmail}/token:${c.zendeskApiToken}`).toString('base64')}`;
    const response = await fetch(
      `${ZENDESK}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=2`,
      { headers: { authorization: auth } },
    );
    const body = (await response.json()) as { tickets: { url: string }[]; after_url: string };
    expect(body.tickets[0]!.url.startsWith(`${ZENDESK}/api/v2/tickets/`)).toBe(true);
    expect(body.after_url.startsWith(`${ZENDESK}/api/v2/incremental/tickets/cursor.json?cursor=`)).toBe(true);
  });

  it('turns a dropped connection into a network error', async () => {
    sandbox.setFaults({ dropRate: 1 });
    try {
      await expect(
        fetch(`${HUBSPOT}/account-info/v3/details`, {
          headers: { authorization: `Bearer ${c.hubspotPrivateAppToken}` },
        }),
      ).rejects.toThrow(TypeError);
    } finally {
      sandbox.setFaults(null);
    }
  });
});
