import type { Store } from '@csm/store';
import { type ApiEndpoints, type Logger, type SyncResult, withSyncLease } from '@csm/sync';
import type PgBoss from 'pg-boss';
import type { Config } from '../config.ts';
import type { ServerMetrics } from '../http/server-metrics.ts';
import { afterSyncPipeline } from './after-sync.ts';
import { type JobQueue, QUEUES, type RefreshJob, type SyncJob } from './job-queue.ts';
import { refreshTenantFigures } from './refresh-figures.ts';
import { tenantSyncRunner } from './run-tenant-sync.ts';

export interface QueueWorkerOptions {
  store: Store;
  config: Config;
  logger: Logger;
  queue: JobQueue;
  /** Jobs this process runs at once (each a tenant). */
  concurrency?: number;
  metrics?: ServerMetrics;
  now?: () => Date;
  /** Multiplies the clients' built-in rate budgets (a sandbox with lifted limits). */
  budgetScale?: number;
  /** Where a tenant's APIs are; default: the configuration's (tests simulate one host per tenant). */
  endpointsOf?: (tenantId: number) => ApiEndpoints;
  /** After each finished sync job (tests, benchmarks). */
  onSynced?: (tenantId: number, result: SyncResult) => void;
}

export interface QueueWorker {
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
}

/**
 * A `csm worker`: takes jobs from the queue until stopped. A sync job runs the tenant's streams
 * under the tenant's sync lease (one sync per tenant, also against an embedded-mode process on
 * the same database), then the after-sync pipeline; a failed HubSpot or Zendesk side fails the job,
 * so pg-boss retries it with backoff. Refresh jobs recompute a tenant's figures.
 *
 * @example
 * const queue = await new JobQueue({ databaseUrl }).start();
 * const worker = await startQueueWorker({ store, config, logger, queue });
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { store, config, logger, queue } = options;
  const now = options.now ?? (() => new Date());
  const endpointsOf = options.endpointsOf;
  const stopping = new AbortController();
  const runSync = tenantSyncRunner({
    store,
    config,
    logger,
    afterSync: afterSyncPipeline({
      store,
      config,
      logger,
      now,
      ...(endpointsOf ? { endpoints: (t: { id: number }) => endpointsOf(t.id) } : {}),
      ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
    }),
    ...(endpointsOf ? { endpointsOf: (t: { id: number }) => endpointsOf(t.id) } : {}),
    ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
    onResult: (_tenant, result, seconds) => options.metrics?.recordSync(result, seconds),
  });

  const syncOne = async (job: PgBoss.Job<SyncJob>) => {
    const { tenantId, full, reason } = job.data;
    const tenant = await store.tenants.getById(tenantId);
    if (tenant?.status !== 'active') return { skipped: 'tenant not active' };
    let result: SyncResult | undefined;
    await withSyncLease(
      store,
      tenantId,
      async () => {
        result = await runSync(tenant, { full, reason });
      },
      {
        signal: stopping.signal,
        onWait: () => logger.info({ tenantId }, 'another process is syncing this tenant; waiting'),
      },
    );
    options.metrics?.recordJob(QUEUES.sync, result?.ok === false ? 'failed' : 'completed');
    if (!result) throw new Error('stopped before the sync ran');
    options.onSynced?.(tenantId, result);
    // A failed side is retried by the queue (with backoff); what was synced is kept.
    if (!result.ok) {
      const errors = result.sources.filter((s) => s.error).map((s) => `${s.source}: ${s.error}`);
      throw new Error(`sync of tenant ${tenantId} failed: ${errors.join('; ')}`);
    }
    return { ok: true };
  };

  const refreshOne = async (job: PgBoss.Job<RefreshJob>) => {
    const tenant = await store.tenants.getById(job.data.tenantId);
    if (tenant?.status !== 'active') return { skipped: 'tenant not active' };
    const { accounts } = await refreshTenantFigures({ store, logger, now }, tenant.id);
    options.metrics?.recordJob(QUEUES.refresh, 'completed');
    return { accounts };
  };

  const everyTenant = async (send: (tenantId: number) => Promise<unknown>) => {
    for (const t of await store.tenants.list()) if (t.status === 'active') await send(t.id);
  };

  const work = { batchSize: 1, pollingIntervalSeconds: queue.pollingIntervalSeconds };
  const ids: string[] = [];
  for (let i = 0; i < Math.max(1, options.concurrency ?? 2); i++) {
    ids.push(await queue.boss.work<SyncJob>(QUEUES.sync, work, ([job]) => syncOne(job!)));
  }
  ids.push(await queue.boss.work<RefreshJob>(QUEUES.refresh, work, ([job]) => refreshOne(job!)));
  ids.push(
    await queue.boss.work(QUEUES.scheduleSyncs, work, () =>
      everyTenant((tenantId) => queue.sendSync({ tenantId, full: false, reason: 'schedule' })),
    ),
  );
  ids.push(
    await queue.boss.work(QUEUES.dailySnapshots, work, () =>
      everyTenant((tenantId) => queue.sendRefresh({ tenantId, reason: 'daily-snapshot' })),
    ),
  );
  logger.info({ concurrency: options.concurrency ?? 2 }, 'worker taking jobs');

  return {
    async stop() {
      stopping.abort();
      for (const id of ids) await queue.boss.offWork({ id }).catch(() => undefined);
      await queue.stop({ graceful: true });
    },
  };
}
