import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshAccounts } from '@csm/accounts';
import { defaultHealthModel, type PortfolioFigures, ticketsPerAccount } from '@csm/metrics';
import type { Store } from '@csm/store';
import {
  aCompany,
  aDeal,
  anOwner,
  aTicket,
  aZendeskOrganization,
  storeBackends,
} from '@csm/store/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { hubspotSignatureV3 } from '../http/hubspot-signature.ts';
import { TEST_CLIENT_SECRET, TEST_PUBLIC_URL, testApp } from '../test-utils/index.ts';
import {
  accountPageSchema,
  accountsSchema,
  bandsSchema,
  ledgerSchema,
  previewSchema,
  savedSchema,
  sessionSchema,
  settingsAnswerSchema,
} from './dashboard-schemas.ts';
import { mintLinkToken } from './dashboard-tokens.ts';

const now = new Date('2026-06-15T12:00:00Z');
const earlier = new Date('2026-06-05T12:00:00Z');
const ADMIN = 'admin-password-0123456789';
const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

/** A POST signed the way HubSpot signs `hubspot.fetch` calls. */
function signedPost(pathAndQuery: string, body: unknown, at = now, secret = TEST_CLIENT_SECRET): Request {
  const text = JSON.stringify(body);
  const timestamp = String(at.getTime());
  const signature = hubspotSignatureV3(secret, 'POST', `${TEST_PUBLIC_URL}${pathAndQuery}`, text, timestamp);
  return new Request(`http://127.0.0.1:3000${pathAndQuery}`, {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
  });
}

