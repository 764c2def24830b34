import { storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { signedHubSpotGet } from '../test-utils/index.ts';
import {
  type InstallEnv,
  installEnv,
  installHubSpotApp,
  jsonOf,
  signedHubSpotPost,
  signedZendeskPost,
  zendeskEvent,
} from '../test-utils/installs.ts';

const syncRuns = async (env: InstallEnv) =>
  Number(
    (await env.store.db.query<{ n: string | number }>('SELECT count(*) AS n FROM sync_runs'))[0]?.n ?? 0,
  );

/** One HubSpot event as HubSpot sends it (https://developers.hubspot.com/docs/api/webhooks). */
const hubspotEvent = (portalId: number, over: Record<string, unknown> = {}) => ({
  eventId: 1001,
  subscriptionId: 2001,
  portalId,
  appId: 1_000_001,
  occurredAt: Date.now() - 1_000,
  subscriptionType: 'company.propertyChange',
  attemptNumber: 0,
  objectId: 1,
  propertyName: 'name',
  propertyValue: 'x',
  changeSource: 'CRM_UI',
  ...over,
});

for (const backend of storeBackends()) {
  describe(`webhooks on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const envs: InstallEnv[] = [];
    afterAll(async () => {
      for (const env of envs) await env.close();
    });
    /** An installed portal, its backfill done. */
    const installed = async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      expect((await installHubSpotApp(env)).status).toBe(200);
      await env.deps.scheduler.idle();
      const tenant = (await env.store.tenants.list())[0]!;
      return { env, tenant, secret: env.sandbox.credentials.hubspotClientSecret };
    };

    it('HubSpot: a signed batch syncs what changed; a redelivery enqueues nothing; order does not matter', async () => {
      const { env, tenant, secret } = await installed();
      const portalId = tenant.hubspotPortalId!;
      const [first, second] = env.sandbox.data.companies;
      env.sandbox.mutate.updateCompany(first!.id, { name: 'Renamed by webhook test' });
      env.sandbox.mutate.updateCompany(second!.id, { name: 'Renamed second' });

      // The later change arrives first.
      const later = JSON.stringify([hubspotEvent(portalId, { eventId: 2, objectId: Number(second!.id) })]);
      const earlier = JSON.stringify([
        hubspotEvent(portalId, { eventId: 1, objectId: Number(first!.id), occurredAt: Date.now() - 5_000 }),
        hubspotEvent(portalId, { eventId: 3, subscriptionType: 'deal.creation', objectId: 5 }),
        hubspotEvent(portalId, { eventId: 4, subscriptionType: 'product.creation', objectId: 6 }),
      ]);
      const a = await env.app.request(signedHubSpotPost(secret, later));
      expect(await jsonOf(a)).toEqual({
        received: 1,
        fresh: 1,
        ignored: 0,
        syncs: [{ tenant: tenant.name, streams: ['hubspot.companies'] }],
      });
      const b = await env.app.request(signedHubSpotPost(secret, earlier));
      expect(b.status).toBe(200);
      expect((await jsonOf(b)).syncs).toEqual([
        { tenant: tenant.name, streams: ['hubspot.companies', 'hubspot.deals'] },
      ]);
      await env.deps.scheduler.idle();
      const names = new Map(
        (await env.store.readRecords(tenant.id, 'companies')).map((c) => [c.hubspotCompanyId, c.name]),
      );
      expect(names.get(first!.id)).toBe('Renamed by webhook test');
      expect(names.get(second!.id)).toBe('Renamed second');
      // The card answers the change as soon as the webhook's sync is done.
      const card = await env.app.request(
        signedHubSpotGet(`/cards/hubspot/companies/${first!.id}?portalId=${portalId}`, { secret }),
      );
      expect(card.status).toBe(200);
      expect((await jsonOf(card)).account.name).toBe('Renamed by webhook test');

      const runs = await syncRuns(env);
      const again = await env.app.request(signedHubSpotPost(secret, earlier));
      expect(await jsonOf(again)).toEqual({ received: 3, fresh: 0, ignored: 0, syncs: [] });
      await env.deps.scheduler.idle();
      expect(await syncRuns(env)).toBe(runs);
    });

    it('HubSpot: events of unknown or paused portals are acknowledged and ignored', async () => {
      const { env, tenant, secret } = await installed();
      const unknown = await env.app.request(signedHubSpotPost(secret, JSON.stringify([hubspotEvent(999)])));
      expect(unknown.status).toBe(200);
      expect(await jsonOf(unknown)).toMatchObject({ received: 1, fresh: 0, ignored: 1, syncs: [] });
      await env.store.tenants.setStatus(tenant.id, 'paused');
      const paused = await env.app.request(
        signedHubSpotPost(secret, JSON.stringify([hubspotEvent(tenant.hubspotPortalId!, { eventId: 77 })])),
      );
      expect(await jsonOf(paused)).toMatchObject({ ignored: 1, syncs: [] });
    });

    it('HubSpot: refuses bad signatures, stale timestamps, malformed JSON, wrong shapes and oversized bodies', async () => {
      const { env, tenant, secret } = await installed();
      const body = JSON.stringify([hubspotEvent(tenant.hubspotPortalId!)]);
      const runs = await syncRuns(env);

      const wrongSecret = await env.app.request(signedHubSpotPost('not-the-secret', body));
      expect(wrongSecret.status).toBe(401);
      expect((await jsonOf(wrongSecret)).message).toContain('signature does not match');
      const tampered = signedHubSpotPost(secret, body);
      const altered = await env.app.request(
        new Request(tampered.url, {
          method: 'POST',
          headers: tampered.headers,
          body: body.replace('1001', '1002'),
        }),
      );
      expect(altered.status).toBe(401);
      const stale = await env.app.request(
        signedHubSpotPost(secret, body, { timestamp: Date.now() - 301_000 }),
      );
      expect(stale.status).toBe(401);
      expect((await jsonOf(stale)).message).toContain('stale timestamp');
      const unsigned = await env.app.request('/webhooks/hubspot', { method: 'POST', body });
      expect(unsigned.status).toBe(401);

      const malformed = await env.app.request(signedHubSpotPost(secret, '[{"eventId": 1,'));
      expect(malformed.status).toBe(400);
      expect(await jsonOf(malformed)).toMatchObject({
        error: 'invalid_input',
        message: 'body: malformed JSON',
      });
      const noPortal = JSON.stringify([{ ...hubspotEvent(1), portalId: 'abc' }]);
      const shape = await env.app.request(signedHubSpotPost(secret, noPortal));
      expect(shape.status).toBe(400);
      expect((await jsonOf(shape)).message).toMatch(/^body\.?\[0\]\.portalId: /);
      const empty = await env.app.request(signedHubSpotPost(secret, '[]'));
      expect(empty.status).toBe(400);

      const huge = JSON.stringify([
        hubspotEvent(tenant.hubspotPortalId!, { propertyValue: 'x'.repeat(1_100_000) }),
      ]);
      const oversized = await env.app.request(signedHubSpotPost(secret, huge));
      expect(oversized.status).toBe(413);

      await env.deps.scheduler.idle();
      expect(await syncRuns(env)).toBe(runs);
      expect(await env.store.db.query('SELECT * FROM webhook_events')).toEqual([]);
    });

    it('Zendesk: a secret set by the tenant’s admin is used; a signed event syncs the ticket streams once', async () => {
      const { env, tenant } = await installed();
      const c = env.sandbox.credentials;
      const appToken = (await env.store.tenants.zendeskAppToken(tenant.name))!;
      const secret = 'zendesk-signing-secret-0123456789';
      const event = zendeskEvent(
        'ticket.status_changed',
        'zen:ticket:1',
        { id: '1', status: 'SOLVED' },
        { current: 'SOLVED', previous: 'OPEN' },
      );
      // No secret set yet: the same answer as a wrong signature (nothing tells what the tenant lacks).
      const noSecret = await env.app.request(signedZendeskPost(tenant.name, secret, event));
      expect(noSecret.status).toBe(401);
      expect(await jsonOf(noSecret)).toEqual({
        error: 'unauthorized',
        message: 'Zendesk signature refused: signature does not match',
      });

      const connect = await env.app.request(`/api/v1/tenants/${tenant.name}/zendesk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${appToken}` },
        body: JSON.stringify({
          subdomain: c.zendeskSubdomain,
          email: c.zendeskEmail,
          token: c.zendeskApiToken,
        }),
      });
      expect(connect.status).toBe(200);
      await env.deps.scheduler.idle();

      // The connect stored its own webhook's secret: a delivery signed with another is refused.
      expect((await env.app.request(signedZendeskPost(tenant.name, secret, event))).status).toBe(401);
      // A webhook made by hand: its secret replaces the stored one.
      const put = (token: string) =>
        env.app.request(`/api/v1/tenants/${tenant.name}/zendesk/webhook-secret`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ signingSecret: secret }),
        });
      expect((await put('nope')).status).toBe(401);
      const saved = await put(appToken);
      expect(await jsonOf(saved)).toEqual({
        webhookUrl: `https://csm.example.com/webhooks/zendesk/${tenant.name}`,
      });

      const ticket = env.sandbox.data.tickets.find((t) => t.status === 'open' || t.status === 'new')!;
      env.sandbox.mutate.updateTicket(ticket.id, { status: 'solved' });
      const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const delivery = await env.app.request(
        signedZendeskPost(tenant.name, secret, event, { invocationId: 'inv-1', timestamp: at }),
      );
      expect(await jsonOf(delivery)).toEqual({
        received: 1,
        fresh: 1,
        ignored: 0,
        syncs: [
          {
            tenant: tenant.name,
            streams: ['zendesk.tickets', 'zendesk.satisfaction_ratings', 'zendesk.survey_responses'],
          },
        ],
      });
      await env.deps.scheduler.idle();
      const stored = (await env.store.readRecords(tenant.id, 'tickets')).find(
        (t) => t.source === 'zendesk' && t.externalId === String(ticket.id),
      );
      expect(stored?.status).toBe('solved');

      const runs = await syncRuns(env);
      const redelivery = await env.app.request(
        signedZendeskPost(tenant.name, secret, event, { invocationId: 'inv-1' }),
      );
      expect(await jsonOf(redelivery)).toMatchObject({ fresh: 0, syncs: [] });
      // A captured delivery replayed within the signature's five minutes, with a new invocation id
      // or none (the signature does not cover it): recognized by what the signature covers.
      const events = await env.store.db.query('SELECT * FROM webhook_events ORDER BY event_id');
      for (const invocationId of ['inv-forged', undefined]) {
        const replay = await env.app.request(
          signedZendeskPost(tenant.name, secret, event, {
            timestamp: at,
            ...(invocationId ? { invocationId } : {}),
          }),
        );
        expect(replay.status).toBe(200);
        expect(await jsonOf(replay)).toMatchObject({ fresh: 0, syncs: [] });
      }
      expect(await env.store.db.query('SELECT * FROM webhook_events ORDER BY event_id')).toEqual(events);
      await env.deps.scheduler.idle();
      expect(await syncRuns(env)).toBe(runs);

      const trigger = await env.app.request(
        signedZendeskPost(tenant.name, secret, JSON.stringify({ ticket_id: 5 }), { invocationId: 'inv-2' }),
      );
      expect((await jsonOf(trigger)).syncs[0].streams).toEqual([
        'zendesk.organizations',
        'zendesk.users',
        'zendesk.tickets',
        'zendesk.satisfaction_ratings',
        'zendesk.survey_responses',
      ]);
      await env.deps.scheduler.idle();
    });

    it('Zendesk: refuses bad signatures, stale timestamps, unknown tenants and malformed JSON', async () => {
      const { env, tenant } = await installed();
      const secret = 'zendesk-signing-secret-0123456789';
      await env.store.webhooks.setZendeskSecret(tenant.id, secret);
      const body = zendeskEvent('user.created', 'zen:user:7', {
        id: '7',
        email: 'ann@acme.test',
        role: 'end-user',
      });

      const wrongAgain = () =>
        env.app.request(signedZendeskPost(tenant.name, 'another-secret-0123456789', body));
      const wrong = await wrongAgain();
      expect(wrong.status).toBe(401);
      const stale = await env.app.request(
        signedZendeskPost(tenant.name, secret, body, {
          timestamp: new Date(Date.now() - 600_000).toISOString(),
        }),
      );
      expect(stale.status).toBe(401);
      expect((await jsonOf(stale)).message).toContain('stale timestamp');
      // An unknown tenant answers exactly like a wrong signature: tenant names cannot be probed.
      const unknown = await env.app.request(signedZendeskPost('nobody', secret, body));
      expect(unknown.status).toBe(401);
      expect(await jsonOf(unknown)).toEqual(await jsonOf(await wrongAgain()));
      const malformed = await env.app.request(signedZendeskPost(tenant.name, secret, '{"type":'));
      expect(malformed.status).toBe(400);
      expect((await jsonOf(malformed)).message).toBe('body: malformed JSON');
      const notObject = await env.app.request(signedZendeskPost(tenant.name, secret, '[1,2]'));
      expect(notObject.status).toBe(400);
      const noSubject = await env.app.request(
        signedZendeskPost(
          tenant.name,
          secret,
          JSON.stringify({ type: 'zen:event-type:user.created', detail: {} }),
        ),
      );
      expect(noSubject.status).toBe(400);
      expect((await jsonOf(noSubject)).message).toContain('subject');
      // Zendesk is not connected to this tenant: acknowledged, nothing to sync.
      const ok = await env.app.request(signedZendeskPost(tenant.name, secret, body));
      expect(await jsonOf(ok)).toMatchObject({ ignored: 1, syncs: [] });
    });

    it('are in the OpenAPI document', async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      const doc = await jsonOf(await env.app.request('/openapi.json'));
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/webhooks/hubspot',
          '/webhooks/zendesk/{tenant}',
          '/oauth/hubspot/install',
          '/oauth/hubspot/callback',
          '/oauth/zendesk/install',
          '/oauth/zendesk/callback',
          '/api/v1/tenants/{tenant}/zendesk',
          '/api/v1/tenants/{tenant}/zendesk/webhook-secret',
          '/api/v1/tenants/{tenant}/zendesk/connect-link',
        ]),
      );
    });
  });
}
