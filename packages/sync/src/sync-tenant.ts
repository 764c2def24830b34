import { type ApiClientStats, ApiError, type Stream } from '@csm/http';
import { hubspotStreams } from '@csm/hubspot';
import type { RecordKind, RecordOf, Store, Tenant } from '@csm/store';
import { zendeskStreams } from '@csm/zendesk';
import { type ClientOptions, tenantClients } from './clients.ts';
import type { Logger } from './logger.ts';
import { refreshPortalCurrency } from './portal-currency.ts';
import { runStream, type StreamProgress } from './run-stream.ts';

type AnyStream = Stream<RecordKind, RecordOf<RecordKind>>;

export interface SourceResult {
  source: 'hubspot' | 'zendesk';
  /** `paused`: not run, its credential having been refused before (`error` says why). */
  status: 'succeeded' | 'failed' | 'paused';
  streams: StreamProgress[];
  requests: ApiClientStats;
  error?: string;
}

export interface SyncResult {
  tenant: string;
  sources: SourceResult[];
  ok: boolean;
}

export interface SyncTenantOptions extends ClientOptions {
  store: Store;
  tenant: Tenant;
  full?: boolean;
  logger?: Logger;
  onProgress?: (source: 'hubspot' | 'zendesk', progress: StreamProgress, requests: ApiClientStats) => void;
  /** Streams to run, by name; default all. */
  only?: readonly string[];
}

const NO_REQUESTS: ApiClientStats = { requests: 0, retries: 0, rateLimited: 0, budgetWaitMs: 0 };

/**
 * Runs every stream of a tenant to the end: HubSpot and Zendesk side by side, each source's
 * streams one after another (they share the source's rate budget). A failing source fails
 * alone; what the other committed stays.
 *
 * Zendesk refusing the tenant's credential (401 after the refresh, or a refused refresh token:
 * `ApiError` code `unauthorized`) pauses the Zendesk side alone (`store.tenants.pauseZendesk`);
 * while paused it is not run (reported `paused`) until Zendesk is reconnected. HubSpot goes on.
 *
 * @example
 * const result = await syncTenant({ store, tenant, endpoints: defaultEndpoints });
 */
export async function syncTenant(options: SyncTenantOptions): Promise<SyncResult> {
  const { store, tenant, logger } = options;
  const clients = tenantClients(store, tenant, options);
  const plans: {
    source: 'hubspot' | 'zendesk';
    streams: readonly AnyStream[];
    client: typeof clients.hubspot;
  }[] = [{ source: 'hubspot', streams: hubspotStreams as readonly AnyStream[], client: clients.hubspot }];
  const zendeskPaused = clients.zendesk && tenant.zendeskPaused ? tenant.zendeskPaused.reason : null;
  if (clients.zendesk && !zendeskPaused)
    plans.push({
      source: 'zendesk',
      streams: zendeskStreams as readonly AnyStream[],
      client: clients.zendesk,
    });

  const sources = await Promise.all(
    plans.map(async ({ source, streams, client }): Promise<SourceResult> => {
      const mode = options.full ? 'full' : 'incremental';
      const runId = await store.startSyncRun(tenant.id, source, mode);
      const results: StreamProgress[] = [];
      logger?.info({ tenant: tenant.name, source, mode }, 'sync started');
      try {
        // A whole sync (not one a webhook narrowed to some streams) also re-reads the portal currency.
        if (source === 'hubspot' && !options.only) await refreshPortalCurrency(store, tenant, client, logger);
        for (const stream of streams) {
          if (options.only && !options.only.includes(stream.name)) continue;
          try {
            const progress = await runStream({
              store,
              tenantId: tenant.id,
              client,
              stream,
              full: options.full ?? false,
              signal: options.signal,
              onProgress: (p) => options.onProgress?.(source, p, client.stats()),
            });
            results.push(progress);
            logger?.info({ tenant: tenant.name, ...progress }, 'stream done');
          } catch (error) {
            // A stream whose endpoint refuses us (a scope the token lacks, a feature the account
            // has not enabled) is skipped and reported; the other streams still run.
            if (!(error instanceof ApiError) || (error.code !== 'forbidden' && error.code !== 'not_found'))
              throw error;
            const skipped: StreamProgress = {
              stream: stream.name,
              pages: 0,
              records: 0,
              quarantined: 0,
              done: true,
              skipped: error.message,
            };
            results.push(skipped);
            options.onProgress?.(source, skipped, client.stats());
            logger?.warn(
              { tenant: tenant.name, stream: stream.name, reason: error.message },
              'stream skipped',
            );
          }
        }
        const requests = client.stats();
        await store.finishSyncRun(runId, { status: 'succeeded', stats: { streams: results, requests } });
        return { source, status: 'succeeded', streams: results, requests };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const requests = client.stats();
        // The database may be what failed: the run then stays `running` until the next holder of
        // the tenant's sync lease (or the lapse of this one) marks it failed; the caller still
        // learns why.
        await store
          .finishSyncRun(runId, { status: 'failed', stats: { streams: results, requests }, error: message })
          .catch((finishError: unknown) =>
            logger?.warn({ tenant: tenant.name, source, err: String(finishError) }, 'sync run not recorded'),
          );
        logger?.error({ tenant: tenant.name, source, err: message }, 'sync failed');
        if (source === 'zendesk' && error instanceof ApiError && error.code === 'unauthorized') {
          await store.tenants
            .pauseZendesk(tenant.id, message)
            .then(() => logger?.warn({ tenant: tenant.name, reason: message }, 'Zendesk side paused'))
            .catch((pauseError: unknown) =>
              logger?.error({ tenant: tenant.name, err: String(pauseError) }, 'Zendesk not paused'),
            );
        }
        return { source, status: 'failed', streams: results, requests, error: message };
      }
    }),
  );
  if (zendeskPaused)
    sources.push({
      source: 'zendesk',
      status: 'paused',
      streams: [],
      requests: NO_REQUESTS,
      error: zendeskPaused,
    });
  return {
    tenant: tenant.name,
    sources,
    ok: sources.every((s) => s.status === 'succeeded' || s.status === 'paused'),
  };
}