/** Two tenants whose HubSpot ids overlap (both have company 42), with two days of snapshots. */
async function seed(store: Store) {
  const credentials = { hubspot: { kind: 'private-app' as const, token: 't' } };
  const acme = await store.tenants.upsert({
    name: 'acme',
    hubspotPortalId: 7,
    zendeskSubdomain: 'acme',
    credentials,
  });
  const other = await store.tenants.upsert({ name: 'other', hubspotPortalId: 8, credentials });
  const deal = (id: string, company: string, mrr: number) =>
    aDeal(id, { companyId: company, mrr, isClosedWon: true, closeDate: new Date('2026-01-01T00:00:00Z') });
  await store.writePage({
    tenantId: acme.id,
    stream: 't',
    kind: 'companies',
    records: [aCompany('42', { name: 'Acme One', ownerId: '900' }), aCompany('43', { name: 'Acme Two' })],
  });
  await store.writePage({
    tenantId: acme.id,
    stream: 't',
    kind: 'deals',
    records: [deal('1', '42', 300), deal('2', '43', 50)],
  });
  await store.writePage({
    tenantId: acme.id,
    stream: 't',
    kind: 'zendeskOrganizations',
    records: [aZendeskOrganization('555', { name: 'Acme One Org', domainNames: ['c42.test'] })],
  });
  await store.writePage({
    tenantId: other.id,
    stream: 't',
    kind: 'companies',
    records: [aCompany('42', { name: 'Other Secret', ownerId: '900' })],
  });
  // Owner 900 is a different person in each portal.
  await store.writePage({
    tenantId: acme.id,
    stream: 'hubspot.owners',
    kind: 'owners',
    records: [anOwner('900', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' })],
  });
  await store.writePage({
    tenantId: other.id,
    stream: 'hubspot.owners',
    kind: 'owners',
    records: [anOwner('900', { firstName: 'Other', lastName: 'Person', email: 'secret@other.test' })],
  });
  await store.writePage({ tenantId: other.id, stream: 't', kind: 'deals', records: [deal('1', '42', 999)] });
  await refreshAccounts({ store, tenantId: acme.id, now: earlier });
  // Between the two snapshots an urgent ticket opens at Acme One: its score falls.
  await store.writePage({
    tenantId: acme.id,
    stream: 't',
    kind: 'tickets',
    records: [
      aTicket('7001', {
        source: 'zendesk',
        organizationId: '555',
        status: 'open',
        priority: 'urgent',
        createdAt: new Date('2026-06-10T09:00:00Z'),
        updatedAt: new Date('2026-06-10T09:00:00Z'),
      }),
    ],
  });
  await refreshAccounts({ store, tenantId: acme.id, now });
  await refreshAccounts({ store, tenantId: other.id, now });
  return { acme, other };
}

for (const backend of storeBackends()) {
  describe(`dashboard API on ${backend.name}`, () => {
    let store: Store;
    let assets: string;
    let app: ReturnType<typeof testApp>['app'];
    let clock = now;
    const request = (path: string, init: RequestInit = {}) =>
      app.request(`http://127.0.0.1:3000${path}`, init);
    const admin = (path: string, init: RequestInit = {}) =>
      request(path, { ...init, headers: { authorization: basic(ADMIN), ...(init.headers ?? {}) } });

    beforeAll(async () => {
      store = await backend.open();
      await seed(store);
      assets = await mkdtemp(join(tmpdir(), 'dashboard-assets-'));
      await mkdir(join(assets, 'assets'));
      await writeFile(join(assets, 'index.html'), '<!doctype html><div id="root"></div>');
      await writeFile(join(assets, 'assets', 'app-1.js'), 'console.log(1)');
      const { deps } = testApp(store, { now: () => clock, env: { CSM_ADMIN_TOKEN: ADMIN } });
      app = createApp({ ...deps, dashboardAssets: assets });
    });
    afterAll(async () => {
      await store.close();
      await rm(assets, { recursive: true, force: true });
      await backend.cleanup();
    });

    /** A HubSpot user's session: the card mints a link, the browser opens it. */
    async function signIn(portalId: number, userId: string, companyId?: string) {
      const res = await app.request(
        signedPost(
          `/cards/hubspot/dashboard-link?portalId=${portalId}&userId=${userId}&appId=5`,
          companyId ? { companyId } : {},
        ),
      );
      expect(res.status).toBe(200);
      const { url, expiresAt } = (await res.json()) as { url: string; expiresAt: string };
      expect(url.startsWith(`${TEST_PUBLIC_URL}/dashboard/auth/link?token=`)).toBe(true);
      expect(Date.parse(expiresAt) - now.getTime()).toBe(300_000);
      const opened = await request(url.slice(TEST_PUBLIC_URL.length));
      const cookie = opened.headers.get('set-cookie') ?? '';
      return { url, opened, cookie: cookie.split(';')[0]! };
    }

    it('refuses without a sign-in, and asks the browser for the admin password', async () => {
      const res = await request('/dashboard/api/session');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="Success Metrics dashboard"/);
      expect(
        (
          await admin('/dashboard/api/session', {
            headers: { authorization: basic('wrong-password-123456') },
          })
        ).status,
      ).toBe(401);
      const page = await request('/dashboard/acme');
      expect(page.status).toBe(401);
      expect(page.headers.get('www-authenticate')).toContain('Basic');
    });

    it('shows the admin every tenant', async () => {
      const res = await admin('/dashboard/api/session');
      expect(res.status).toBe(200);
      const body = sessionSchema.parse(await res.json());
      expect(body.principal).toEqual({ kind: 'admin', via: 'password' });
      expect(body.tenants.map((t) => t.name)).toEqual(['acme', 'other']);
    });

    it('a link minted for a signed card request opens a session for that portal’s tenant only', async () => {
      const { opened, cookie } = await signIn(7, '77', '42');
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe('/dashboard/acme/accounts/42');
      const setCookie = opened.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^csm_dashboard=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/Secure/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\/dashboard/);

      const session = sessionSchema.parse(
        await (await request('/dashboard/api/session', { headers: { cookie } })).json(),
      );
      expect(session.principal).toMatchObject({ kind: 'hubspot-user', portalId: 7, userId: '77' });
      expect(session.tenants.map((t) => t.name)).toEqual(['acme']);

      const mine = await request('/dashboard/api/tenants/acme/accounts', { headers: { cookie } });
      expect(mine.status).toBe(200);
      const rows = accountsSchema.parse(await mine.json()).accounts;
      expect(rows.map((a) => [a.account.name, a.owner])).toEqual([
        ['Acme One', { id: '900', name: 'Ada Lovelace', email: 'ada@acme.test' }],
        ['Acme Two', null],
      ]);
      for (const path of [
        '/tenants/other/accounts',
        '/tenants/other/accounts/42',
        '/tenants/other/settings',
        '/tenants/nope/accounts',
      ]) {
        const res = await request(`/dashboard/api${path}`, { headers: { cookie } });
        expect(res.status, path).toBe(403);
        expect(JSON.stringify(await res.json())).not.toContain('Other Secret');
      }
      const save = await request('/dashboard/api/tenants/other/settings', {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          settings: {
            healthModel: defaultHealthModel,
            windows: { npsDays: 1, csatDays: 1, cesDays: 1, fcrDays: 1, firstReplyDays: 1 },
          },
        }),
      });
      expect(save.status).toBe(403);
      expect(await store.settingsVersions.list((await store.tenants.get('other'))!.id)).toEqual([]);
    });

    it('the other portal’s user gets the other tenant, whose company 42 is its own', async () => {
      const { opened, cookie } = await signIn(8, '88', '42');
      expect(opened.headers.get('location')).toBe('/dashboard/other/accounts/42');
      const res = await request('/dashboard/api/tenants/other/accounts/42', { headers: { cookie } });
      expect(accountPageSchema.parse(await res.json()).card.account.name).toBe('Other Secret');
      expect((await request('/dashboard/api/tenants/acme/accounts/42', { headers: { cookie } })).status).toBe(
        403,
      );
    });

    it('refuses forged, tampered, expired, reused and unsigned links', async () => {
      const { url } = await signIn(7, '77');
      const path = url.slice(TEST_PUBLIC_URL.length);
      const reused = await request(path);
      expect(reused.status).toBe(401);
      expect(await reused.text()).toContain('already used');
      expect(reused.headers.get('set-cookie')).toBeNull();

      const acme = (await store.tenants.get('acme'))!;
      const forged = await mintLinkToken(
        'not-the-client-secret',
        { tenantId: acme.id, portalId: 7, userId: '1' },
        now,
      );
      const refused = await request(`/dashboard/auth/link?token=${forged.token}`);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('not one we issued');
      expect(refused.headers.get('set-cookie')).toBeNull();

      const genuine = await mintLinkToken(
        TEST_CLIENT_SECRET,
        { tenantId: acme.id, portalId: 7, userId: '1' },
        now,
      );
      const [head, payload, sig] = genuine.token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const other = (await store.tenants.get('other'))!;
      const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, tid: other.id, pid: 8 })).toString('base64url')}.${sig}`;
      expect((await request(`/dashboard/auth/link?token=${tampered}`)).status).toBe(401);

      clock = new Date(now.getTime() + 301_000);
      try {
        const late = await request(`/dashboard/auth/link?token=${genuine.token}`);
        expect(late.status).toBe(401);
        expect(await late.text()).toContain('expired');
      } finally {
        clock = now;
      }

      const unsigned = await request('/cards/hubspot/dashboard-link?portalId=7&userId=1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unsigned.status).toBe(401);
      const wrongKey = await app.request(
        signedPost('/cards/hubspot/dashboard-link?portalId=7&userId=1', {}, now, 'other-secret'),
      );
      expect(wrongKey.status).toBe(401);
      const noUser = await app.request(signedPost('/cards/hubspot/dashboard-link?portalId=7', {}));
      expect(noUser.status).toBe(400);
      const unknownPortal = await app.request(
        signedPost('/cards/hubspot/dashboard-link?portalId=9&userId=1', {}),
      );
      expect(unknownPortal.status).toBe(404);
      const otherCompany = await app.request(
        signedPost('/cards/hubspot/dashboard-link?portalId=8&userId=1', { companyId: '43' }),
      );
      expect(otherCompany.status).toBe(404);
    });

    it('an account page holds the card, the history and the ledger with the records behind each change', async () => {
      const res = await admin('/dashboard/api/tenants/acme/accounts/42');
      expect(res.status).toBe(200);
      const page = accountPageSchema.parse(await res.json());
      const stored = await store.accountMetrics.card((await store.tenants.get('acme'))!.id, '42');
      expect(page.card).toEqual(JSON.parse(JSON.stringify(stored!.card)));
      expect(page.ownerId).toBe('900');
      expect(page.owner).toEqual({ id: '900', name: 'Ada Lovelace', email: 'ada@acme.test' });
      expect(page.history.map((h) => h.day)).toEqual(['2026-06-05', '2026-06-15']);
      expect(page.links.hubspot).toBe('https://app.hubspot.com/contacts/7/company/42');
      expect(page.links.zendeskOrganizations).toEqual(['https://acme.zendesk.com/agent/organizations/555']);
      const [change] = page.ledger;
      expect(change).toMatchObject({ day: '2026-06-15', previousDay: '2026-06-05' });
      expect(change!.delta).toBeCloseTo(page.history[1]!.score! - page.history[0]!.score!, 9);
      // The urgent ticket brings a component that was not there before; the others' shares shrink.
      const urgent = change!.movers.find((m) => m.key === 'openUrgentTickets');
      expect(urgent).toMatchObject({ valueThen: null, valueNow: 1, contributionThen: null });
      for (const m of change!.movers)
        expect(m.delta).toBeCloseTo((m.contributionNow ?? 0) - (m.contributionThen ?? 0), 9);
      expect(change!.records).toEqual([
        expect.objectContaining({
          kind: 'ticket-created',
          source: 'zendesk',
          externalId: '7001',
          url: 'https://acme.zendesk.com/agent/tickets/7001',
        }),
      ]);
      expect((await admin('/dashboard/api/tenants/acme/accounts/99')).status).toBe(404);
      expect((await admin('/dashboard/api/tenants/acme/accounts/4x')).status).toBe(400);
    });

    it('the ledger lists the portfolio’s score changes, and bands count accounts per month end', async () => {
      const ledger = ledgerSchema.parse(
        await (await admin('/dashboard/api/tenants/acme/ledger?days=30')).json(),
      );
      expect(ledger.entries.map((e) => [e.companyId, e.day])).toEqual([['42', '2026-06-15']]);
      const bands = bandsSchema.parse(
        await (await admin('/dashboard/api/tenants/acme/bands?months=2')).json(),
      );
      // May 31 has no snapshot within the week before it: only today's counts.
      expect(bands.series.map((s) => s.day)).toEqual(['2026-06-15']);
      const total = bands.series.at(-1)!;
      expect(total.green + total.yellow + total.red + total.none).toBe(2);
      expect(bands.moves).toBeNull();
    });

    it('previews draft settings without saving, then saves a version that the refresh applies', async () => {
      const acme = (await store.tenants.get('acme'))!;
      const before = settingsAnswerSchema.parse(
        await (await admin('/dashboard/api/tenants/acme/settings')).json(),
      );
      expect(before).toMatchObject({ isDefault: true, versions: [] });
      const strict = {
        ...before.settings,
        healthModel: { ...before.settings.healthModel, bands: { green: 100, yellow: 100 } },
      };
      const previewRes = await admin('/dashboard/api/tenants/acme/settings/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(strict),
      });
      expect(previewRes.status).toBe(200);
      const preview = previewSchema.parse(await previewRes.json());
      const accounts = accountsSchema.parse(
        await (await admin('/dashboard/api/tenants/acme/accounts')).json(),
      ).accounts;
      const notRed = accounts.filter((a) => a.account.health.band !== 'red');
      expect(preview).toMatchObject({
        accounts: 2,
        changed: notRed.length,
        after: { red: 2, green: 0, yellow: 0 },
      });
      expect(preview.changes.map((c) => c.companyId).sort()).toEqual(
        notRed.map((a) => a.account.hubspotCompanyId).sort(),
      );
      // Nothing was saved by the preview.
      expect(await store.settings.healthModel(acme.id)).toBeNull();

      const bad = await admin('/dashboard/api/tenants/acme/settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ settings: { ...strict, windows: { ...strict.windows, npsDays: 0 } } }),
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(
        /^body\.settings\.windows\.npsDays/,
      );
      expect(await store.settingsVersions.list(acme.id)).toEqual([]);

      const saveRes = await admin('/dashboard/api/tenants/acme/settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ settings: strict, note: 'everything red' }),
      });
      expect(saveRes.status).toBe(200);
      expect(savedSchema.parse(await saveRes.json())).toMatchObject({ version: 1, refreshed: 2 });
      const after = accountsSchema.parse(
        await (await admin('/dashboard/api/tenants/acme/accounts')).json(),
      ).accounts;
      expect(after.map((a) => a.account.health.band)).toEqual(['red', 'red']);
      const answer = settingsAnswerSchema.parse(
        await (await admin('/dashboard/api/tenants/acme/settings')).json(),
      );
      expect(answer).toMatchObject({
        isDefault: false,
        versions: [{ version: 1, savedBy: 'admin', note: 'everything red' }],
      });
      expect(answer.settings.healthModel.bands).toEqual({ green: 100, yellow: 100 });
    });

    it('portfolio figures come from portfolioFigures over every account’s facts, per month or quarter', async () => {
      const june = (await (await admin('/dashboard/api/tenants/acme/portfolio?period=2026-06')).json()) as {
        figures: PortfolioFigures;
        previous: PortfolioFigures;
      };
      expect(june.figures).toMatchObject({ period: { label: '2026-06' }, mrr: 350, arr: 4200, nrr: 100 });
      expect(june.previous.period.label).toBe('2026-05');
      // One ticket opened in June over two accounts; none in May.
      expect(june.figures.ticketsPerAccount).toBe(ticketsPerAccount({ tickets: 1, accounts: 2 }));
      expect(june.previous.ticketsPerAccount).toBe(0);
      const quarter = (await (
        await admin('/dashboard/api/tenants/acme/portfolio?period=2026-Q2')
      ).json()) as {
        figures: PortfolioFigures;
        previous: PortfolioFigures;
      };
      expect(quarter.previous.period.label).toBe('2026-Q1');
      expect(quarter.previous.movements).toMatchObject({ startMrr: 0, new: 350, endMrr: 350 });
      const months = (await (
        await admin('/dashboard/api/tenants/acme/portfolio/months?months=3')
      ).json()) as {
        months: PortfolioFigures[];
      };
      expect(months.months.map((m) => m.period.label)).toEqual(['2026-04', '2026-05', '2026-06']);
      // The other tenant's revenue never counts here.
      expect(months.months.every((m) => m.mrr === 350)).toBe(true);
      expect((await admin('/dashboard/api/tenants/acme/portfolio?period=2026-13')).status).toBe(400);
    });

    it('answers 400 naming the field for ids past what HubSpot hands out, never 500', async () => {
      for (const id of ['9223372036854775808', '99999999999999999999', '0', '12a']) {
        const res = await admin(`/dashboard/api/tenants/acme/accounts/${id}`);
        expect(res.status, id).toBe(400);
        expect(await res.text()).toContain('companyId');
      }
      expect((await admin('/dashboard/api/tenants/acme/accounts/9223372036854775807')).status).toBe(404);
      const huge = await app.request(
        signedPost('/cards/hubspot/dashboard-link?portalId=9007199254740992&userId=1', {}),
      );
      expect(huge.status).toBe(400);
      expect(await huge.text()).toContain('portalId');
      const bigCompany = await app.request(
        signedPost('/cards/hubspot/dashboard-link?portalId=7&userId=1', { companyId: '9223372036854775808' }),
      );
      expect(bigCompany.status).toBe(400);
      expect(await bigCompany.text()).toContain('companyId');
    });

    it('serves the built app for every page path, and its assets, but nothing outside them', async () => {
      const page = await admin('/dashboard/acme/model');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const js = await request('/dashboard/assets/app-1.js');
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect(js.headers.get('cache-control')).toContain('immutable');
      expect((await request('/dashboard/assets/..%2F..%2Fpackage.json')).status).toBe(404);
      expect((await admin('/dashboard/api/nope')).status).toBe(404);
    });

    it('is in the OpenAPI document', async () => {
      const doc = (await (await request('/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/dashboard/api/session',
          '/dashboard/api/tenants/{tenant}/accounts',
          '/dashboard/api/tenants/{tenant}/accounts/{companyId}',
          '/dashboard/api/tenants/{tenant}/settings',
          '/dashboard/api/tenants/{tenant}/settings/preview',
          '/cards/hubspot/dashboard-link',
        ]),
      );
    });
  });
}

describe('dashboard without any way to sign in', () => {
  it('is off', async () => {
    const backend = storeBackends()[0]!;
    const store = await backend.open();
    try {
      const { app } = testApp(store, { env: { HUBSPOT_CLIENT_SECRET: '' } });
      const res = await app.request('/dashboard/api/session');
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('The dashboard is off');
    } finally {
      await store.close();
    }
  });
});
