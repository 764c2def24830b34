/**
 * The dashboard in a real browser: the built app (vite build of apps/dashboard) served by the real
 * server over HTTP, like `csm demo` / `csm serve`, on a store synced from two sandboxes (tenants
 * `acme` and `globex`, whose HubSpot ids overlap) with reconstructed history. Headless Chromium
 * (Debian's, driven by playwright-core) signs in as the self-hoster's admin (CSM_ADMIN_TOKEN) or
 * through a link minted by a signed HubSpot card request. Screenshots go to
 * test/test-artifacts/dashboard/.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSandbox } from '@csm/sandbox';
import {
  addTenant,
  createApp,
  createAppDeps,
  hubspotSignatureV3,
  loadConfig,
  reconstructHistory,
  runSync,
} from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, quietOut, startHarness } from './harness.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_DIR = join(REPO, 'apps/dashboard');
const ARTIFACTS = join(REPO, 'test/test-artifacts/dashboard');
const hasChromium = existsSync(CHROMIUM);
const SECRET = 'dashboard-e2e-hubspot-client-secret';
const ADMIN = 'dashboard-e2e-admin-password';

if (!hasChromium && process.env.CI)
  throw new Error(
    `${CHROMIUM} is missing: CI must install it (.ci/browser-deps runs apt-get install chromium)`,
  );
if (!hasChromium) console.warn(`dashboard e2e skipped: ${CHROMIUM} is missing (run .ci/browser-deps)`);

const describeBrowser = hasChromium ? describe : describe.skip;
const backend = storeBackends()[0]!;

type Band = 'green' | 'yellow' | 'red' | null;
interface AccountRow {
  account: {
    hubspotCompanyId: string;
    name: string | null;
    health: { score: number | null; band: Band };
    mrr: number | null;
  };
  trend: { direction: 'up' | 'down' | 'flat' | null } | null;
}
interface Card {
  account: { name: string | null };
  health: { score: number | null; band: Band; components: { key: string; contribution: number }[] };
}

describeBrowser('the dashboard in headless Chromium over the real server', () => {
  let work: string;
  let h: Harness;
  let second: { close(): Promise<unknown> };
  let browser: Browser;
  let server: ServerType;
  let base: string;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${base}/dashboard/api${path}`, {
      ...init,
      headers: {
        authorization: `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'dashboard-e2e-'));
    const dist = join(work, 'dist');
    const build = promisify(execFile)(
      process.execPath,
      [join(APP_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', dist],
      { cwd: APP_DIR },
    );
    h = await startHarness(backend, { seed: 7, companies: 40, rateLimits: { scale: 50 } });
    const synced = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
    if (!synced.ok)
      throw new Error(`sandbox sync failed: ${JSON.stringify(synced.sources.map((s) => s.error))}`);
    // A second portal whose HubSpot ids are the same numbers as the first one's.
    const globexSandbox = createSandbox({ seed: 8, companies: 12, rateLimits: { scale: 50 } });
    const globexApis = await globexSandbox.listen({ port: 0, host: '127.0.0.1' });
    second = globexApis;
    const globexCtx = {
      ...h.ctx,
      endpoints: {
        hubspotBaseUrl: globexApis.hubspotBaseUrl,
        zendeskBaseUrlTemplate: globexApis.zendeskBaseUrl,
      },
    };
    const c = globexSandbox.credentials;
    await addTenant(globexCtx, {
      name: 'globex',
      hubspotToken: c.hubspotPrivateAppToken,
      zendeskSubdomain: c.zendeskSubdomain,
      zendeskEmail: c.zendeskEmail,
      zendeskToken: c.zendeskApiToken,
    });
    await runSync(globexCtx, 'globex', { full: true, budgetScale: 50, out: quietOut() });
    await reconstructHistory(h.store, h.tenantId, { now: new Date(), months: 6, dailyDays: 30 });

    await build;
    // Served like `csm serve`: the port first, then the app with its public URL.
    let app: ReturnType<typeof createApp> | undefined;
    server = serve({
      fetch: (req) => (app ? app.fetch(req) : new Response('starting', { status: 503 })),
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({
      HUBSPOT_CLIENT_SECRET: SECRET,
      CSM_ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'silent',
      SYNC_INTERVAL_MINUTES: '0',
      HUBSPOT_API_BASE_URL: h.ctx.endpoints.hubspotBaseUrl,
      ZENDESK_API_BASE_URL: h.ctx.endpoints.zendeskBaseUrlTemplate,
    });
    app = createApp({
      ...createAppDeps({
        config,
        store: h.store,
        publicUrl: base,
        logger: createLogger({ level: 'silent' }),
      }),
      dashboardAssets: dist,
    });
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((r) => server.close(r));
    await second?.close();
    await h?.close();
    await backend.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A browser tab; `admin` signs in with CSM_ADMIN_TOKEN. Console errors and page errors are kept. */
  async function open(
    path: string,
    options: { admin?: boolean; locale?: string; context?: BrowserContext } = {},
  ): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context =
      options.context ??
      (await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: options.locale ?? 'en-US',
        ...(options.admin === false ? {} : { httpCredentials: { username: 'admin', password: ADMIN } }),
      }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    return { page, context, errors };
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const num = (locale: string, v: number | null, digits = 1) =>
    v === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  const texts = async (page: Page, selector: string) =>
    (await page.locator(selector).allTextContents()).map((t) => t.trim());

  it('every page loads without console errors', async () => {
    const { accounts } = await api<{ accounts: AccountRow[] }>('/tenants/acme/accounts');
    const id = accounts[0]!.account.hubspotCompanyId;
    const pages: [string, string, string][] = [
      ['/dashboard', 'tenant-list', 'tenants'],
      ['/dashboard/acme', 'at-risk', 'portfolio'],
      [`/dashboard/acme/accounts/${id}`, 'account-page', 'account'],
      ['/dashboard/acme/model', 'model-editor', 'model'],
      ['/dashboard/acme/ledger', 'ledger', 'ledger'],
      ['/dashboard/acme/coverage', 'coverage-counts', 'coverage'],
      ['/dashboard/acme/connections', 'connection-runs', 'connections'],
    ];
    for (const [path, testId, name] of pages) {
      const { page, context, errors } = await open(path);
      try {
        await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
        await page.waitForLoadState('networkidle');
        expect(errors, path).toEqual([]);
        await shot(page, `page-${name}`);
      } finally {
        await context.close();
      }
    }
  });

  it('the portfolio shows the API’s numbers, and the at-risk list sorts', async () => {
    const { accounts } = await api<{ accounts: AccountRow[] }>('/tenants/acme/accounts');
    const bands = await api<{
      series: { day: string; green: number; yellow: number; red: number; none: number }[];
    }>('/tenants/acme/bands?months=12');
    const { page, context } = await open('/dashboard/acme');
    try {
      await page.getByTestId('at-risk').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('tile-accounts').textContent()).toBe(num('en-US', accounts.length, 0));
      const last = bands.series.at(-1)!;
      expect(await page.getByTestId('tile-red').textContent()).toBe(num('en-US', last.red, 0));
      // The chart's numbers, row by row, are the API's.
      const rows = await page.getByTestId('band-numbers').locator('tbody tr').all();
      expect(rows).toHaveLength(bands.series.length);
      for (const [i, s] of bands.series.entries()) {
        const cells = (await rows[i]!.locator('td').allTextContents()).map((x) => x.trim());
        expect(cells.slice(1)).toEqual([s.red, s.yellow, s.green, s.none].map((v) => num('en-US', v, 0)));
      }
      expect(await page.getByTestId('band-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(
        0,
      );

      const risky = accounts.filter((a) => a.account.health.band === 'red' || a.trend?.direction === 'down');
      const table = page.getByTestId('at-risk');
      expect(await table.locator('tbody tr').count()).toBe(risky.length);
      const scores = (values: (number | null)[], dir: 1 | -1) =>
        [...values]
          .sort((a, b) => (a === null ? 1 : b === null ? -1 : (a - b) * dir))
          .map((v) => num('en-US', v, 1));
      const healths = risky.map((r) => r.account.health.score);
      expect(await texts(page, '[data-testid="at-risk"] [data-testid="cell-health"]')).toEqual(
        scores(healths, 1),
      );
      await page.getByTestId('at-risk-sort-health').click();
      expect(await texts(page, '[data-testid="at-risk"] [data-testid="cell-health"]')).toEqual(
        scores(healths, -1),
      );
      expect(await table.locator('th[aria-sort="descending"]').textContent()).toContain('Health');
      await page.getByTestId('at-risk-sort-mrr').click();
      const mrr = [...risky]
        .map((r) => r.account.mrr)
        .sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
      const money = (v: number | null) =>
        v === null
          ? '—'
          : new Intl.NumberFormat('en-US', {
              style: 'currency',
              currency: 'USD',
              maximumFractionDigits: 0,
            }).format(v);
      expect(await texts(page, '[data-testid="at-risk"] [data-testid="cell-mrr"]')).toEqual(mrr.map(money));
      await shot(page, 'portfolio-sorted-by-mrr');
    } finally {
      await context.close();
    }
  });

  it('the portfolio’s figures and charts are the API’s numbers', async () => {
    type Figures = {
      period: { label: string };
      mrr: number | null;
      nrr: number | null;
      movements: Record<
        'startMrr' | 'new' | 'expansion' | 'reactivation' | 'contraction' | 'churn' | 'endMrr',
        number
      >;
    };
    const { months } = await api<{ months: Figures[] }>('/tenants/acme/portfolio/months?months=18');
    const { figures, previous } = await api<{ figures: Figures; previous: Figures }>(
      '/tenants/acme/portfolio',
    );
    const money = (v: number | null) =>
      v === null
        ? '—'
        : new Intl.NumberFormat('en-US', {
            style: 'currency',
            currency: 'USD',
            maximumFractionDigits: 0,
          }).format(v);
    const pct = (v: number | null) =>
      v === null
        ? '—'
        : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(v / 100);
    const { page, context, errors } = await open('/dashboard/acme');
    try {
      await page.getByTestId('portfolio-figures').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('figure-mrr').textContent()).toBe(money(figures.mrr));
      expect(await page.getByTestId('figure-nrr').textContent()).toBe(pct(figures.nrr));
      expect(await page.getByTestId('figure-nrr-previous').textContent()).toBe(
        `previous period: ${pct(previous.nrr)}`,
      );
      const rows = await page.getByTestId('movements-numbers').locator('tbody tr').all();
      expect(rows).toHaveLength(months.length);
      for (const [i, m] of months.entries()) {
        const cells = (await rows[i]!.locator('td').allTextContents()).map((x) => x.trim());
        const keys = [
          'startMrr',
          'new',
          'expansion',
          'reactivation',
          'contraction',
          'churn',
          'endMrr',
        ] as const;
        expect(cells.slice(1)).toEqual(keys.map((k) => money(m.movements[k])));
      }
      expect(
        await page.getByTestId('movements-chart').locator('.recharts-bar-rectangle').count(),
      ).toBeGreaterThan(0);
      expect(await page.getByTestId('retention-chart').locator('.recharts-line').count()).toBe(4);
      expect(errors).toEqual([]);
      await page.getByTestId('movements-chart').screenshot({ path: join(ARTIFACTS, 'movements-chart.png') });
    } finally {
      await context.close();
    }
  });

  const LANGS = [
    {
      locale: 'en-US',
      csat: 'CSAT',
      urgent: 'Open urgent tickets',
      band: { green: 'Healthy', yellow: 'At risk', red: 'Critical' },
    },
    {
      locale: 'ja',
      csat: 'CSAT',
      urgent: '未解決の緊急チケット',
      band: { green: '良好', yellow: '要注意', red: '危険' },
    },
    {
      locale: 'ro',
      csat: 'CSAT',
      urgent: 'Tichete urgente deschise',
      band: { green: 'Sănătos', yellow: 'La risc', red: 'Critic' },
    },
  ] as const;

  it.each(LANGS)('an account page shows the card with human labels, in $locale', async (lang) => {
    const { accounts } = await api<{ accounts: AccountRow[] }>('/tenants/acme/accounts');
    const pick = accounts.find((a) => a.account.health.band !== null)!;
    const id = pick.account.hubspotCompanyId;
    const { card } = await api<{ card: Card }>(`/tenants/acme/accounts/${id}`);
    const { page, context, errors } = await open(`/dashboard/acme/accounts/${id}`, { locale: lang.locale });
    try {
      await page.getByTestId('account-page').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('account-name').textContent()).toBe(card.account.name);
      expect(await page.getByTestId('health-score').textContent()).toBe(
        num(lang.locale, card.health.score, 0),
      );
      expect(await page.getByTestId('health-band').textContent()).toBe(lang.band[card.health.band!]);
      const labels = await texts(page, '[data-testid="component-numbers"] tbody td:first-child');
      expect(labels).toHaveLength(card.health.components.length);
      // Human names, never the code keys.
      for (const label of labels) expect(label).not.toMatch(/^[a-z]+[A-Z]\w*$/);
      const points = await texts(page, '[data-testid="component-numbers"] tbody td:nth-child(5)');
      expect(points).toEqual(card.health.components.map((c) => num(lang.locale, c.contribution, 1)));
      expect(errors).toEqual([]);
      await shot(page, `account-${lang.locale}`);
    } finally {
      await context.close();
    }
  });

  it('the editor previews a draft (the server’s count of band changes) and saves it as a version the cards use', async () => {
    const { page, context, errors } = await open('/dashboard/acme/model');
    try {
      await page.getByTestId('model-components').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('model-save').isDisabled()).toBe(true);
      await page.getByTestId('model-band-green').fill('85');
      await page.getByTestId('model-nps-weight').fill('30');
      await page.getByTestId('model-preview').click();
      await page.getByTestId('preview-summary').waitFor({ timeout: 60_000 });
      const current = await api<{
        settings: { healthModel: { components: Record<string, object>; bands: object }; windows: object };
      }>('/tenants/acme/settings');
      const draft = structuredClone(current.settings);
      (draft.healthModel.bands as { green: number }).green = 85;
      (draft.healthModel.components.nps as { weight: number }).weight = 30;
      const expected = await api<{ accounts: number; changed: number; after: Record<string, number> }>(
        '/tenants/acme/settings/preview',
        { method: 'POST', body: JSON.stringify(draft) },
      );
      expect(expected.changed).toBeGreaterThan(0);
      expect(await page.getByTestId('preview-summary').textContent()).toBe(
        `${expected.changed} of ${expected.accounts} accounts would change band.`,
      );
      expect(await page.getByTestId('preview-after-green').textContent()).toBe(
        num('en-US', expected.after.green!, 0),
      );
      expect(await page.getByTestId('preview-changes').locator('tbody tr').count()).toBe(
        Math.min(500, expected.changed),
      );
      await shot(page, 'model-preview');

      await page.getByTestId('model-note').fill('stricter green, more NPS');
      await page.getByTestId('model-save').click();
      await page.getByTestId('model-saved').waitFor({ timeout: 60_000 });
      await page.getByTestId('model-versions').waitFor();
      expect(await page.getByTestId('model-in-force').textContent()).toBe('Version 1 is in force.');
      expect(await texts(page, '[data-testid="model-versions"] tbody td:nth-child(4)')).toEqual([
        'stricter green, more NPS',
      ]);
      // The cards were recomputed with it: the stored bands are the preview's.
      const { accounts } = await api<{ accounts: AccountRow[] }>('/tenants/acme/accounts');
      const count = (b: Band) => accounts.filter((a) => a.account.health.band === b).length;
      expect({ green: count('green'), yellow: count('yellow'), red: count('red') }).toEqual({
        green: expected.after.green,
        yellow: expected.after.yellow,
        red: expected.after.red,
      });
      expect(errors).toEqual([]);
      await shot(page, 'model-saved');
    } finally {
      await context.close();
    }
  });

  it('a hand link on the coverage page moves an organization’s tickets to the account', async () => {
    type Coverage = {
      counts: { unmatchedTickets: { count: number } };
      organizations: {
        zendeskOrgId: string;
        name: string | null;
        tickets: number;
        linkedCompanyId: string | null;
      }[];
    };
    const before = await api<Coverage>('/tenants/acme/coverage');
    const org = before.organizations.find((o) => o.linkedCompanyId === null && o.tickets > 0);
    expect(org, 'the seed has an unmatched organization with tickets').toBeDefined();
    const { accounts } = await api<{ accounts: AccountRow[] }>('/tenants/acme/accounts');
    const target = accounts.find((a) => a.account.name)!;
    const id = target.account.hubspotCompanyId;
    const ticketsOf = async () =>
      (await api<{ card: { tickets: { total: number } } }>(`/tenants/acme/accounts/${id}`)).card.tickets
        .total;
    const ticketsBefore = await ticketsOf();
    const { page, context, errors } = await open('/dashboard/acme/coverage');
    try {
      const row = page.locator(`tr[data-org="${org!.zendeskOrgId}"]`);
      await row.waitFor({ timeout: 20_000 });
      await row.getByTestId('org-link').click();
      await row.getByTestId('org-company-search').fill(target.account.name!);
      await row
        .getByTestId('org-company-results')
        .getByRole('button', { name: target.account.name! })
        .first()
        .click();
      await row.getByRole('status').waitFor({ timeout: 60_000 });
      expect(await row.getByRole('status').textContent()).toBe(
        `Linked: ${org!.tickets} tickets now count for that account.`,
      );
      await expect
        .poll(() => row.getByTestId('org-state').textContent(), { timeout: 20_000 })
        .toMatch(/^Linked by hand to /);
      expect(await ticketsOf()).toBe(ticketsBefore + org!.tickets);
      const after = await api<Coverage>('/tenants/acme/coverage');
      expect(after.counts.unmatchedTickets.count).toBe(before.counts.unmatchedTickets.count - org!.tickets);
      expect(errors).toEqual([]);
      await shot(page, 'coverage-linked');
    } finally {
      await context.close();
    }
  });

  it('the connections page runs a sync now and shows it', async () => {
    const runsBefore = (await api<{ runs: unknown[] }>('/tenants/acme/connections')).runs.length;
    const { page, context, errors } = await open('/dashboard/acme/connections');
    try {
      await page.getByTestId('connection-runs').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('connection-hubspot-state').textContent()).toBe(
        'Connected (private-app)',
      );
      await page.getByTestId('sync-now').click();
      await expect
        .poll(() => page.getByTestId('connection-runs').locator('tbody tr').count(), { timeout: 120_000 })
        .toBeGreaterThan(runsBefore);
      await expect.poll(() => page.getByTestId('sync-now').isDisabled(), { timeout: 120_000 }).toBe(false);
      const runs = (await api<{ runs: { status: string }[] }>('/tenants/acme/connections')).runs;
      expect(runs.length).toBeGreaterThan(runsBefore);
      expect(runs[0]!.status).toBe('succeeded');
      expect(errors).toEqual([]);
      await shot(page, 'connections-after-sync');
    } finally {
      await context.close();
    }
  });

  /** What the HubSpot card does: `hubspot.fetch` POSTs, signed by HubSpot, with portalId and userId appended. */
  async function mintLink(portalId: number, userId: string, companyId: string, secret = SECRET) {
    const path = `/cards/hubspot/dashboard-link?portalId=${portalId}&userId=${userId}&userEmail=u%40x.test&appId=1`;
    const body = JSON.stringify({ companyId });
    const timestamp = String(Date.now());
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature-v3': hubspotSignatureV3(secret, 'POST', `${base}${path}`, body, timestamp),
      },
    });
    return { status: res.status, body: (await res.json()) as { url: string } };
  }

  it('a signed link from the card opens the right tenant only; a forged one is refused', async () => {
    const session = await api<{ tenants: { name: string; hubspotPortalId: number }[] }>('/session');
    const globex = session.tenants.find((t) => t.name === 'globex')!;
    const { accounts } = await api<{ accounts: AccountRow[] }>('/tenants/globex/accounts');
    const acme = await api<{ accounts: AccountRow[] }>('/tenants/acme/accounts');
    // The same HubSpot company id exists in both portals, with different companies behind it.
    const shared = accounts.find((a) =>
      acme.accounts.some((b) => b.account.hubspotCompanyId === a.account.hubspotCompanyId),
    )!;
    expect(shared).toBeDefined();
    const id = shared.account.hubspotCompanyId;

    const minted = await mintLink(globex.hubspotPortalId, '4242', id);
    expect(minted.status).toBe(200);
    const { page, context } = await open(minted.body.url.replace(/^https?:\/\/[^/]+/, ''), { admin: false });
    try {
      await page.getByTestId('account-page').waitFor({ timeout: 20_000 });
      expect(new URL(page.url()).pathname).toBe(`/dashboard/globex/accounts/${id}`);
      expect(await page.getByTestId('account-name').textContent()).toBe(shared.account.name);
      expect(await page.getByTestId('signed-in').textContent()).toContain('4242');
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'csm_dashboard')).toMatchObject({
        httpOnly: true,
        path: '/dashboard',
      });
      await shot(page, 'signed-link-account');
      // The session is globex's: acme's pages are refused, even for the same company id.
      await page.goto(`${base}/dashboard/acme/accounts/${id}`);
      const refused = page.getByTestId('state-error');
      await refused.waitFor({ timeout: 20_000 });
      expect(await refused.getAttribute('data-kind')).toBe('forbidden');
      await shot(page, 'signed-link-other-tenant-refused');
      // Opening the same link again is refused (each link opens once).
      const again = await page.goto(minted.body.url);
      expect(again?.status()).toBe(401);
    } finally {
      await context.close();
    }

    const forged = await mintLink(globex.hubspotPortalId, '4242', id, 'not-the-app-secret');
    expect(forged.status).toBe(401);
    // A link token signed with another key, as an attacker would make one.
    const good = await mintLink(globex.hubspotPortalId, '4242', id);
    const [head, ,] = good.body.url.split('token=')[1]!.split('.');
    const claims = Buffer.from(
      JSON.stringify({
        tid: 1,
        pid: globex.hubspotPortalId,
        sub: '1',
        jti: 'x',
        exp: 4102444800,
        iss: 'success-metrics',
        aud: 'csm-dashboard-link',
      }),
    ).toString('base64url');
    const fake = await open(`/dashboard/auth/link?token=${head}.${claims}.AAAA`, { admin: false });
    try {
      await fake.page.getByTestId('link-refused').waitFor({ timeout: 20_000 });
      expect(await fake.page.getByTestId('link-refused').textContent()).toContain('not one we issued');
      expect(await fake.context.cookies()).toEqual([]);
      await shot(fake.page, 'forged-link-refused');
    } finally {
      await fake.context.close();
    }
  });
});
