import { refreshAccounts } from '@csm/accounts';
import type { Store } from '@csm/store';
import { aCompany, aTicket, aZendeskOrganization, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { SyncScheduler } from '../sync-jobs/sync-scheduler.ts';
import { testApp } from '../test-utils/index.ts';

const ADMIN = 'coverage-admin-password';
const auth = { authorization: `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}` };
const json = { ...auth, 'content-type': 'application/json' };
const now = new Date('2026-06-15T12:00:00Z');

/** Two tenants whose HubSpot and Zendesk ids overlap: company 1, organizations 501 (c1.test) and 502. */
async function seed(store: Store) {
  const credentials = { hubspot: { kind: 'private-app' as const, token: 't' } };
  const acme = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 7, credentials });
  const other = await store.tenants.upsert({ name: 'other', hubspotPortalId: 8, credentials });
  for (const tenant of [acme, other]) {
    await store.writePage({
      tenantId: tenant.id,
      stream: 't',
      kind: 'companies',
      records: [aCompany('1', { name: `${tenant.name} one` }), aCompany('2')],
    });
    await store.writePage({
      tenantId: tenant.id,
      stream: 't',
      kind: 'zendeskOrganizations',
      records: [
        aZendeskOrganization('501', { name: 'Matched', domainNames: ['c1.test'] }),
        aZendeskOrganization('502', { name: 'Nowhere Ltd', domainNames: ['nowhere.test'] }),
      ],
    });
    const at = new Date('2026-06-01T00:00:00Z');
    await store.writePage({
      tenantId: tenant.id,
      stream: 't',
      kind: 'tickets',
      records: ['9001', '9002'].map((id) =>
        aTicket(id, {
          source: 'zendesk',
          organizationId: '502',
          status: 'open',
          createdAt: at,
          updatedAt: at,
        }),
      ),
    });
    await refreshAccounts({ store, tenantId: tenant.id, now });
  }
  return { acme, other };
}

