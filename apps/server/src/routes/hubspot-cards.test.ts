import { aCompany, aDeal, aSurveyResponse, aTicket, storeBackends } from '@csm/store/test-utils';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../cli/report.ts';
import { hubspotSignatureV3 } from '../http/hubspot-signature.ts';
import { hubspotCardRoutes } from './hubspot-cards.ts';

const secret = 'hubspot-app-secret';
const publicUrl = 'https://csm.example.com';
const now = new Date('2026-06-15T00:00:00Z');

/** A request signed the way HubSpot signs `hubspot.fetch` calls. */
function signed(path: string, over: { secret?: string; timestamp?: number } = {}) {
  const timestamp = String(over.timestamp ?? now.getTime());
  const signature = hubspotSignatureV3(
    over.secret ?? secret,
    'GET',
    `${publicUrl}/cards/hubspot${path}`,
    '',
    timestamp,
  );
  // The server sees its own (internal) host; the signed URI is rebuilt from PUBLIC_URL.
  return new Request(`http://127.0.0.1:3000/cards/hubspot${path}`, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  });
}

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
        records: [aCompany('99', { name: 'Secret' })],
      });
      await store.writePage({
        tenantId: acme.id,
        stream: 't',
        kind: 'deals',
        records: [
          aDeal('d1', {
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
      const app = new Hono().route(
        '/cards/hubspot',
        hubspotCardRoutes({ store, clientSecret: secret, publicUrl, now: () => now }),
      );
      return { store, app };
    }

    it('answers with the same figures as `csm report` for that account', async () => {
      const { store, app } = await setup();
      try {
        const res = await app.fetch(
          signed('/companies/42?portalId=7&userId=1&userEmail=ann%40acme.com&appId=5'),
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as { account: unknown; lastSurveyComments: { comment: string }[] };
        const [expected] = (await buildReport(store, 'acme', now)).filter((r) => r.hubspotCompanyId === '42');
        expect(body.account).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(body.account).toMatchObject({
          mrr: 300,
          arr: 3600,
          openTickets: 1,
          nps: { score: 100, responses: 1 },
        });
        expect(body.lastSurveyComments.map((c) => c.comment)).toEqual(['great']);
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
