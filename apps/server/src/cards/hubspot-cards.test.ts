import {
  accountCardSchema,
  accountReportSchema,
  defaultSettings,
  refreshAccounts,
  saveTenantSettings,
} from '@csm/accounts';
import { aCompany, aContact, aDeal, aSurveyResponse, aTicket, storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../cli/report.ts';
import { signedHubSpotGet, testApp } from '../test-utils/index.ts';
import { companyAnswerSchema, contactAnswerSchema, dealAnswerSchema } from './card-schemas.ts';

const now = new Date('2026-06-15T00:00:00Z');
const signed = (path: string, over: { secret?: string; timestamp?: number } = {}) =>
  signedHubSpotGet(`/cards/hubspot${path}`, { now, ...over });

for (const backend of storeBackends()) {
  describe(`HubSpot company card on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    async function setup() {
      const store = await backend.open();
      const acme = await store.tenants.upsert({
        name: 'acme',
        hubspotPortalId: 7,
        credentials: { hubspot: { kind: 'private-app', token: 't' } },
      });
      const other = await store.tenants.upsert({
        name: 'other',
        hubspotPortalId: 8,
        credentials: { hubspot: { kind: 'private-app', token: 'u' } },
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'companies',
        records: [aCompany('42', { name: 'Acme' })],
      });
      await store.writePage({
        tenantId: other.id,
        stream: 't',
        kind: 'companies',
        // Company 42 in both tenants: ids overlap across portals.
        records: [aCompany('99', { name: 'Secret' }), aCompany('42', { name: 'Other Corp' })],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'deals',
        records: [
          aDeal('501', {
            companyId: '42',
            mrr: 300,
            isClosedWon: true,
            closeDate: new Date('2026-01-01T00:00:00Z'),
          }),
        ],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'tickets',
        records: [aTicket('t1', { source: 'hubspot', companyId: '42', status: 'open' })],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'surveyResponses',
        records: [
          aSurveyResponse('s1', {
            source: 'ingest',
            companyId: '42',
            surveyType: 'NPS',
            value: 10,
            scaleMin: 0,
            scaleMax: 10,
            comment: 'great',
          }),
        ],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'contacts',
        records: [aContact('601', { email: 'Ann@acme.com', primaryCompanyId: '42' })],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'surveyResponses',
        records: [
          aSurveyResponse('s2', {
            contactId: '601',
            surveyType: 'NPS',
            value: 3,
            submittedAt: new Date('2026-06-01T00:00:00Z'),
          }),
        ],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'tickets',
        records: [
          aTicket('t2', { source: 'hubspot', contactId: '601', status: 'solved', replies: 1, reopens: 0 }),
        ],
      });
      await refreshAccounts({ store, tenantId: acme.id, now });
      await refreshAccounts({ store, tenantId: other.id, now });
      const { app } = testApp(store, { now: () => now });
      return { store, acme, app: { fetch: (req: Request) => app.request(req) } };
    }

    it('answers with the same figures as `csm report` for that account', async () => {
      const { store, app } = await setup();
      try {
        const res = await app.fetch(
          signed('/companies/42?portalId=7&userId=1&userEmail=ann%40acme.com&appId=5'),
        );
        expect(res.status).toBe(200);
        const body = companyAnswerSchema.parse(await res.json());
        const [expected] = (await buildReport(store, 'acme', now)).filter((r) => r.hubspotCompanyId === '42');
        expect(body.account).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(body.card.account).toEqual(body.account);
        expect(body.account).toMatchObject({ mrr: 300, arr: 3600, openTickets: 1 });
        // NPS: the ingested 10 and the contact's 3.
        expect(body.account.nps).toEqual({ score: 0, responses: 2 });
        expect(body.card.lastSurveyComments.map((c) => c.comment)).toEqual(['great']);
        expect(body.card.revenue).toMatchObject({ mrr: 300, tier: 'smb', movement: 'flat' });
        expect(body.links.dashboard).toBe('https://csm.example.com/dashboard/accounts/42?portalId=7');
        expect(body.freshness).toEqual({ hubspot: null, zendesk: null, computedAt: now.toISOString() });
        // A succeeded run, then a failed one: the latest status, and when it last succeeded.
        const tenant = (await store.tenants.get('acme'))!;
        await store.finishSyncRun(await store.startSyncRun(tenant.id, 'hubspot', 'full'), {
          status: 'succeeded',
        });
        await store.finishSyncRun(await store.startSyncRun(tenant.id, 'hubspot', 'incremental'), {
          status: 'failed',
          error: 'HubSpot answered 502',
        });
        const again = companyAnswerSchema.parse(
          await (await app.fetch(signed('/companies/42?portalId=7'))).json(),
        );
        expect(again.freshness.hubspot).toMatchObject({
          status: 'failed',
          lastSucceededAt: expect.any(String),
        });
        expect(again.freshness.zendesk).toBeNull();
        expect(body.coverage.unmatchedTickets).toBe(0);
      } finally {
        await store.close();
      }
    });

    it('refuses bad, stale or missing signatures with 401', async () => {
      const { store, app } = await setup();
      try {
        expect((await app.fetch(signed('/companies/42?portalId=7', { secret: 'wrong' }))).status).toBe(401);
        expect(
          (await app.fetch(signed('/companies/42?portalId=7', { timestamp: now.getTime() - 300_001 })))
            .status,
        ).toBe(401);
        expect(
          (await app.fetch(new Request('http://127.0.0.1:3000/cards/hubspot/companies/42?portalId=7')))
            .status,
        ).toBe(401);
        // A signature for portal 7 does not carry over to portal 8.
        const forged = signed('/companies/42?portalId=7');
        expect(
          (
            await app.fetch(
              new Request(forged.url.replace('portalId=7', 'portalId=8'), { headers: forged.headers }),
            )
          ).status,
        ).toBe(401);
      } finally {
        await store.close();
      }
    });

    it('answers the deal card with its company and renewal risk, and the contact card with their answers and tickets', async () => {
      const { store, app } = await setup();
      try {
        const deal = dealAnswerSchema.parse(await (await app.fetch(signed('/deals/501?portalId=7'))).json());
        expect(deal.deal).toMatchObject({ id: '501', mrr: 300, companyId: '42', isClosedWon: true });
        expect(deal.card?.account.hubspotCompanyId).toBe('42');
        expect(deal.renewalRisk.level).not.toBeNull();
        const contact = contactAnswerSchema.parse(
          await (await app.fetch(signed('/contacts/601?portalId=7'))).json(),
        );
        expect(contact.contact).toEqual({ id: '601', email: 'Ann@acme.com', companyId: '42' });
        expect(contact.surveys.map((s) => [s.surveyType, s.value])).toEqual([['NPS', 3]]);
        expect(contact.tickets.map((t) => [t.id, t.oneTouch])).toEqual([['t2', true]]);
        expect(contact.fcr).toEqual({ rate: 100, firstContactResolved: 1, solved: 1 });
        expect((await app.fetch(signed('/deals/d404?portalId=7'))).status).toBe(400);
        expect((await app.fetch(signed('/contacts/555?portalId=7'))).status).toBe(404);
        expect((await app.fetch(signed('/contacts/601?portalId=8'))).status).toBe(404);
      } finally {
        await store.close();
      }
    });

    it('sends the stored card as the refresh wrote it, in the documented field order', async () => {
      const { store, acme, app } = await setup();
      try {
        const res = await app.fetch(signed('/companies/42?portalId=7'));
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const text = await res.text();
        const [row] = await store.db.query<{ card: string }>(
          "SELECT card::text AS card FROM account_metrics WHERE tenant_id = $1 AND company_id = '42'",
          [acme.id],
        );
        const stored = row!.card;
        // The stored text is the validated card, serialised in the schema's order.
        expect(stored).toBe(JSON.stringify(accountCardSchema.parse(JSON.parse(stored))));
        expect(text).toContain(`"card":${stored},"freshness":`);
        const raw = JSON.parse(text) as { account: object; card: object };
        expect(Object.keys(raw)).toEqual(['account', 'card', 'freshness', 'coverage', 'links']);
        expect(Object.keys(raw.card)).toEqual(Object.keys(accountCardSchema.shape));
        expect(Object.keys(raw.account)).toEqual(Object.keys(accountReportSchema.shape));
        expect(companyAnswerSchema.parse(raw).account).toEqual(companyAnswerSchema.parse(raw).card.account);
      } finally {
        await store.close();
      }
    });

    it('computes a card stored before a settings change with the new settings', async () => {
      const { store, acme } = await setup();
      try {
        const changedAt = new Date(now.getTime() + 60_000);
        const later = new Date(now.getTime() + 120_000);
        await saveTenantSettings(
          store,
          acme.id,
          { ...defaultSettings, windows: { ...defaultSettings.windows, npsDays: 30 } },
          changedAt,
        );
        const { app } = testApp(store, { now: () => later });
        const res = await app.request(
          signedHubSpotGet('/cards/hubspot/companies/42?portalId=7', { now: later }),
        );
        const body = companyAnswerSchema.parse(await res.json());
        expect(body.card.computedAt).toBe(later.toISOString());
        expect(body.card.nps.windowDays).toBe(30);
        expect(body.freshness.computedAt).toBe(later.toISOString());
        // The other tenant's settings did not change: its stored card still answers.
        const other = companyAnswerSchema.parse(
          await (
            await app.request(signedHubSpotGet('/cards/hubspot/companies/42?portalId=8', { now: later }))
          ).json(),
        );
        expect(other.card.computedAt).toBe(now.toISOString());
      } finally {
        await store.close();
      }
    });

    it('answers each portal its own account when company ids overlap', async () => {
      const { store, app } = await setup();
      try {
        const mine = await (await app.fetch(signed('/companies/42?portalId=7'))).text();
        const theirs = await (await app.fetch(signed('/companies/42?portalId=8'))).text();
        expect(companyAnswerSchema.parse(JSON.parse(mine)).account.name).toBe('Acme');
        expect(companyAnswerSchema.parse(JSON.parse(theirs)).account.name).toBe('Other Corp');
        expect(theirs).not.toContain('Acme');
        expect(mine).not.toContain('Other Corp');
      } finally {
        await store.close();
      }
    });

    it("answers 404 for another portal's account, exactly as for one that does not exist", async () => {
      const { store, app } = await setup();
      try {
        const foreign = await app.fetch(signed('/companies/99?portalId=7'));
        const missing = await app.fetch(signed('/companies/12345?portalId=7'));
        expect(foreign.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(((await foreign.json()) as { error: string }).error).toBe(
          ((await missing.json()) as { error: string }).error,
        );
        expect((await app.fetch(signed('/companies/abc?portalId=7'))).status).toBe(400);
        expect((await app.fetch(signed('/companies/42'))).status).toBe(400);
      } finally {
        await store.close();
      }
    });
  });
}
