import { join, resolve } from 'node:path';
import { createSandbox } from '@csm/sandbox';
import { loadConfig } from '../config.ts';
import { ensureDashboardBuilt } from '../dashboard/dashboard-assets.ts';
import { reconstructHistory } from '../dashboard/snapshot-history.ts';
import { hubspotSignatureV3 } from '../http/hubspot-signature.ts';
import { embeddedDataDir } from '../open-store.ts';
import { type RunningServer, startServer } from '../server.ts';
import { openContext } from './context.ts';
import { buildReport, formatReport } from './report.ts';
import { refuseSecondServer, stopGracefully, untilStopped } from './serve.ts';
import { runSync } from './sync.ts';
import { addTenant } from './tenants.ts';

/** The demo's HubSpot app secret: card requests are signed with it like HubSpot would. */
const DEMO_CLIENT_SECRET = 'demo-hubspot-client-secret';

export interface DemoOptions {
  companies: number;
  port: number;
}

/**
 * `csm demo`: the sandbox APIs with seeded data on loopback, the embedded store in
 * `CSM_DATA_DIR/demo`, a first sync with its progress, then the server with the portfolio page
 * and the card API, until Ctrl-C.
 */
export async function runDemo(options: DemoOptions) {
  const base = loadConfig();
  // A believable portfolio: 18 months of answers in stable volumes, moods, churn (the dashboard's charts).
  const sandbox = createSandbox({
    seed: 1,
    companies: options.companies,
    rateLimits: false,
    richHistory: true,
  });
  const apis = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const dataDir = join(resolve(base.CSM_DATA_DIR), 'demo');
  const ctx = await openContext(
    {
      ...process.env,
      DATABASE_URL: '',
      CSM_DATA_DIR: dataDir,
      HUBSPOT_API_BASE_URL: apis.hubspotBaseUrl,
      ZENDESK_API_BASE_URL: apis.zendeskBaseUrl,
      HUBSPOT_CLIENT_SECRET: DEMO_CLIENT_SECRET,
      PUBLIC_URL: '',
      SYNC_INTERVAL_MINUTES: '0',
    },
    'csm demo',
  ).catch(refuseSecondServer);
  let server: RunningServer | undefined;
  try {
    const c = sandbox.credentials;
    process.stderr.write(
      `Sandbox APIs with ${options.companies} seeded companies at ${apis.url}\nEmbedded store: ${dataDir}\n\n`,
    );
    await addTenant(ctx, {
      name: 'demo',
      hubspotToken: c.hubspotPrivateAppToken,
      zendeskSubdomain: c.zendeskSubdomain,
      zendeskEmail: c.zendeskEmail,
      zendeskToken: c.zendeskApiToken,
    });
    // The dashboard app builds (when its dist/ is missing or stale) while the first sync runs.
    const built = ensureDashboardBuilt();
    built.catch(() => undefined);
    // The sandbox runs without limits here, so lift our own budgets too: a first look should be quick.
    await runSync(ctx, 'demo', { full: true, budgetScale: 100 });
    await built;
    const rows = await buildReport(ctx.store, 'demo');
    process.stdout.write(
      `\n${formatReport(rows.slice(0, 10))}\n${rows.length > 10 ? `… ${rows.length - 10} more\n` : ''}\n`,
    );

    server = await startServer({
      config: ctx.config,
      store: ctx.store,
      logger: ctx.logger,
      port: options.port,
      host: '127.0.0.1',
      budgetScale: 100,
      dashboardOpen: true,
      adminDataDir: embeddedDataDir(ctx.config)!,
    });
    const tenant = (await ctx.store.tenants.get('demo'))!;
    const token = (await ctx.store.tenants.zendeskAppToken('demo'))!;
    const linked = rows.find((r) => r.openTickets > 0) ?? rows[0];
    const [org] = await ctx.store.db.query<{ zendesk_org_id: string }>(
      `SELECT o.zendesk_org_id FROM zendesk_organizations o
       JOIN zendesk_org_domains d ON d.tenant_id = o.tenant_id AND d.zendesk_org_id = o.zendesk_org_id
       JOIN companies c ON c.tenant_id = o.tenant_id AND lower(c.domain) = d.domain
       WHERE o.tenant_id = $1 ORDER BY length(o.zendesk_org_id), o.zendesk_org_id LIMIT 1`,
      [tenant.id],
    );
    const cardPath = `/cards/hubspot/companies/${linked?.hubspotCompanyId}?portalId=${tenant.hubspotPortalId}`;
    const timestamp = String(Date.now());
    const signature = hubspotSignatureV3(
      DEMO_CLIENT_SECRET,
      'GET',
      `${server.url}${cardPath}`,
      '',
      timestamp,
    );
    process.stdout.write(
      [
        `Success Metrics demo is up at ${server.url}`,
        `  portfolio:      ${server.url}/dashboard/demo`,
        `  one account:    ${server.url}/dashboard/demo/accounts/${linked?.hubspotCompanyId}`,
        `  health model:   ${server.url}/dashboard/demo/model`,
        `  API reference:  ${server.url}/docs  (OpenAPI 3.1: ${server.url}/openapi.json)`,
        '  Zendesk sidebar card (app token of tenant "demo"):',
        `    curl -H 'Authorization: Bearer ${token}' ${server.url}/cards/zendesk/organizations/${org?.zendesk_org_id ?? '<orgId>'}`,
        '  HubSpot company card (signed like HubSpot does; the signature is valid for 5 minutes):',
        `    curl -H 'X-HubSpot-Signature-v3: ${signature}' -H 'X-HubSpot-Request-Timestamp: ${timestamp}' '${server.url}${cardPath}'`,
        '  csm commands on this store run through this server while it runs, e.g.:',
        `    CSM_DATA_DIR=${dataDir} pnpm csm report --tenant demo`,
        'Ctrl-C stops it.',
        '',
      ].join('\n'),
    );
    // The dashboard's charts need history: 18 months of snapshots, reconstructed from dated records
    // while the server already answers (the charts fill in as the days are written).
    const history = reconstructHistory(ctx.store, tenant.id, {
      now: new Date(),
      months: 18,
      dailyDays: 90,
    }).then(
      (h) =>
        process.stderr.write(`History: ${h.written} daily snapshots over ${h.days} days, reconstructed\n`),
      (error: unknown) => process.stderr.write(`History could not be reconstructed: ${String(error)}\n`),
    );
    await untilStopped();
    await history;
    await stopGracefully(server);
  } finally {
    // The server closes the store; before it exists (a failed sync), close the store here.
    if (!server) await ctx.store.close();
    await apis.close();
  }
}
