import type { RefreshResult } from '@csm/accounts';
import type { Store, Tenant } from '@csm/store';
import type { ApiEndpoints, Logger, SyncResult } from '@csm/sync';
import type { Config } from '../config.ts';
import { checkHubSpotGrant } from '../installs/revoked-token.ts';
import { type PlaybookRunResult, runPlaybooks } from '../playbooks/playbooks.ts';
import { hubspotClientOf } from '../write-back/hubspot-client.ts';
import { type WriteBackResult, writeBackCompanyProperties } from '../write-back/write-back.ts';
import { refreshTenantFigures } from './refresh-figures.ts';
import { endpointsOf, oauthApps } from './run-tenant-sync.ts';

/** An extra step after the built-in ones (tests, embedders). */
export type AfterSync = (tenant: Tenant, result: SyncResult) => Promise<void>;

export interface AfterSyncDeps {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Where the APIs are (or a tenant's are); default: the configuration's. */
  endpoints?: ApiEndpoints | ((tenant: Tenant) => ApiEndpoints);
  /** Multiplies the HubSpot client's built-in rate budgets (the demo's sandbox has no limits). */
  budgetScale?: number;
  /** Run after the built-in steps, in order. */
  extra?: readonly AfterSync[];
}

type Step<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; cause?: unknown }
  | { ok: false; skipped: string };

/** What each step did (or why it failed or was skipped). */
export interface AfterSyncReport {
  /** For an OAuth tenant whose HubSpot side failed: whether the grant still holds. */
  grant: 'paused' | 'valid' | 'not-oauth' | 'unknown' | 'not-checked';
  refresh: Step<RefreshResult & { analyzed: string[] }>;
  writeBack: Step<WriteBackResult>;
  playbooks: Step<PlaybookRunResult>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What follows every sync of a tenant, wherever it ran (the server's scheduler, `csm sync`, a
 * `csm worker`), defined once:
 *
 * 1. a failed HubSpot side of an OAuth tenant checks the grant (an uninstalled app pauses the tenant);
 * 2. the figures' refresh (planner statistics, then every account's card and report);
 * 3. HubSpot write-back of health score and band, then playbooks, over one HubSpot client (one
 *    rate budget); both read the refreshed figures, so a failed refresh skips them, and a paused
 *    tenant skips them too.
 *
 * A failing step is logged and reported; it never throws.
 *
 * @example
 * const afterSync = afterSyncPipeline({ store, config, logger, now: () => new Date() });
 * const report = await afterSync(tenant, await syncTenant({ store, tenant, endpoints }));
 */
export function afterSyncPipeline(
  deps: AfterSyncDeps,
): (tenant: Tenant, result: SyncResult) => Promise<AfterSyncReport> {
  const { store, logger } = deps;
  return async (tenant, result) => {
    const report: AfterSyncReport = {
      grant: 'not-checked',
      refresh: { ok: false, skipped: 'not run' },
      writeBack: { ok: false, skipped: 'not run' },
      playbooks: { ok: false, skipped: 'not run' },
    };
    const hubspotFailed = result.sources.find((s) => s.source === 'hubspot')?.status === 'failed';
    if (hubspotFailed && tenant.credentials.hubspot.kind === 'oauth') {
      report.grant = await checkHubSpotGrant(deps, tenant.id).catch((error) => {
        logger.error({ tenant: tenant.name, err: message(error) }, 'grant check failed');
        return 'unknown' as const;
      });
    }

    try {
      report.refresh = { ok: true, value: await refreshTenantFigures(deps, tenant.id) };
    } catch (error) {
      report.refresh = { ok: false, error: message(error), cause: error };
      logger.error({ tenant: tenant.name, err: message(error) }, 'refresh after sync failed');
    }

    const skip =
      report.grant === 'paused' ? 'tenant paused' : !report.refresh.ok ? 'figures not refreshed' : null;
    if (skip) {
      report.writeBack = { ok: false, skipped: skip };
      report.playbooks = { ok: false, skipped: skip };
    } else {
      let hubspot: Awaited<ReturnType<typeof hubspotClientOf>> | undefined;
      try {
        hubspot = await hubspotClientOf(store, tenant, {
          endpoints:
            typeof deps.endpoints === 'function'
              ? deps.endpoints(tenant)
              : (deps.endpoints ?? endpointsOf(deps.config)),
          apps: oauthApps(deps.config),
          ...(deps.budgetScale ? { budgetScale: deps.budgetScale } : {}),
        });
      } catch (error) {
        report.writeBack = report.playbooks = { ok: false, error: message(error) };
      }
      if (hubspot) {
        try {
          const value = await writeBackCompanyProperties({
            store,
            tenantId: tenant.id,
            hubspot,
            now: deps.now,
            logger,
          });
          report.writeBack = { ok: true, value };
          logger.info({ tenant: tenant.name, ...value }, 'HubSpot write-back');
        } catch (error) {
          report.writeBack = { ok: false, error: message(error) };
          logger.error({ tenant: tenant.name, err: message(error) }, 'HubSpot write-back failed');
        }
        try {
          const value = await runPlaybooks({ store, tenantId: tenant.id, hubspot, now: deps.now(), logger });
          report.playbooks = { ok: true, value };
          logger.info(
            {
              tenant: tenant.name,
              created: value.created.length,
              failed: value.failed,
              stopped: value.stopped,
            },
            'playbooks',
          );
        } catch (error) {
          report.playbooks = { ok: false, error: message(error) };
          logger.error({ tenant: tenant.name, err: message(error) }, 'playbooks failed');
        }
      }
    }

    for (const step of deps.extra ?? []) {
      try {
        await step(tenant, result);
      } catch (error) {
        logger.error({ tenant: tenant.name, err: message(error) }, 'after-sync step failed');
      }
    }
    return report;
  };
}
