/**
 * The Zendesk app in a real browser: the built sidebar (vite build of apps/zendesk-app) loaded in
 * headless Chromium (Debian's, driven by playwright-core) with a ZAF client stand-in that answers
 * `ticket.requester`, `ticket.organization`, `organization`, `currentUser.locale` and the app's
 * settings, and passes `client.request` to the real backend over HTTP, filling in
 * `{{setting.app_token}}` the way Zendesk's proxy does. The backend serves a store synced from the
 * sandbox APIs. Screenshots go to test/test-artifacts/zendesk-sidebar/.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OrganizationAnswer, RequesterAnswer } from '@csm/accounts/contract';
import { createApp, createAppDeps, loadConfig, runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, quietOut, startHarness } from './harness.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_DIR = join(REPO, 'apps/zendesk-app');
const ARTIFACTS = join(REPO, 'test/test-artifacts/zendesk-sidebar');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && process.env.CI)
  throw new Error(
    `${CHROMIUM} is missing: CI must install it (.ci/browser-deps runs apt-get install chromium)`,
  );
if (!hasChromium) console.warn(`zendesk-sidebar e2e skipped: ${CHROMIUM} is missing (run .ci/browser-deps)`);

/** Serves `handler` on a loopback port. */
async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
};

/** Zendesk serves the app's assets/ folder as static files: so does this. */
function staticFiles(root: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^([/\\])+/,
      '',
    );
    const file = join(root, path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
}

/** The backend app served over HTTP (hono's fetch behind node:http). */
function appHandler(app: ReturnType<typeof createApp>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await app.fetch(
      new Request(`http://127.0.0.1${req.url}`, { method: req.method ?? 'GET', headers }),
    );
    res
      .writeHead(response.status, Object.fromEntries(response.headers))
      .end(Buffer.from(await response.arrayBuffer()));
  };
}

interface StandIn {
  location: 'ticket_sidebar' | 'organization_sidebar';
  locale: string;
  ticket?: {
    id: number;
    requester: { id: number; email: string | null };
    organization: { id: number } | null;
  };
  organization?: { id: number };
  settings: { backend_url: string };
}

/** The ZAF client stand-in, run in the page before the app (its `request` goes to window.__zendeskProxy). */
function installZafStandIn(standIn: StandIn) {
  const values: Record<string, unknown> = {
    'currentUser.locale': standIn.locale,
    'ticket.id': standIn.ticket?.id,
    'ticket.requester': standIn.ticket?.requester ?? null,
    'ticket.organization': standIn.ticket?.organization ?? null,
    organization: standIn.organization ?? null,
  };
  const invocations: unknown[][] = [];
  // Runs in the page: globalThis is the iframe's window.
  const page = globalThis as unknown as {
    __zafInvocations: unknown[][];
    __zendeskProxy: (o: unknown) => Promise<{ status: number; text: string }>;
    ZAFClient: unknown;
  };
  page.__zafInvocations = invocations;
  const proxy = page.__zendeskProxy;
  const client = {
    on(event: string, handler: () => void) {
      if (event === 'app.registered') setTimeout(handler, 0);
    },
    off() {},
    async get(paths: string | string[]) {
      const out: Record<string, unknown> = {};
      for (const p of Array.isArray(paths) ? paths : [paths]) out[p] = values[p];
      return out;
    },
    async context() {
      return { location: standIn.location, product: 'support' };
    },
    async metadata() {
      return { settings: standIn.settings };
    },
    async request(options: unknown) {
      const answer = await proxy(options);
      if (answer.status >= 200 && answer.status < 300) return JSON.parse(answer.text);
      throw { status: answer.status, responseText: answer.text };
    },
    invoke(...args: unknown[]) {
      invocations.push(args);
    },
  };
  page.ZAFClient = { init: () => client };
}

interface RequestOptions {
  url: string;
  type: string;
  secure?: boolean;
  headers?: Record<string, string>;
}

const describeBrowser = hasChromium ? describe : describe.skip;
const backend = storeBackends()[0]!;

