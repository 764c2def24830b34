import { DatabaseUnavailableError } from '@csm/store';
import { type SyncResult, syncTenant, withSyncLease } from '@csm/sync';
import { type AfterSyncReport, afterSyncPipeline } from '../sync-jobs/after-sync.ts';
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
  /** The sync lease's holder name (default: this process's). */
  leaseHolder?: string;
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
      {
        onWait: () => out.write(`another sync of ${tenant.name} is running; waiting for it to finish\n`),
        ...(options.leaseHolder ? { holder: options.leaseHolder } : {}),
      },
    );
    result = synced!;
  } finally {
    view.stop();
  }
  // The same steps as after the server's syncs: grant check, refresh, write-back, playbooks.
  const report = await afterSyncPipeline({
    store: ctx.store,
    config: ctx.config,
    logger: ctx.logger,
    now: () => new Date(),
    endpoints: ctx.endpoints,
    ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
  })(tenant, result);
  // Cards and `csm report` read the figures the refresh stores: without them the command failed.
  if (!report.refresh.ok) {
    // A lost database is said as such (the caller names it and says to run again), not as a refresh bug.
    if ('cause' in report.refresh && report.refresh.cause instanceof DatabaseUnavailableError)
      throw report.refresh.cause;
    throw new Error(`refresh failed: ${'error' in report.refresh ? report.refresh.error : ''}`);
  }
  const { accounts, mode } = report.refresh.value;
  const hubspotLines = hubspotReportLines(report);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const coverage = await ctx.store.coverage(tenant.id);
  const lines = [
    `sync of ${tenant.name} ${result.ok ? 'finished' : 'FAILED'} in ${seconds}s; figures of ${accounts} accounts refreshed (${mode === 'full' ? 'every account' : 'those whose data changed'})`,
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

/** The write-back and playbook lines of the summary; a failure is reported, not fatal. */
function hubspotReportLines(report: AfterSyncReport): string[] {
  const lines: string[] = [];
  const w = report.writeBack;
  if (w.ok)
    lines.push(
      w.value.skipped
        ? `  HubSpot write-back skipped: ${w.value.skipped}`
        : `  HubSpot write-back: ${w.value.written} companies updated in ${w.value.calls} calls`,
    );
  else lines.push(`  HubSpot write-back ${'error' in w ? `failed: ${w.error}` : `skipped: ${w.skipped}`}`);
  const p = report.playbooks;
  if (p.ok)
    lines.push(
      `  playbooks: ${p.value.created.length} tasks created${p.value.failed ? `, ${p.value.failed} failed (retried next sync)` : ''}`,
    );
  else lines.push(`  playbooks ${'error' in p ? `failed: ${p.error}` : `skipped: ${p.skipped}`}`);
  return lines;
}
