import { aCompany, storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type InstallEnv,
  installEnv,
  installHubSpotApp,
  jsonOf,
  projectWebhooks,
  signedHubSpotPost,
} from '../test-utils/installs.ts';

for (const backend of storeBackends()) {
  describe(`the HubSpot project's webhooks on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const envs: InstallEnv[] = [];
    afterAll(async () => {
      for (const env of envs) await env.close();
    });

    it('an install with no developer API key receives the component’s deliveries; they refresh its tenant alone', async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      const { sandbox, store, deps, app } = env;
      expect((await installHubSpotApp(env)).status).toBe(200);
      await deps.scheduler.idle();
      const tenant = (await store.tenants.byPortalId(sandbox.credentials.hubspotPortalId))!;

      // Another tenant whose HubSpot ids are the same numbers (another portal).
      const first = sandbox.data.companies[0]!;
      const other = await store.tenants.upsert({
        name: 'other-portal',
        hubspotPortalId: sandbox.credentials.hubspotPortalId + 1,
        credentials: { hubspot: { kind: 'private-app', token: 'pat-other' } },
      });
      await store.writePage({
        tenantId: other.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [aCompany(first.id, { name: 'Same id, other portal' })],
      });

      const hooks = sandbox.hubspotApp.deliverWebhooks({
        component: projectWebhooks(),
        deliver: (request) => Promise.resolve(app.request(request)),
      });
      const deal = sandbox.data.deals.find((d) => d.properties.hs_is_closed_won === 'true')!;
      const contact = sandbox.data.contacts[0]!;
      const surveys = await store.countRecords(tenant.id, 'surveyResponses');
      sandbox.mutate.updateCompany(first.id, { name: 'Renamed in HubSpot' });
      sandbox.mutate.updateDeal(deal.id, { hs_mrr: '4321' });
      sandbox.mutate.updateCompany(first.id, { industry: 'COMPUTER_SOFTWARE' }); // not subscribed
      sandbox.mutate.addFeedbackSubmission({ contactId: contact.id, surveyType: 'NPS', value: 3 });

      const deliveries = await hooks.flush();
      expect(deliveries.map((d) => d.status)).toEqual([200]);
      expect(deliveries[0]!.events.map((e) => [e.subscriptionType, e.objectTypeId, e.propertyName])).toEqual([
        ['object.propertyChange', '0-2', 'name'],
        ['object.propertyChange', '0-3', 'hs_mrr'],
        ['object.creation', '0-19', undefined],
      ]);
      await deps.scheduler.idle();

      const names = new Map(
        (await store.readRecords(tenant.id, 'companies')).map((c) => [c.hubspotCompanyId, c.name]),
      );
      expect(names.get(first.id)).toBe('Renamed in HubSpot');
      expect(await store.readRecords(other.id, 'companies')).toEqual([
        expect.objectContaining({ hubspotCompanyId: first.id, name: 'Same id, other portal' }),
      ]);
      expect(await store.readRecords(tenant.id, 'deals')).toContainEqual(
        expect.objectContaining({ hubspotDealId: deal.id, mrr: 4321 }),
      );
      expect(await store.countRecords(tenant.id, 'surveyResponses')).toBe(surveys + 1);

      // A redelivery of the same events (HubSpot retries what it thinks failed) starts nothing.
      const again = await app.request(
        signedHubSpotPost(sandbox.credentials.hubspotClientSecret, JSON.stringify(deliveries[0]!.events)),
      );
      expect(await jsonOf(again)).toMatchObject({ received: 3, fresh: 0, syncs: [] });

      // Uninstalled: HubSpot delivers nothing more.
      sandbox.hubspotApp.uninstall();
      sandbox.mutate.updateCompany(first.id, { name: 'After uninstall' });
      expect(await hooks.flush()).toHaveLength(1);
      hooks.stop();
    });
  });
}
