import type { Store, Tenant } from '@csm/store';
import type { AccountCard, AccountReport } from '@csm/sync';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { readCard } from '../cards/card-answers.ts';
import { AppError } from '../http/errors.ts';
import { isPortalId, isRecordId } from '../http/ids.ts';

const badRequest = (message: string) =>
  new AppError('invalid_input', message, { field: message.split(':')[0] });

export interface DashboardOptions {
  store: Store;
  now: () => Date;
  /** 'open' (csm demo on loopback) or the admin password (HTTP basic auth, user `admin`); unset = off. */
  access: { open: true } | { password: string } | null;
}

const bandColour = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' } as const;
const fmt = (v: number | null, digits = 0) =>
  v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits });

function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Success Metrics</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1f2933}
table{border-collapse:collapse;width:100%}th,td{padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}th{background:#f5f7fa;position:sticky;top:0}
.band{display:inline-block;min-width:56px;padding:2px 8px;border-radius:10px;color:#fff;text-align:center}
a{color:#0b5cad}.muted{color:#7b8794}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:16px 0}
.tile{border:1px solid #e4e7eb;border-radius:8px;padding:12px}.tile b{font-size:22px;display:block}
</style></head><body>${body}</body></html>`;
}

const band = (b: AccountReport['health']['band']) =>
  b
    ? html`<span class="band" style="background:${bandColour[b]}">${b}</span>`
    : html`<span class="muted">—</span>`;

/** A horizontal bar per band: how the portfolio splits (a chart rather than three numbers). */
function bandChart(reports: readonly AccountReport[]) {
  const counts = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of reports) counts[r.health.band ?? 'none'] += 1;
  const total = Math.max(1, reports.length);
  const bars = (['red', 'yellow', 'green'] as const).map((b, i) => {
    const w = (counts[b] / total) * 400;
    return `<rect x="70" y="${i * 26}" width="${w.toFixed(1)}" height="20" fill="${bandColour[b]}"/>
      <text x="0" y="${i * 26 + 15}">${b}</text><text x="${(76 + w).toFixed(1)}" y="${i * 26 + 15}">${counts[b]}</text>`;
  });
  return raw(
    `<svg role="img" aria-label="accounts by health band" width="520" height="80" font-size="13">${bars.join('')}</svg>`,
  );
}

/** Contribution of each health component (bars), with what would raise the score most. */
function componentChart(card: AccountCard) {
  const rows = card.health.components.map((c, i) => {
    const w = c.score * 3;
    return `<text x="0" y="${i * 24 + 15}">${c.key}</text>
      <rect x="170" y="${i * 24}" width="300" height="18" fill="#e4e7eb"/>
      <rect x="170" y="${i * 24}" width="${w.toFixed(1)}" height="18" fill="#0b5cad"/>
      <text x="480" y="${i * 24 + 15}">${c.score.toFixed(0)} × ${(c.weight * 100).toFixed(0)}% = ${c.contribution.toFixed(1)}</text>`;
  });
  return raw(
    `<svg role="img" aria-label="health components" width="640" height="${card.health.components.length * 24}" font-size="13">${rows.join('')}</svg>`,
  );
}

/**
 * The portfolio page (every account with health, NPS, CSAT, FCR, MRR; worst first) and an
 * account page (the card: components, trend, figures, comments). The full dashboard comes later.
 */
export function dashboardRoutes(options: DashboardOptions) {
  const app = new Hono();
  const { store } = options;
  const access = options.access;
  if (!access) {
    app.all('*', (c) =>
      c.text('The dashboard is off: set CSM_ADMIN_TOKEN to turn it on (HTTP basic auth, user admin).', 404),
    );
    return app;
  }
  if ('password' in access) app.use('*', basicAuth({ username: 'admin', password: access.password }));
  // A bad id in the address is the visitor's mistake: 400 with the field named, as a page.
  app.onError((error, c) => {
    if (error instanceof AppError && error.code === 'invalid_input')
      return c.html(page('Bad request', html`<h1>Bad request</h1><p>${error.message}</p>`), 400);
    throw error;
  });

  const tenantFrom = async (
    name: string | undefined,
    portalId: string | undefined,
  ): Promise<Tenant | null> => {
    if (portalId !== undefined) {
      if (!isPortalId(portalId)) throw badRequest('portalId: a positive integer of at most 16 digits');
      return store.tenants.byPortalId(Number(portalId));
    }
    if (name) return store.tenants.get(name);
    const all = await store.tenants.list();
    return all.length === 1 ? all[0]! : null;
  };

  app.get('/', async (c) => {
    const tenant = await tenantFrom(c.req.query('tenant'), c.req.query('portalId'));
    if (!tenant) {
      const all = await store.tenants.list();
      return c.html(
        page(
          'Tenants',
          html`<h1>Tenants</h1><ul>${all.map((t) => html`<li><a href="/dashboard?tenant=${encodeURIComponent(t.name)}">${t.name}</a></li>`)}</ul>`,
        ),
      );
    }
    const { reports } = await store.accountMetrics.reports(tenant.id);
    const rows = (reports as AccountReport[])
      .slice()
      .sort((a, b) => (a.health.score ?? 101) - (b.health.score ?? 101));
    const mrr = rows.reduce((n, r) => n + (r.mrr ?? 0), 0);
    const q = `tenant=${encodeURIComponent(tenant.name)}`;
    return c.html(
      page(
        `${tenant.name} portfolio`,
        html`<h1>${tenant.name}: ${rows.length} accounts</h1>
<div class="grid"><div class="tile"><b>${fmt(mrr)}</b>MRR</div><div class="tile"><b>${fmt(mrr * 12)}</b>ARR</div>
<div class="tile"><b>${rows.filter((r) => r.health.band === 'red').length}</b>red accounts</div>
<div class="tile"><b>${rows.reduce((n, r) => n + r.openTickets, 0)}</b>open tickets</div></div>
${bandChart(rows)}
<table><thead><tr><th>Account</th><th>Domain</th><th>Health</th><th>Band</th><th>NPS</th><th>CSAT %</th><th>FCR %</th><th>MRR</th><th>Open tickets</th></tr></thead><tbody>
${rows.map(
  (
    r,
  ) => html`<tr><td><a href="/dashboard/accounts/${r.hubspotCompanyId}?${raw(q)}">${r.name ?? r.hubspotCompanyId}</a></td><td>${r.domain ?? ''}</td>
<td>${fmt(r.health.score, 1)}</td><td>${band(r.health.band)}</td><td>${fmt(r.nps.score, 1)} <span class="muted">(${r.nps.responses})</span></td>
<td>${fmt(r.csat.score, 1)} <span class="muted">(${r.csat.responses})</span></td><td>${fmt(r.fcr.rate, 1)}</td><td>${fmt(r.mrr)}</td><td>${r.openTickets}</td></tr>`,
)}
</tbody></table>`,
      ),
    );
  });

  app.get('/accounts/:companyId', async (c) => {
    const tenant = await tenantFrom(c.req.query('tenant'), c.req.query('portalId'));
    const id = c.req.param('companyId');
    if (!isRecordId(id)) throw badRequest('companyId: a positive integer id of at most 19 digits');
    const card = tenant ? await readCard(store, tenant.id, id, options.now()) : null;
    if (!tenant || !card) return c.html(page('Not found', html`<h1>No such account</h1>`), 404);
    const a = card.account;
    const t = card.health.trend;
    return c.html(
      page(
        a.name ?? a.hubspotCompanyId,
        html`<p><a href="/dashboard?tenant=${encodeURIComponent(tenant.name)}">← portfolio</a></p>
<h1>${a.name ?? a.hubspotCompanyId} ${band(a.health.band)}</h1>
<div class="grid"><div class="tile"><b>${fmt(a.health.score, 1)}</b>health${t?.delta != null ? html` (${t.delta >= 0 ? '+' : ''}${t.delta.toFixed(1)} since ${t.since})` : ''}</div>
<div class="tile"><b>${fmt(a.nps.score, 1)}</b>NPS, ${a.nps.responses} answers</div><div class="tile"><b>${fmt(a.csat.score, 1)}%</b>CSAT, ${a.csat.responses} answers</div>
<div class="tile"><b>${fmt(a.fcr.rate, 1)}%</b>FCR, ${a.fcr.solved} solved</div><div class="tile"><b>${fmt(a.mrr)}</b>MRR</div><div class="tile"><b>${card.tickets.open}</b>open tickets, ${card.tickets.openUrgent} urgent</div></div>
<h2>Why this score</h2>${componentChart(card)}
<p>${card.health.biggestLever ? `Raising ${card.health.biggestLever} would lift the score most.` : ''} ${card.health.missing.length ? `Not measured: ${card.health.missing.join(', ')}.` : ''}</p>
<h2>Latest comments</h2><ul>${card.lastSurveyComments.map((m) => html`<li>${m.surveyType} ${m.value ?? m.rating ?? ''}: “${m.comment}” <span class="muted">${m.submittedAt.slice(0, 10)}</span></li>`)}</ul>
<p class="muted">Computed ${card.computedAt}. JSON: the card API (<code>/cards/hubspot/companies/${a.hubspotCompanyId}</code>, signed).</p>`,
      ),
    );
  });
  return app;
}
