import { tenantTables } from '@csm/store';
import { aCompany, storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { type InstallEnv, installEnv, installHubSpotApp } from '../test-utils/installs.ts';
import { pollLifecycleJournal } from './journal-poller.ts';

const DAY = 86_400_000;

for (const backend of storeBackends()) {
  describe(`the HubSpot app's lifecycle on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());
    const envs: InstallEnv[] = [];
    afterAll(async () => {
      for (const env of envs) await env.close();
    });

    it('an uninstall pauses the tenant at once; a reinstall in the grace period resumes it; past it, nothing of it is left', async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      const { sandbox, store, deps } = env;
      const install = await installHubSpotApp(env);
      expect(await install.text()).toContain('Uninstalling the app pauses this tenant at once');
      await deps.scheduler.idle();
      const portalId = sandbox.credentials.hubspotPortalId;
      const tenant = (await store.tenants.byPortalId(portalId))!;
      // The install subscribed the portal's lifecycle in the journal, with the app's own token.
      expect(sandbox.writes().filter((w) => w.path.startsWith('/webhooks-journal'))).toEqual([
        expect.objectContaining({
          method: 'POST',
          body: {
            subscriptionType: 'APP_LIFECYCLE_EVENT',
            portalId,
            actions: ['APP_INSTALL', 'APP_UNINSTALL'],
          },
        }),
      ]);

      // Another portal's tenant, with the same HubSpot ids.
      const other = await store.tenants.upsert({
        name: 'other-portal',
        hubspotPortalId: portalId + 1,
        credentials: { hubspot: { kind: 'private-app', token: 'pat-other' } },
      });
      const companyId = sandbox.data.companies[0]!.id;
      await store.writePage({
        tenantId: other.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [aCompany(companyId, { name: 'Other portal' })],
      });

      let now = new Date();
      const lifecycle = { ...deps, now: () => now };
      expect(await pollLifecycleJournal(lifecycle)).toMatchObject({ paused: 0, deleted: [] });

      sandbox.hubspotApp.uninstall();
      expect(await pollLifecycleJournal(lifecycle)).toMatchObject({ entries: 1, paused: 1, deleted: [] });
      expect((await store.tenants.getById(tenant.id))?.status).toBe('paused');
      expect((await store.tenants.getById(other.id))?.status).toBe('active');
      // Read once: the next round finds nothing new.
      expect(await pollLifecycleJournal(lifecycle)).toMatchObject({ entries: 0, paused: 0 });

      // 29 days on, a reinstall: the same tenant, active again, its data kept.
      now = new Date(Date.now() + 29 * DAY);
      expect((await pollLifecycleJournal(lifecycle)).deleted).toEqual([]);
      const companies = await store.countRecords(tenant.id, 'companies');
      expect((await installHubSpotApp(env)).status).toBe(200);
      await deps.scheduler.idle();
      expect(await store.tenants.byPortalId(portalId)).toMatchObject({ id: tenant.id, status: 'active' });
      expect(await store.lifecycle.uninstalledAt(tenant.id)).toBeNull();
      expect(await store.countRecords(tenant.id, 'companies')).toBe(companies);
      // The reinstall's event is read as well, and changes nothing.
      expect(await pollLifecycleJournal(lifecycle)).toMatchObject({ entries: 1, paused: 0, deleted: [] });

      // Uninstalled again; the grace period (30 days by default) passes.
      sandbox.hubspotApp.uninstall();
      now = new Date();
      expect(await pollLifecycleJournal(lifecycle)).toMatchObject({ paused: 1, deleted: [] });
      now = new Date(Date.now() + 31 * DAY);
      expect((await pollLifecycleJournal(lifecycle)).deleted).toEqual([tenant.name]);

      for (const table of await tenantTables(store.db)) {
        const [row] = await store.db.query<{ mine: string | number; others: string | number }>(
          `SELECT count(*) FILTER (WHERE tenant_id = $1) AS mine, count(*) FILTER (WHERE tenant_id = $2) AS others FROM "${table}"`,
          [tenant.id, other.id],
        );
        expect(Number(row!.mine), table).toBe(0);
      }
      expect(await store.tenants.getById(tenant.id)).toBeNull();
      expect(await store.readRecords(other.id, 'companies')).toEqual([
        expect.objectContaining({ hubspotCompanyId: companyId, name: 'Other portal' }),
      ]);
      // A later install starts a new tenant from scratch.
      expect((await installHubSpotApp(env)).status).toBe(200);
      expect((await store.tenants.byPortalId(portalId))?.id).not.toBe(tenant.id);
      await deps.scheduler.idle();
    });

    it('starts over from the earliest entry when its offset expired (over 3 days)', async () => {
      const env = await installEnv(await backend.open());
      envs.push(env);
      const { sandbox, store, deps } = env;
      await store.db.query('DELETE FROM hubspot_journal');
      expect((await installHubSpotApp(env)).status).toBe(200);
      await deps.scheduler.idle();
      const lifecycle = { ...deps, now: () => new Date() };
      sandbox.hubspotApp.uninstall();
      expect(await pollLifecycleJournal(lifecycle)).toMatchObject({ entries: 1, paused: 1 });
      const read = await store.lifecycle.journalOffset();
      expect(read).not.toBeNull();
      expect((await installHubSpotApp(env)).status).toBe(200);
      await deps.scheduler.idle();

      // The server was away for four days: its offset is gone from the journal, and so is the
      // reinstall's entry; the uninstall after it is there.
      sandbox.advanceTime(4 * DAY);
      sandbox.hubspotApp.uninstall();
      const round = await pollLifecycleJournal(lifecycle);
      expect(round).toMatchObject({ entries: 1, paused: 1 });
      expect((await store.lifecycle.journalOffset())?.offset).not.toBe(read?.offset);
    });
  });
}