forEachStore('dashboard coverage and connections', (getStore) => {
  const appOf = () =>
    testApp(getStore(), {
      now: () => now,
      env: { CSM_ADMIN_TOKEN: ADMIN },
    });

  it('a hand link moves an organization’s tickets to the account, and only in that tenant', async () => {
    const store = getStore();
    const { acme, other } = await seed(store);
    const { app } = appOf();
    const coverage = async (tenant: string) =>
      (await (await app.request(`/dashboard/api/tenants/${tenant}/coverage`, { headers: auth })).json()) as {
        counts: Record<string, { count: number; sample: string[] }>;
        organizations: {
          zendeskOrgId: string;
          tickets: number;
          linkedCompanyId: string | null;
          explicit: boolean;
        }[];
      };
    const before = await coverage('acme');
    expect(before.counts.unmatchedOrganizations).toEqual({ count: 1, sample: ['502'] });
    expect(before.counts.unmatchedTickets).toEqual({ count: 2, sample: ['zendesk:9001', 'zendesk:9002'] });
    expect(before.organizations).toEqual([
      expect.objectContaining({ zendeskOrgId: '502', tickets: 2, linkedCompanyId: null, explicit: false }),
    ]);
    const ticketsOf = async (tenantId: number) =>
      ((await store.accountMetrics.card(tenantId, '2'))!.card as { tickets: { total: number } }).tickets
        .total;
    expect(await ticketsOf(acme.id)).toBe(0);

    const search = await app.request('/dashboard/api/tenants/acme/companies?query=c2.te', { headers: auth });
    expect(
      ((await search.json()) as { companies: { companyId: string }[] }).companies.map((c) => c.companyId),
    ).toEqual(['2']);

    const linked = await app.request('/dashboard/api/tenants/acme/organizations/502/link', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ companyId: '2' }),
    });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toEqual({
      zendeskOrgId: '502',
      hubspotCompanyId: '2',
      explicit: true,
      tickets: 2,
      // Only the account the link moved tickets to is recomputed.
      refreshed: 1,
    });
    // The card of company 2 counts the organization's two tickets; nothing is unmatched any more.
    expect(await ticketsOf(acme.id)).toBe(2);
    const after = await coverage('acme');
    expect(after.counts.unmatchedTickets?.count).toBe(0);
    expect(after.organizations).toEqual([
      expect.objectContaining({ zendeskOrgId: '502', linkedCompanyId: '2', explicit: true }),
    ]);
    // The other tenant's organization 502 is untouched.
    expect((await store.resolveOrganization(other.id, '502')).hubspotCompanyId).toBeNull();
    expect(await ticketsOf(other.id)).toBe(0);

    const missing = await app.request('/dashboard/api/tenants/acme/organizations/502/link', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ companyId: '3' }),
    });
    expect(missing.status).toBe(404);
    const noOrg = await app.request('/dashboard/api/tenants/acme/organizations/503/link', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ companyId: '2' }),
    });
    expect(noOrg.status).toBe(404);
    const bad = await app.request('/dashboard/api/tenants/acme/organizations/502/link', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ companyId: 'x' }),
    });
    expect(bad.status).toBe(400);

    const unlinked = await app.request('/dashboard/api/tenants/acme/organizations/502/link', {
      method: 'DELETE',
      // What a browser sends with a DELETE: bodiless requests are checked for their origin (CSRF).
      headers: { ...auth, origin: 'https://csm.example.com' },
    });
    expect(await unlinked.json()).toMatchObject({ hubspotCompanyId: null, explicit: false });
    expect(await ticketsOf(acme.id)).toBe(0);
  });

  it('connections show each side, records and runs with their errors; sync now runs one', async () => {
    const store = getStore();
    const { acme } = await seed(store);
    // The scheduler's run is the sync engine in the server; here it records what it was asked.
    const synced: { tenant: string; full: boolean | undefined; reason: string }[] = [];
    const made = appOf();
    const scheduler = new SyncScheduler({
      store,
      run: async (tenant, request) => {
        synced.push({ tenant: tenant.name, full: request.full, reason: request.reason });
      },
    });
    const deps = { ...made.deps, scheduler };
    const app = createApp(deps);
    const get = async () =>
      (await (await app.request('/dashboard/api/tenants/acme/connections', { headers: auth })).json()) as {
        hubspot: { connected: boolean; kind: string | null; account: string | null };
        zendesk: { connected: boolean };
        records: Record<string, number>;
        runs: { source: string; status: string; error: string | null }[];
        syncing: boolean;
      };
    const before = await get();
    expect(before.hubspot).toMatchObject({ connected: true, kind: 'private-app', account: '7' });
    expect(before.zendesk.connected).toBe(false);
    expect(before.records).toMatchObject({ companies: 2, zendeskOrganizations: 2, tickets: 2 });
    expect(JSON.stringify(before)).not.toContain('"t"');
    const forged = await app.request('/dashboard/api/tenants/acme/sync', {
      method: 'POST',
      headers: { ...auth, origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    const res = await app.request('/dashboard/api/tenants/acme/sync', {
      method: 'POST',
      headers: { ...auth, origin: 'https://csm.example.com' },
    });
    expect(res.status).toBe(202);
    await deps.scheduler.idle();
    expect(synced).toEqual([{ tenant: 'acme', full: false, reason: 'dashboard' }]);

    // A finished run shows its requests, rate-limit waits, streams and error.
    const id = await store.startSyncRun(acme.id, 'zendesk', 'incremental');
    await store.finishSyncRun(id, {
      status: 'failed',
      error: 'Zendesk: HTTP 401 (the API token was revoked)',
      stats: {
        streams: [{ stream: 'zendesk.tickets', pages: 2, records: 150, quarantined: 1, done: false }],
        requests: { requests: 9, retries: 2, rateLimited: 1, budgetWaitMs: 1500 },
      },
    });
    const runs = (await get()).runs as unknown[];
    expect(runs[0]).toMatchObject({
      source: 'zendesk',
      status: 'failed',
      error: 'Zendesk: HTTP 401 (the API token was revoked)',
      requests: { requests: 9, retries: 2, rateLimited: 1, budgetWaitMs: 1500 },
      streams: [{ stream: 'zendesk.tickets', pages: 2, records: 150, quarantined: 1 }],
    });
  });

  it('a CSV of survey answers goes through the ingestion API for the session’s tenant', async () => {
    const store = getStore();
    const { acme, other } = await seed(store);
    const { app } = appOf();
    const csv = 'accountId,surveyType,value,submittedAt,externalId\n1,NPS,9,2026-06-10T10:00:00Z,r-1\n';
    const res = await app.request('/dashboard/api/tenants/acme/ingest/surveys', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1 });
    const answers = async (tenantId: number) =>
      (await store.readRecords(tenantId, 'surveyResponses')).filter((r) => r.source === 'ingest');
    expect((await answers(acme.id)).map((r) => r.companyId)).toEqual(['1']);
    expect(await answers(other.id)).toEqual([]);
    const refused = await app.request('/dashboard/api/tenants/acme/ingest/surveys', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: 'accountId,surveyType,value,submittedAt\n1,NPS,11,2026-06-10T10:00:00Z\n',
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('value');
  });
});