describeBrowser('Zendesk sidebar in headless Chromium over the real backend', () => {
  let work: string;
  let h: Harness;
  let browser: Browser;
  let backendUrl: string;
  let assetsUrl: string;
  let token: string;
  const servers: Server[] = [];

  /** A sidebar route's answer (`T`: its contract type when it is a 200). */
  const get = async <T = RequesterAnswer>(path: string, auth: string | null = `Bearer ${token}`) => {
    const res = await fetch(`${backendUrl}${path}`, { headers: auth ? { authorization: auth } : {} });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'zendesk-e2e-'));
    const build = promisify(execFile)(
      process.execPath,
      [
        join(APP_DIR, 'node_modules/vite/bin/vite.js'),
        'build',
        '--logLevel',
        'warn',
        '--outDir',
        join(work, 'dist/assets'),
      ],
      { cwd: APP_DIR },
    );
    h = await startHarness(backend, { seed: 7, companies: 40, rateLimits: { scale: 50 } });
    const result = await runSync(h.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
    if (!result.ok)
      throw new Error(`sandbox sync failed: ${JSON.stringify(result.sources.map((s) => s.error))}`);
    token = (await h.store.tenants.zendeskAppToken('acme'))!;
    const logger = createLogger({ level: 'silent' });
    const app = createApp(
      createAppDeps({
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        store: h.store,
        publicUrl: 'http://127.0.0.1',
        logger,
      }),
    );
    const api = await listen(appHandler(app));
    backendUrl = api.url;
    await build;
    const assets = await listen(staticFiles(join(work, 'dist/assets')));
    assetsUrl = assets.url;
    servers.push(api.server, assets.server);
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
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await new Promise((r) => s.close(r));
    await h?.close();
    await backend.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Opens the built sidebar like Zendesk would, with `secret` as the app token setting. */
  async function openSidebar(
    standIn: StandIn,
    secret = token,
  ): Promise<{ page: Page; proxied: RequestOptions[] }> {
    const page = await browser.newPage({ viewport: { width: 320, height: 900 }, locale: standIn.locale });
    const proxied: RequestOptions[] = [];
    // Zendesk's proxy: only secure requests to the app's backend, the secure setting filled in.
    await page.exposeFunction('__zendeskProxy', async (options: RequestOptions) => {
      proxied.push(options);
      if (!options.secure || !options.url.startsWith(backendUrl)) return { status: 403, text: '{}' };
      const headers = Object.fromEntries(
        Object.entries(options.headers ?? {}).map(([k, v]) => [
          k,
          v.replaceAll('{{setting.app_token}}', secret),
        ]),
      );
      const res = await fetch(options.url, { method: options.type, headers });
      return { status: res.status, text: await res.text() };
    });
    // The ZAF SDK comes from Zendesk's CDN; the stand-in above replaces it.
    await page.route('https://static.zdassets.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
    );
    await page.addInitScript(installZafStandIn, standIn);
    await page.goto(`${assetsUrl}/iframe.html`);
    return { page, proxied };
  }

  async function pickTicket() {
    const tickets = await h.store.readRecords(h.tenantId, 'tickets');
    const users = new Map(
      (await h.store.readRecords(h.tenantId, 'zendeskUsers')).map((u) => [u.zendeskUserId, u]),
    );
    let best: {
      ticketId: string;
      userId: string;
      orgId: string;
      answer: RequesterAnswer;
      weight: number;
    } | null = null;
    const seen = new Set<string>();
    for (const t of tickets) {
      if (t.source !== 'zendesk' || !t.requesterId || !t.organizationId || seen.has(t.requesterId)) continue;
      const user = users.get(t.requesterId);
      if (user?.organizationId !== t.organizationId) continue;
      seen.add(t.requesterId);
      const { status, body } = await get(`/cards/zendesk/requesters/${t.requesterId}`);
      const card = body.card;
      if (status !== 200 || !card || card.health.score === null || !card.health.band) continue;
      const weight = card.nps.responses + body.recentTickets.length;
      if (!best || weight > best.weight)
        best = {
          ticketId: t.externalId,
          userId: t.requesterId,
          orgId: t.organizationId,
          answer: body,
          weight,
        };
      if (seen.size > 40) break;
    }
    if (!best)
      throw new Error('the sandbox seed has no Zendesk ticket whose organization links to a scored account');
    return best;
  }

  const LANGS = [
    {
      locale: 'en-US',
      name: 'en',
      band: { green: 'Healthy', yellow: 'At risk', red: 'Critical' },
      sample: (n: number, days: number) =>
        `${n} answer${n === 1 ? '' : 's'} · last ${days} day${days === 1 ? '' : 's'}`,
    },
    {
      locale: 'ja',
      name: 'ja',
      band: { green: '良好', yellow: '要注意', red: '危険' },
      sample: (n: number, days: number) => `回答 ${n} 件 · 過去 ${days} 日間`,
    },
  ] as const;

  it.each(LANGS)('shows an agent the figures of the backend’s answer, in $name', async (lang) => {
    const pick = await pickTicket();
    const a = pick.answer;
    const org = a.organization!;
    const card = a.card!;
    const { page, proxied } = await openSidebar({
      location: 'ticket_sidebar',
      locale: lang.locale,
      ticket: {
        id: Number(pick.ticketId),
        requester: { id: Number(pick.userId), email: a.requester.email },
        organization: { id: Number(pick.orgId) },
      },
      settings: { backend_url: backendUrl },
    });
    try {
      await page.getByTestId('health-score').waitFor({ timeout: 20_000 });
      const text = async (id: string) => (await page.getByTestId(id).first().textContent())?.trim();
      const num = (v: number, digits = 1) =>
        new Intl.NumberFormat(lang.locale, { maximumFractionDigits: digits }).format(v);
      const pct = (v: number | null) =>
        v === null
          ? '—'
          : new Intl.NumberFormat(lang.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
              v / 100,
            );

      expect(await text('health-score')).toBe(num(card.health.score!, 0));
      expect(await text('health-band')).toBe(lang.band[card.health.band!]);
      expect(await text('account-name')).toBe(card.account.name ?? org.organization.name);
      expect(await text('fcr-rate')).toBe(pct(org.tickets.fcr.rate));
      expect(await text('csat-good')).toBe(num(org.tickets.csat.good, 0));
      expect(await text('csat-bad')).toBe(num(org.tickets.csat.bad, 0));
      expect(await text('nps-score')).toBe(card.nps.score === null ? '—' : num(card.nps.score));
      expect(await text('tickets-open')).toBe(num(org.tickets.open, 0));
      expect(await text('tickets-urgent')).toBe(num(org.tickets.openUrgent, 0));
      // Sample size and window of each figure, and the "few answers" mark where the answer has it.
      expect(await text('nps-sample')).toBe(lang.sample(card.nps.responses, card.nps.windowDays));
      expect(await text('csat-sample')).toBe(
        lang.sample(org.tickets.csat.responses, org.tickets.csat.windowDays),
      );
      expect(await page.getByTestId('nps-sample-few').count()).toBe(card.nps.lowConfidence ? 1 : 0);
      expect(await page.getByTestId('csat-sample-few').count()).toBe(org.tickets.csat.lowConfidence ? 1 : 0);
      expect(await page.getByTestId('fcr-detail-few').count()).toBe(org.tickets.fcr.lowConfidence ? 1 : 0);
      // MRR in the answer's currency.
      expect(await text('mrr-amount')).toBe(
        card.revenue.mrr === null
          ? '—'
          : new Intl.NumberFormat(lang.locale, {
              style: 'currency',
              currency: card.revenue.currency ?? 'USD',
              maximumFractionDigits: 0,
            }).format(card.revenue.mrr),
      );
      // The report element of the account, the same values as `csm report`.
      expect(a.account).toEqual(card.account);
      const earlier = a.recentTickets.filter((t) => t.id !== pick.ticketId);
      if (earlier.length)
        expect(await page.getByTestId('history').locator('li').count()).toBe(earlier.length);

      // Every backend call went through the proxy as a secure request carrying the placeholder, never the token.
      expect(proxied.length).toBeGreaterThan(0);
      for (const r of proxied) {
        expect(r).toMatchObject({
          type: 'GET',
          secure: true,
          headers: { Authorization: 'Bearer {{setting.app_token}}' },
        });
        expect(JSON.stringify(r)).not.toContain(token);
      }
      expect(proxied[0]!.url).toBe(`${backendUrl}/cards/zendesk/requesters/${pick.userId}`);
      // The iframe asked Zendesk for its height.
      const resized = (await page.evaluate(
        () => (globalThis as unknown as { __zafInvocations: unknown[][] }).__zafInvocations,
      )) as [string, { height: string }][];
      const last = resized.filter(([name]) => name === 'resize').at(-1);
      expect(last?.[1].height).toMatch(/^\d+px$/);
      expect(Number.parseInt(last![1].height, 10)).toBeGreaterThan(200);
      await page.screenshot({ path: join(ARTIFACTS, `ticket-sidebar-${lang.name}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('marks figures resting on fewer than 5 answers, the reason in a tooltip', async () => {
    const orgs = await h.store.readRecords(h.tenantId, 'zendeskOrganizations');
    let few: string | null = null;
    for (const o of orgs) {
      const { status, body } = await get<OrganizationAnswer>(
        `/cards/zendesk/organizations/${o.zendeskOrgId}`,
      );
      if (status === 200 && body.card && body.tickets.csat.lowConfidence) {
        few = o.zendeskOrgId;
        break;
      }
    }
    if (!few) throw new Error('the sandbox seed has no linked organization with fewer than 5 CSAT ratings');
    const { page } = await openSidebar({
      location: 'organization_sidebar',
      locale: 'en-US',
      organization: { id: Number(few) },
      settings: { backend_url: backendUrl },
    });
    try {
      const tag = page.getByTestId('csat-sample-few');
      await tag.waitFor({ timeout: 20_000 });
      expect(await tag.textContent()).toBe('Few answers');
      await tag.hover();
      const tip = page.getByRole('tooltip');
      await tip.waitFor({ timeout: 5_000 });
      expect(await tip.textContent()).toContain('Fewer than 5 answers in this window');
      await page.screenshot({ path: join(ARTIFACTS, 'organization-few-answers-en.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('shows the empty state, with the reason, for an organization linked to no account', async () => {
    const orgs = await h.store.readRecords(h.tenantId, 'zendeskOrganizations');
    let unlinked: { id: string; body: OrganizationAnswer } | null = null;
    for (const o of orgs) {
      const { status, body } = await get<OrganizationAnswer>(
        `/cards/zendesk/organizations/${o.zendeskOrgId}`,
      );
      if (status === 200 && body.link === null) {
        unlinked = { id: o.zendeskOrgId, body };
        break;
      }
    }
    if (!unlinked) throw new Error('the sandbox seed has no unlinked Zendesk organization');
    expect(unlinked.body).toMatchObject({ account: null, card: null });
    const { page } = await openSidebar({
      location: 'organization_sidebar',
      locale: 'en-US',
      organization: { id: Number(unlinked.id) },
      settings: { backend_url: backendUrl },
    });
    try {
      const empty = page.getByTestId('empty-unlinked');
      await empty.waitFor({ timeout: 20_000 });
      expect(await empty.textContent()).toContain('No linked HubSpot company');
      expect(await page.getByTestId('health-score').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'organization-unlinked-en.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('refuses missing and wrong tokens, and the sidebar says what to do', async () => {
    const orgs = await h.store.readRecords(h.tenantId, 'zendeskOrganizations');
    const orgId = orgs[0]!.zendeskOrgId;
    expect((await get(`/cards/zendesk/organizations/${orgId}`, null)).status).toBe(401);
    expect((await get(`/cards/zendesk/organizations/${orgId}`, 'Bearer not-the-token')).status).toBe(401);
    expect((await get(`/cards/zendesk/organizations/${orgId}`, `Basic ${token}`)).status).toBe(401);
    expect((await get(`/cards/zendesk/organizations/${orgId}`)).status).toBe(200);
    const { page } = await openSidebar(
      {
        location: 'organization_sidebar',
        locale: 'ja',
        organization: { id: Number(orgId) },
        settings: { backend_url: backendUrl },
      },
      'not-the-token',
    );
    try {
      const error = page.getByTestId('sidebar-error');
      await error.waitFor({ timeout: 20_000 });
      expect(await error.getAttribute('data-kind')).toBe('unauthorized');
      expect(await error.textContent()).toContain('サーバーがアプリトークンを拒否しました');
      await page.screenshot({ path: join(ARTIFACTS, 'token-refused-ja.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
