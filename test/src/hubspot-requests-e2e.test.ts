import { runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { quietOut, startHarness } from './harness.ts';

/** The sync's HubSpot reads (the write-back after it, batch updates and tasks, left out). */
const syncRoutes = (byRoute: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(byRoute).filter(
      ([route]) =>
        route.startsWith('GET /hubspot/') ||
        route.endsWith('/search') ||
        route.includes('/crm/v4/associations/'),
    ),
  );
const pages = (n: number, size = 100) => Math.max(1, Math.ceil(n / size));

describe('HubSpot API efficiency', () => {
  it('a full sync and an incremental one make the fewest requests the page sizes allow, through the SDK', async () => {
    const [backend] = storeBackends();
    const h = await startHarness(backend!, { seed: 23, companies: 400, rateLimits: false });
    try {
      h.sandbox.resetStats();
      const full = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
      expect(full.ok, JSON.stringify(full.sources.map((s) => s.error))).toBe(true);
      const d = h.sandbox.data;
      const expected = {
        'GET /hubspot/account-info/v3/details': 1,
        'GET /hubspot/crm/v3/objects/companies': pages(d.companies.length),
        'GET /hubspot/crm/v3/objects/contacts': pages(d.contacts.length),
        'GET /hubspot/crm/v3/objects/deals': pages(d.deals.length),
        'GET /hubspot/crm/v3/objects/tickets': pages(d.hubspotTickets.length),
        'GET /hubspot/crm/v3/objects/feedback_submissions': pages(d.feedbackSubmissions.length),
        // Owners are read whole every sync: the active ones, then the archived ones (500 a page).
        'GET /hubspot/crm/v3/owners/': 2,
      };
      expect(syncRoutes(h.sandbox.stats().byRoute)).toEqual(expected);
      const total = Object.values(expected).reduce((n, x) => n + x, 0);
      expect(full.sources.find((s) => s.source === 'hubspot')?.requests).toMatchObject({
        requests: total,
        retries: 0,
      });

      h.sandbox.resetStats();
      const deal = d.deals.find((x) => x.associations?.companies)!;
      h.sandbox.mutate.updateDeal(deal.id, { hs_mrr: '999' });
      const incremental = await runSync(h.ctx, 'acme', { budgetScale: 50, out: quietOut() });
      expect(incremental.ok).toBe(true);
      // One search per stream; associations read only for the page that found the changed deal.
      expect(syncRoutes(h.sandbox.stats().byRoute)).toEqual({
        'GET /hubspot/account-info/v3/details': 1,
        'POST /hubspot/crm/v3/objects/companies/search': 1,
        'POST /hubspot/crm/v3/objects/contacts/search': 1,
        'POST /hubspot/crm/v3/objects/deals/search': 1,
        'POST /hubspot/crm/v3/objects/tickets/search': 1,
        'POST /hubspot/crm/v3/objects/feedback_submissions/search': 1,
        'POST /hubspot/crm/v4/associations/deals/companies/batch/read': 1,
        'GET /hubspot/crm/v3/owners/': 2,
      });
      const stored = await h.store.readRecords(h.tenantId, 'deals');
      expect(stored).toContainEqual(expect.objectContaining({ hubspotDealId: deal.id, mrr: 999 }));
    } finally {
      await h.close();
      await backend!.cleanup();
    }
  });
});
