import { describe, expect, it } from 'vitest';
import { serveSandbox } from './serve.ts';

describe('serveSandbox', () => {
  it('listens on loopback and prints the base URLs, the credentials and the counts', async () => {
    const lines: string[] = [];
    const { sandbox, server } = await serveSandbox({
      port: 0,
      companies: 15,
      seed: 2,
      print: (t) => lines.push(t),
    });
    try {
      const text = lines.join('\n');
      expect(text).toContain(`export HUBSPOT_API_BASE_URL=${server.hubspotBaseUrl}`);
      expect(text).toContain(`export ZENDESK_API_BASE_URL=${server.zendeskBaseUrl}`);
      expect(text).toContain(sandbox.credentials.hubspotPrivateAppToken);
      expect(text).toContain(sandbox.credentials.zendeskApiToken);
      expect(text).toContain('HubSpot: 15 companies');
      const answer = await fetch(`${server.hubspotBaseUrl}/account-info/v3/details`, {
        headers: { authorization: `Bearer ${sandbox.credentials.hubspotPrivateAppToken}` },
      });
      expect(answer.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
