import { join, resolve } from 'node:path';
import { createSandbox } from '@csm/sandbox';
import { loadConfig } from '../config.ts';
import { openContext } from './context.ts';
import { buildReport, formatReport } from './report.ts';
import { runSync } from './sync.ts';
import { addTenant } from './tenants.ts';

/**
 * `csm demo`: the sandbox APIs with seeded data on loopback, the embedded store in
 * `CSM_DATA_DIR/demo`, a first sync with its progress, and the portfolio report.
 */
export async function runDemo(options: { companies: number }) {
  const base = loadConfig();
  const sandbox = createSandbox({ seed: 1, companies: options.companies, rateLimits: false });
  const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const dataDir = join(resolve(base.CSM_DATA_DIR), 'demo');
  const ctx = await openContext({
    ...process.env,
    DATABASE_URL: '',
    CSM_DATA_DIR: dataDir,
    HUBSPOT_API_BASE_URL: server.hubspotBaseUrl,
    ZENDESK_API_BASE_URL: server.zendeskBaseUrl,
  });
  try {
    const c = sandbox.credentials;
    process.stderr.write(
      `Sandbox APIs with ${options.companies} seeded companies at ${server.url}\nEmbedded store: ${dataDir}\n\n`,
    );
    await addTenant(ctx, {
      name: 'demo',
      hubspotToken: c.hubspotPrivateAppToken,
      zendeskSubdomain: c.zendeskSubdomain,
      zendeskEmail: c.zendeskEmail,
      zendeskToken: c.zendeskApiToken,
    });
    // The sandbox runs without limits here, so lift our own budgets too: a first look should be quick.
    await runSync(ctx, 'demo', { full: true, budgetScale: 100 });
    const rows = await buildReport(ctx.store, 'demo');
    process.stdout.write(`\n${formatReport(rows)}\n\n`);
    process.stdout.write(
      [
        `${rows.length} accounts. Next:`,
        `  pnpm csm report --tenant demo --json   (with CSM_DATA_DIR=${dataDir})`,
        '  pnpm csm sandbox serve                 (the APIs on their own, see README)',
        '',
      ].join('\n'),
    );
  } finally {
    await ctx.store.close();
    await server.close();
  }
}
