import { runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { quietOut, startHarness } from './harness.ts';

const zendeskRoutes = (byRoute: Record<string, number>) =>
  Object.fromEntries(Object.entries(byRoute).filter(([route]) => route.startsWith('GET /zendesk/')));

describe('Zendesk API efficiency', () => {
  it('a full sync and an incremental one make the same requests as before node-zendesk carried them, plus one CSAT probe a day', async () => {
    const [backend] = storeBackends();
    // 400 companies: more than one page of users and tickets (1000 a page) and of ratings (100).
    const h = await startHarness(backend!, { seed: 23, companies: 400, rateLimits: false });
    try {
      const full = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
      expect(full.ok, JSON.stringify(full.sources.map((s) => s.error))).toBe(true);
      expect(zendeskRoutes(h.sandbox.stats().byRoute)).toEqual({
        'GET /zendesk/api/v2/incremental/organizations.json': 1,
        'GET /zendesk/api/v2/incremental/users/cursor.json': 2,
        'GET /zendesk/api/v2/incremental/tickets/cursor.json': 3,
        'GET /zendesk/api/v2/satisfaction_ratings': 9,
        // The probe of the current CSAT (403: this account runs legacy ratings), remembered a day.
        'GET /zendesk/api/v2/guide/survey_responses': 1,
      });
      expect(full.sources.find((s) => s.source === 'zendesk')?.requests).toMatchObject({
        requests: 16,
        retries: 0,
      });

      h.sandbox.resetStats();
      h.sandbox.mutate.updateTicket(h.sandbox.data.tickets[0]!.id, { status: 'solved' });
      const incremental = await runSync(h.ctx, 'acme', { budgetScale: 50, out: quietOut() });
      expect(incremental.ok).toBe(true);
      expect(zendeskRoutes(h.sandbox.stats().byRoute)).toEqual({
        'GET /zendesk/api/v2/incremental/organizations.json': 1,
        'GET /zendesk/api/v2/incremental/users/cursor.json': 1,
        'GET /zendesk/api/v2/incremental/tickets/cursor.json': 1,
        'GET /zendesk/api/v2/satisfaction_ratings': 1,
      });
    } finally {
      await h.close();
      await backend!.cleanup();
    }
  });
});
