import { createSandbox } from '@csm/sandbox';
import { addTenant, buildReport, type CliContext, loadConfig, runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut } from './harness.ts';
import { expectedReport } from './oracle.ts';
import { rawDataset } from './sandbox-data.ts';

const COMPANIES = 60;
const silent = createLogger({ level: 'silent' });

for (const backend of storeBackends()) {
  describe(`the current CSAT on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('an account on survey responses gets its CSAT figures in csm report; one with both endpoints counts each answer once', async () => {
      // Two tenants in one store, two Zendesk accounts whose ticket, user and organization ids
      // overlap (the sandbox numbers them from the same start): one on the current CSAT only,
      // one that answers on both endpoints (Zendesk mirrors current answers as legacy ratings).
      const current = createSandbox({
        seed: 7,
        companies: COMPANIES,
        rateLimits: false,
        zendeskCsat: 'current',
      });
      const both = createSandbox({ seed: 8, companies: COMPANIES, rateLimits: false, zendeskCsat: 'both' });
      const servers = [await current.listen({ port: 0 }), await both.listen({ port: 0 })];
      const store = await backend.open();
      const contexts: CliContext[] = servers.map((server) => ({
        config: loadConfig({}),
        store,
        logger: silent,
        endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
      }));
      try {
        const sandboxes = [
          ['current', current],
          ['both', both],
        ] as const;
        for (const [i, [name, sandbox]] of sandboxes.entries()) {
          const c = sandbox.credentials;
          await addTenant(contexts[i]!, {
            name,
            hubspotToken: c.hubspotPrivateAppToken,
            zendeskSubdomain: c.zendeskSubdomain,
            zendeskEmail: c.zendeskEmail,
            zendeskToken: c.zendeskApiToken,
          });
        }
        const overlap = current.data.tickets.filter((t) => both.data.tickets.some((u) => u.id === t.id));
        expect(overlap.length).toBeGreaterThan(100);

        const now = new Date();
        for (const [i, [name, sandbox]] of sandboxes.entries()) {
          const result = await runSync(contexts[i]!, name, { full: true, budgetScale: 50, out: quietOut() });
          expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
          const streams = result.sources.flatMap((s) => s.streams);
          expect(streams.filter((s) => s.skipped)).toEqual([]);
          const off = streams.filter((s) => s.unavailable).map((s) => s.stream);
          expect(off).toEqual(name === 'current' ? ['zendesk.satisfaction_ratings'] : []);

          const tenant = (await store.tenants.get(name))!;
          const zendeskAnswers = (await store.readRecords(tenant.id, 'surveyResponses')).filter(
            (r) => r.source === 'zendesk',
          );
          const answered = sandbox.data.satisfactionRatings.filter(
            (r) => r.score === 'good' || r.score === 'bad',
          );
          const responses = zendeskAnswers.filter((r) => !/^\d+$/.test(r.externalId));
          expect(responses).toHaveLength(answered.length);
          expect(zendeskAnswers).toHaveLength(name === 'current' ? answered.length : 2 * answered.length);

          // The legacy oracle: Zendesk's mirror of the current answers (4-5 good, 1-3 bad) is what
          // the current CSAT counts too (neutral is not positive).
          const expected = expectedReport(rawDataset(sandbox), now);
          const report = await buildReport(store, name, now);
          expect(report.map((a) => a.hubspotCompanyId)).toEqual(expected.map((e) => e.hubspotCompanyId));
          for (const [j, e] of expected.entries()) {
            const a = report[j]!;
            expect(a.csat.responses, `${name} ${e.hubspotCompanyId}`).toBe(e.csat.responses);
            if (e.csat.score === null) expect(a.csat.score).toBeNull();
            else expect(a.csat.score).toBeCloseTo(e.csat.score, 6);
          }
          const withCsat = report.filter((a) => a.csat.responses > 0);
          expect(withCsat.length).toBeGreaterThan(5);
        }
      } finally {
        await store.close();
        for (const server of servers) await server.close();
      }
    });
  });
}
