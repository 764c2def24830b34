import { storeBackends } from '@csm/store/test-utils';
import { ZENDESK_WEBHOOK_EVENT_TYPES } from '@csm/zendesk';
import { afterAll, describe, expect, it } from 'vitest';
import { type InstallEnv, installEnv, installHubSpotApp, jsonOf } from '../test-utils/installs.ts';

for (const backend of storeBackends()) {
  describe(`Zendesk connect and its webhook on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const envs: InstallEnv[] = [];
    afterAll(async () => {
      for (const env of envs) await env.close();
    });

    it('creates a working webhook per tenant: a ticket change is delivered signed, verified and synced; disconnect removes it', async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      // The sandbox delivers to PUBLIC_URL; here, to the app in-process.
      env.sandbox.setZendeskWebhookTransport((request) => Promise.resolve(env.app.request(request)));
      expect((await installHubSpotApp(env)).status).toBe(200);
      await env.deps.scheduler.idle();
      const acme = (await env.store.tenants.list())[0]!;
      // A second tenant on the same Zendesk account: every Zendesk id is the same in both.
      const other = await env.store.tenants.upsert({
        name: 'other',
        hubspotPortalId: 1,
        credentials: { hubspot: { kind: 'private-app', token: 'not-used' } },
      });
      const c = env.sandbox.credentials;
      const connect = async (name: string) => {
        const appToken = (await env.store.tenants.zendeskAppToken(name))!;
        return env.app.request(`/api/v1/tenants/${name}/zendesk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${appToken}` },
          body: JSON.stringify({
            subdomain: c.zendeskSubdomain,
            email: c.zendeskEmail,
            token: c.zendeskApiToken,
          }),
        });
      };
      for (const name of [acme.name, other.name]) {
        const answer = await jsonOf(await connect(name));
        expect(answer.webhook).toEqual({
          status: 'created',
          id: expect.any(String),
          url: `https://csm.example.com/webhooks/zendesk/${name}`,
        });
      }
      await env.deps.scheduler.idle();
      const hooks = env.sandbox.zendeskWebhooks();
      expect(hooks.map((w) => [w.endpoint, w.status, w.http_method, w.request_format])).toEqual([
        [`https://csm.example.com/webhooks/zendesk/${acme.name}`, 'active', 'POST', 'json'],
        ['https://csm.example.com/webhooks/zendesk/other', 'active', 'POST', 'json'],
      ]);
      expect(hooks[0]!.subscriptions).toEqual([...ZENDESK_WEBHOOK_EVENT_TYPES]);
      // The secrets are the webhooks' own, kept encrypted.
      expect((await env.store.webhooks.zendeskWebhook(acme.id))?.secret).toBe(hooks[0]!.secret);
      expect((await env.store.webhooks.zendeskWebhook(other.id))?.secret).toBe(hooks[1]!.secret);
      const rows = await env.store.db.query<Record<string, unknown>>('SELECT * FROM zendesk_webhooks');
      expect(JSON.stringify(rows)).not.toContain(hooks[0]!.secret);

      // A ticket changes in Zendesk: each tenant's webhook gets the event, verifies it and syncs.
      const ticket = env.sandbox.data.tickets.find((t) => t.status === 'open')!;
      env.sandbox.resetStats();
      env.sandbox.mutate.updateTicket(ticket.id, { status: 'solved', priority: 'urgent' });
      await env.sandbox.flushZendeskWebhooks();
      const deliveries = env.sandbox.zendeskWebhookDeliveries();
      expect(deliveries.map((d) => [d.endpoint.split('/').pop(), d.type, d.status])).toEqual([
        [acme.name, 'zen:event-type:ticket.status_changed', 200],
        ['other', 'zen:event-type:ticket.status_changed', 200],
        [acme.name, 'zen:event-type:ticket.priority_changed', 200],
        ['other', 'zen:event-type:ticket.priority_changed', 200],
      ]);
      await env.deps.scheduler.idle();
      for (const tenant of [acme, other]) {
        const stored = (await env.store.readRecords(tenant.id, 'tickets')).find(
          (t) => t.source === 'zendesk' && t.externalId === String(ticket.id),
        );
        expect(stored, tenant.name).toMatchObject({ status: 'solved', priority: 'urgent' });
      }
      expect(
        env.sandbox.stats().byRoute['GET /zendesk/api/v2/incremental/tickets/cursor.json'],
      ).toBeGreaterThan(0);

      // A delivery to one tenant replayed to the other does not verify there.
      const toAcme = deliveries[0]!;
      const replayed = await env.app.request(`/webhooks/zendesk/other`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-zendesk-webhook-signature': 'forged',
          'x-zendesk-webhook-signature-timestamp': new Date().toISOString(),
        },
        body: toAcme.body,
      });
      expect(replayed.status).toBe(401);

      // Disconnect: the webhook is deleted in Zendesk and deliveries are refused.
      const appToken = (await env.store.tenants.zendeskAppToken(acme.name))!;
      const disconnect = await env.app.request(`/api/v1/tenants/${acme.name}/zendesk`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${appToken}` },
      });
      expect(await jsonOf(disconnect)).toEqual({ tenant: acme.name, webhook: 'deleted' });
      expect(env.sandbox.zendeskWebhooks().map((w) => w.endpoint)).toEqual([
        'https://csm.example.com/webhooks/zendesk/other',
      ]);
      const gone = (await env.store.tenants.get(acme.name))!;
      expect(gone.credentials.zendesk).toBeUndefined();
      expect(gone.zendeskSubdomain).toBeNull();
      expect(await env.store.webhooks.zendeskWebhook(acme.id)).toBeNull();
      env.sandbox.mutate.updateTicket(ticket.id, { status: 'open' });
      await env.sandbox.flushZendeskWebhooks();
      expect(
        env.sandbox
          .zendeskWebhookDeliveries()
          .slice(4)
          .map((d) => d.endpoint.split('/').pop()),
      ).toEqual(['other']);
      await env.deps.scheduler.idle();
      // Reconnecting makes a new webhook.
      expect((await jsonOf(await connect(acme.name))).webhook.status).toBe('created');
      expect(env.sandbox.zendeskWebhooks()).toHaveLength(2);
      await env.deps.scheduler.idle();
    });
  });
}
