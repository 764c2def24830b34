import { buildReport, runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut, snapshot, startHarness } from './harness.ts';
import { expectedReport } from './oracle.ts';
import { rawDataset } from './sandbox-data.ts';

const COMPANIES = 60;

function expectReportsEqual(
  actual: Awaited<ReturnType<typeof buildReport>>,
  expected: ReturnType<typeof expectedReport>,
) {
  expect(actual.map((a) => a.hubspotCompanyId)).toEqual(expected.map((e) => e.hubspotCompanyId));
  for (const [i, e] of expected.entries()) {
    const a = actual[i]!;
    const at = `account ${e.hubspotCompanyId}`;
    expect(
      {
        id: a.hubspotCompanyId,
        name: a.name,
        domain: a.domain,
        open: a.openTickets,
        nps: a.nps.responses,
        csat: a.csat.responses,
        fcr: [a.fcr.firstContactResolved, a.fcr.solved],
      },
      at,
    ).toEqual({
      id: e.hubspotCompanyId,
      name: e.name,
      domain: e.domain,
      open: e.openTickets,
      nps: e.nps.responses,
      csat: e.csat.responses,
      fcr: [e.fcr.firstContactResolved, e.fcr.solved],
    });
    for (const [label, x, y] of [
      ['nps', a.nps.score, e.nps.score],
      ['csat', a.csat.score, e.csat.score],
      ['fcr', a.fcr.rate, e.fcr.rate],
      ['mrr', a.mrr, e.mrr],
      ['arr', a.arr, e.arr],
    ] as const) {
      if (y === null) expect(x, `${at} ${label}`).toBeNull();
      else expect(x, `${at} ${label}`).toBeCloseTo(y, 6);
    }
  }
}

for (const backend of storeBackends()) {
  describe(`sync against the sandbox on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('full sync stores exactly the sandbox data and the report equals the independent computation', async () => {
      const h = await startHarness(backend, { seed: 7, companies: COMPANIES, rateLimits: { scale: 50 } });
      try {
        const result = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
        expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
        const data = rawDataset(h.sandbox);
        expect(await h.store.countRecords(h.tenantId, 'companies')).toBe(data.companies.length);
        expect(await h.store.countRecords(h.tenantId, 'contacts')).toBe(data.contacts.length);
        expect(await h.store.countRecords(h.tenantId, 'deals')).toBe(data.deals.length);
        expect(await h.store.countRecords(h.tenantId, 'zendeskOrganizations')).toBe(
          data.organizations.length,
        );
        expect(await h.store.countRecords(h.tenantId, 'zendeskUsers')).toBe(data.users.length);
        expect(await h.store.countRecords(h.tenantId, 'tickets')).toBe(
          data.tickets.length + data.hubspotTickets.length,
        );
        const answers = data.satisfactionRatings.filter(
          (r) => r.score === 'good' || r.score === 'bad',
        ).length;
        const feedback = data.feedbackSubmissions.filter((f) =>
          ['NPS', 'CSAT', 'CES'].includes(f.properties.hs_survey_type ?? ''),
        ).length;
        expect(await h.store.countRecords(h.tenantId, 'surveyResponses')).toBe(answers + feedback);
        expect(await h.store.quarantineRows(h.tenantId)).toEqual([]);

        const now = new Date();
        expectReportsEqual(await buildReport(h.store, 'acme', now), expectedReport(data, now));

        // An incremental sync right after changes nothing.
        const before = await snapshot(h.store, h.tenantId);
        const again = await runSync(h.ctx, 'acme', { budgetScale: 50, out: quietOut() });
        expect(again.ok).toBe(true);
        expect(await snapshot(h.store, h.tenantId)).toEqual(before);
      } finally {
        await h.close();
      }
    });
  });
}
