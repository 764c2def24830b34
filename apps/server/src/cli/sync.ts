import type { Tenant } from '@csm/store';
import { refreshAccountMetrics, type SyncResult, syncTenant, withSyncLease } from '@csm/sync';
import { licenseUtilizationReader } from '../ingest/refresh-after-ingest.ts';
import { runPlaybooks } from '../playbooks/playbooks.ts';
import { oauthApps } from '../sync-jobs/run-tenant-sync.ts';
import { writeBackCompanyProperties } from '../write-back/write-back.ts';
import { hubspotClientOf } from '../write-back/write-back-steps.ts';
import type { CliContext } from './context.ts';
import { requireTenant } from './context.ts';
import { syncProgressView } from './progress.ts';

/** Where the OAuth installs return: `PUBLIC_URL/oauth/{api}/callback`. */
export function oauthCallback(ctx: CliContext, api: 'hubspot' | 'zendesk'): string {
  return `${(ctx.config.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '')}/oauth/${api}/callback`;
}

export interface SyncCommandOptions {
  full?: boolean;
  /** Multiplies the client's built-in rate budgets (a sandbox with lifted limits). */
  budgetScale?: number;
  out?: NodeJS.WriteStream;
}

/** Runs a tenant's streams to the end with progress, then prints a summary with the coverage counts. */
export async function runSync(
  ctx: CliContext,
  name: string,
  options: SyncCommandOptions = {},
): Promise<SyncResult> {
  const out = options.out ?? process.stderr;
  const tenant = await requireTenant(ctx.store, name);
  const view = syncProgressView(out);
  const started = performance.now();
  let result: SyncResult;
  try {
    // One sync per tenant at a time, also against a running server: wait for its sync to end.
    const synced = await withSyncLease(
      ctx.store,
      tenant.id,
      () =>
        syncTenant({
          store: ctx.store,
          tenant,
          full: options.full ?? false,
          endpoints: ctx.endpoints,
          apps: {
            // Refresh grants name the redirect URI the install used (the OAuth callbacks are served there).
            hubspot:
              ctx.config.HUBSPOT_CLIENT_ID && ctx.config.HUBSPOT_CLIENT_SECRET
                ? {
                    clientId: ctx.config.HUBSPOT_CLIENT_ID,
                    clientSecret: ctx.config.HUBSPOT_CLIENT_SECRET,
                    redirectUri: '',
                  }
                : undefined,
            zendesk:
              ctx.config.ZENDESK_CLIENT_ID && ctx.config.ZENDESK_CLIENT_SECRET
                ? {
                    clientId: ctx.config.ZENDESK_CLIENT_ID,
                    clientSecret: ctx.config.ZENDESK_CLIENT_SECRET,
                    redirectUri: '',
                  }
                : undefined,
          },
          budgetScale: options.budgetScale,
          logger: ctx.logger,
          onProgress: (source, progress, requests) => view.update(source, progress, requests),
        }),
      { onWait: () => out.write(`another process is syncing ${tenant.name}; waiting for it to finish\n`) },
    );
    result = synced!;
  } finally {
    view.stop();
  }
  // Cards and `csm report` read the per-account figures this stores.
  const { accounts } = await refreshAccountMetrics({
    store: ctx.store,
    tenantId: tenant.id,
    logger: ctx.logger,
    licenseUtilization: licenseUtilizationReader(ctx.store, tenant.id),
  });
  const hubspotLines = await writeBackAndPlaybooks(ctx, tenant, options.budgetScale);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const coverage = await ctx.store.coverage(tenant.id);
  const lines = [
    `sync of ${tenant.name} ${result.ok ? 'finished' : 'FAILED'} in ${seconds}s; figures of ${accounts} accounts refreshed`,
    ...result.sources.map(
      (s) =>
        `  ${s.source}: ${s.status}, ${s.streams.reduce((n, p) => n + p.records, 0)} records, ${s.requests.requests} requests (${s.requests.rateLimited} rate-limited, ${s.requests.retries} retried)${s.error ? ` — ${s.error}` : ''}`,
    ),
    ...result.sources.flatMap((s) =>
      s.streams.filter((p) => p.skipped).map((p) => `  skipped ${p.stream}: ${p.skipped}`),
    ),
    ...hubspotLines,
    'coverage:',
    `  organizations matching no company: ${coverage.unmatchedOrganizations.count}`,
    `  tickets matching no company:       ${coverage.unmatchedTickets.count}`,
    `  contacts without a company:        ${coverage.contactsWithoutCompany.count}`,
    `  companies without revenue:         ${coverage.companiesWithoutRevenue.count}`,
    `  emails on two or more contacts:    ${coverage.ambiguousEmails.count}`,
    `  organizations matching 2+ companies: ${coverage.ambiguousOrganizations.count}`,
    `  records quarantined:               ${coverage.quarantined.count}`,
  ];
  out.write(`${lines.join('\n')}\n`);
  return result;
}

/** Write-back and playbooks after the refresh, as the server runs them; a failure is reported, not fatal. */
async function writeBackAndPlaybooks(
  ctx: CliContext,
  tenant: Tenant,
  budgetScale: number | undefined,
): Promise<string[]> {
  const lines: string[] = [];
  try {
    const hubspot = await hubspotClientOf(ctx.store, tenant, {
      endpoints: ctx.endpoints,
      apps: oauthApps(ctx.config),
      ...(budgetScale ? { budgetScale } : {}),
    });
    const written = await writeBackCompanyProperties({
      store: ctx.store,
      tenantId: tenant.id,
      hubspot,
      logger: ctx.logger,
    });
    lines.push(
      written.skipped
        ? `  HubSpot write-back skipped: ${written.skipped}`
        : `  HubSpot write-back: ${written.written} companies updated in ${written.calls} calls`,
    );
    const played = await runPlaybooks({ store: ctx.store, tenantId: tenant.id, hubspot, logger: ctx.logger });
    lines.push(
      `  playbooks: ${played.created.length} tasks created${played.failed ? `, ${played.failed} failed (retried next sync)` : ''}`,
    );
  } catch (error) {
    lines.push(
      `  HubSpot write-back / playbooks failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return lines;
}
