import { refreshAccounts, tenantReport } from '@csm/accounts';
import { storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { signedHubSpotGet } from '../test-utils/index.ts';
import {
  type InstallEnv,
  installEnv,
  installHubSpotApp,
  projectWebhooks,
  signedHubSpotPost,
} from '../test-utils/installs.ts';

for (const backend of storeBackends()) {
  describe(`HubSpot deletions by webhook on ${backend.name}`, () => {
    let env: InstallEnv | undefined;
    afterAll(async () => {
      await env?.close();
      await backend.cleanup();
    });

    it('remove the deleted records and the figures stop counting them, for that portal only', async () => {
      env = await installEnv(await backend.open());
      const { sandbox, store, deps, app } = env;
      expect((await installHubSpotApp(env)).status).toBe(200);
      await deps.scheduler.idle();
      const acme = (await store.tenants.byPortalId(sandbox.credentials.hubspotPortalId))!;
      const portalId = acme.hubspotPortalId!;
      // Another portal's tenant holding the same HubSpot ids.
      const globex = await store.tenants.upsert({
        name: 'globex',
        hubspotPortalId: portalId + 1,
        credentials: { hubspot: { kind: 'private-app', token: 'pat-globex' } },
      });
      for (const kind of ['companies', 'contacts', 'deals'] as const)
        await store.writePage({
          tenantId: globex.id,
          stream: `copy.${kind}`,
          kind,
          records: await store.readRecords(acme.id, kind),
        });
      await refreshAccounts({ store, tenantId: globex.id, now: new Date() });
      const before = {
        acme: await tenantReport(store, acme.id),
        globex: await tenantReport(store, globex.id),
      };

      // A paying company with a single deal loses it; another company is deleted.
      const deals = await store.readRecords(acme.id, 'deals');
      const paying = before.acme.find(
        (r) => (r.mrr ?? 0) > 0 && deals.filter((d) => d.companyId === r.hubspotCompanyId).length === 1,
      )!;
      const deal = deals.find((d) => d.companyId === paying.hubspotCompanyId)!;
      const gone = before.acme.find((r) => r.hubspotCompanyId !== paying.hubspotCompanyId)!.hubspotCompanyId;
      const hooks = sandbox.hubspotApp.deliverWebhooks({
        component: projectWebhooks(),
        deliver: (request) => Promise.resolve(app.request(request)),
      });
      sandbox.mutate.deleteObject('deals', deal.hubspotDealId);
      sandbox.mutate.deleteObject('companies', gone);
      const deliveries = await hooks.flush();
      expect(deliveries.map((d) => d.status)).toEqual([200]);
      expect(
        deliveries[0]!.events.map((e) => [e.subscriptionType, e.objectTypeId, String(e.objectId)]),
      ).toEqual([
        ['object.deletion', '0-3', deal.hubspotDealId],
        ['object.deletion', '0-2', gone],
      ]);
      await deps.scheduler.idle();

      const after = {
        acme: await tenantReport(store, acme.id),
        globex: await tenantReport(store, globex.id),
      };
      expect(after.acme.map((r) => r.hubspotCompanyId)).toEqual(
        before.acme.map((r) => r.hubspotCompanyId).filter((id) => id !== gone),
      );
      expect(after.acme.find((r) => r.hubspotCompanyId === paying.hubspotCompanyId)!.mrr ?? 0).toBe(0);
      expect((await store.readRecords(acme.id, 'deals')).map((d) => d.hubspotDealId)).not.toContain(
        deal.hubspotDealId,
      );
      const secret = sandbox.credentials.hubspotClientSecret;
      const card = (id: string, portal: number) =>
        app.request(signedHubSpotGet(`/cards/hubspot/companies/${id}?portalId=${portal}`, { secret }));
      expect((await card(gone, portalId)).status).toBe(404);
      // The other portal's tenant, same ids: nothing of it went.
      expect(after.globex).toEqual(before.globex);
      expect((await card(gone, portalId + 1)).status).toBe(200);

      // A deletion older than the stored version (restored and changed since) removes nothing.
      const kept = (await store.readRecords(acme.id, 'companies'))[0]!;
      const stale = JSON.stringify([
        {
          eventId: 9_000_001,
          portalId,
          occurredAt: kept.updatedAt.getTime() - 1,
          subscriptionType: 'company.deletion',
          objectId: Number(kept.hubspotCompanyId),
        },
      ]);
      expect((await app.request(signedHubSpotPost(secret, stale))).status).toBe(200);
      await deps.scheduler.idle();
      expect((await tenantReport(store, acme.id)).map((r) => r.hubspotCompanyId)).toContain(
        kept.hubspotCompanyId,
      );
    });
  });
}
