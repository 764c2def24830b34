import { buildReport, runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut, snapshot, startHarness } from './harness.ts';
import { expectedReport } from './oracle.ts';
import { rawDataset } from './sandbox-data.ts';

const records = (result: Awaited<ReturnType<typeof runSync>>, stream: string) =>
  result.sources.flatMap((s) => s.streams).find((p) => p.stream === stream)?.records ?? 0;

for (const backend of storeBackends()) {
  describe(`incremental sync on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('picks up changes made in the sandbox and re-reads nothing else', async () => {
      const h = await startHarness(backend, { seed: 11, companies: 40, rateLimits: { scale: 50 } });
      try {
        expect((await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() })).ok).toBe(
          true,
        );
        const data = h.sandbox.data;
        const company = data.companies[3]!;
        const deal = data.deals.find(
          (d) => d.properties.hs_is_closed_won === 'true' && d.associations?.companies,
        )!;
        const open = data.tickets.find((t) => t.status === 'open' && t.organization_id !== null)!;
        const contact = data.contacts.find((c) => c.properties.associatedcompanyid)!;

        h.sandbox.mutate.updateCompany(company.id, { name: 'Renamed Inc' });
        h.sandbox.mutate.updateDeal(deal.id, { hs_mrr: '12345' });
        h.sandbox.mutate.updateTicket(open.id, { status: 'solved' });
        h.sandbox.mutate.addFeedbackSubmission({
          contactId: contact.id,
          surveyType: 'NPS',
          value: 2,
          comment: 'too slow',
        });

        const result = await runSync(h.ctx, 'acme', { budgetScale: 50, out: quietOut() });
        expect(result.ok).toBe(true);
        expect(records(result, 'hubspot.companies')).toBe(1);
        expect(records(result, 'hubspot.deals')).toBe(1);
        expect(records(result, 'hubspot.contacts')).toBe(0);
        expect(records(result, 'hubspot.feedback_submissions')).toBe(1);
        expect(records(result, 'zendesk.tickets')).toBe(1);
        expect(records(result, 'zendesk.users')).toBe(0);
        // Zendesk's time-based export starts at the last end_time, whose second it reads again
        // (documented: a record can appear twice); only organizations stamped in that second may come back.
        const lastSecond = Math.max(...data.organizations.map((o) => Date.parse(o.updated_at)));
        const boundary = data.organizations.filter((o) => Date.parse(o.updated_at) === lastSecond).length;
        expect(records(result, 'zendesk.organizations')).toBeLessThanOrEqual(boundary);
        // Ratings are re-read a week back (answers can come days after the offer), nothing older.
        const newestRating = Math.max(...data.satisfactionRatings.map((r) => Date.parse(r.created_at)));
        const inWindow = data.satisfactionRatings.filter(
          (r) =>
            (r.score === 'good' || r.score === 'bad') &&
            Date.parse(r.created_at) >= newestRating - 7 * 86_400_000,
        ).length;
        expect(records(result, 'zendesk.satisfaction_ratings')).toBe(inWindow);

        const stored = await snapshot(h.store, h.tenantId);
        expect(stored.companies).toContainEqual(
          expect.objectContaining({ hubspotCompanyId: company.id, name: 'Renamed Inc' }),
        );
        expect(stored.deals).toContainEqual(expect.objectContaining({ hubspotDealId: deal.id, mrr: 12345 }));
        expect(stored.tickets).toContainEqual(
          expect.objectContaining({ externalId: String(open.id), status: 'solved' }),
        );

        const now = new Date();
        const report = await buildReport(h.store, 'acme', now);
        const expected = expectedReport(rawDataset(h.sandbox), now);
        expect(report.map((r) => [r.hubspotCompanyId, r.name, r.openTickets, r.nps.responses])).toEqual(
          expected.map((e) => [e.hubspotCompanyId, e.name, e.openTickets, e.nps.responses]),
        );
        for (const [i, e] of expected.entries()) {
          if (e.mrr === null) expect(report[i]!.mrr).toBeNull();
          else expect(report[i]!.mrr).toBeCloseTo(e.mrr, 6);
        }
      } finally {
        await h.close();
      }
    });
  });
}
