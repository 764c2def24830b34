import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningSandbox } from './listen.ts';
import { createSandbox } from './sandbox.ts';

const sandbox = createSandbox({ seed: 13, companies: 20 });
let server: ListeningSandbox;

beforeAll(async () => {
  server = await sandbox.listen();
});
afterAll(() => server.close());

describe('listen mode', () => {
  it('serves both APIs on loopback under /hubspot and /zendesk', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.hubspotBaseUrl).toBe(`${server.url}/hubspot`);
    const c = sandbox.credentials;
    const hubspot = await fetch(`${server.hubspotBaseUrl}/crm/v3/objects/contacts?limit=2`, {
      headers: { authorization: `Bearer ${c.hubspotPrivateAppToken}` },
    });
    expect(hubspot.status).toBe(200);
    expect(hubspot.headers.get('x-hubspot-ratelimit-max')).toBe('190');
    const body = (await hubspot.json()) as { paging: { next: { link: string } } };
    expect(body.paging.next.link.startsWith(`${server.hubspotBaseUrl}/crm/v3/objects/contacts?`)).toBe(true);
    const auth = `Basic ${Buffer.from(`${c.zendeskEmail}/token:${c.zendeskApiToken}`).toString('base64')}`;
    const me = await fetch(`${server.zendeskBaseUrl}/api/v2/users/me`, { headers: { authorization: auth } });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(c.zendeskEmail);
  });

  it('drops the connection without an answer', async () => {
    sandbox.setFaults({ dropRate: 1 });
    try {
      await expect(fetch(`${server.url}/hubspot/account-info/v3/details`)).rejects.toThrow(TypeError);
    } finally {
      sandbox.setFaults(null);
    }
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  });
});
