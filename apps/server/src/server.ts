import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Store } from '@csm/store';
import { createLogger, type Logger } from '@csm/sync';
import { getRequestListener } from '@hono/node-server';
import { startAdminServer } from './admin/admin-server.ts';
import { createApp } from './app.ts';
import type { AppDeps } from './app-deps.ts';
import { companyCardListener, type EdgeListener } from './cards/company-card-listener.ts';
import type { Config } from './config.ts';
import { createServerMetrics } from './http/server-metrics.ts';
import { startLifecycleJournal } from './lifecycle/journal-poller.ts';
import { type AfterSync, afterSyncPipeline } from './sync-jobs/after-sync.ts';
import type { JobQueue } from './sync-jobs/job-queue.ts';
import { startLapsedRunSweep } from './sync-jobs/lapsed-runs.ts';
import { startPeriodicSync } from './sync-jobs/periodic-sync.ts';
import { startQueueWorker } from './sync-jobs/queue-worker.ts';
import { QueuedSyncs } from './sync-jobs/queued-syncs.ts';
import { tenantSyncRunner } from './sync-jobs/run-tenant-sync.ts';
import { SyncScheduler } from './sync-jobs/sync-scheduler.ts';

export interface ServerOptions {
  config: Config;
  store: Store;
  logger?: Logger;
  /** 0 picks a free port. Default `config.PORT`. */
  port?: number;
  host?: string;
  now?: () => Date;
  /** Multiplies the sync's rate budgets (the demo's sandbox has no limits). */
  budgetScale?: number;
  /** The dashboard without a password (`csm demo` on loopback). */
  dashboardOpen?: boolean;
  /** The built dashboard app (default apps/dashboard/dist). */
  dashboardAssets?: string;
  /** Extra after-sync steps, run after the built-in ones. */
  afterSync?: readonly AfterSync[];
  /** Production mode: syncs go through this job queue instead of the in-process scheduler. */
  queue?: JobQueue;
  /**
   * The embedded data folder this process owns: `csm` commands started meanwhile run on this
   * server's store through a loopback admin endpoint (admin/admin-server.ts).
   */
  adminDataDir?: string;
}

export interface RunningServer {
  url: string;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  /** Stops taking connections, lets running syncs finish, then closes the store. */
  close(): Promise<void>;
}

/** The app's dependencies without a listening socket (tests use them with `app.request`). */
export function createAppDeps(
  options: Omit<ServerOptions, 'port' | 'host'> & { publicUrl: string },
): AppDeps {
  const logger = options.logger ?? createLogger({ level: options.config.LOG_LEVEL });
  const metrics = createServerMetrics({ processMetrics: true });
  const now = options.now ?? (() => new Date());
  const afterSync = afterSyncPipeline({
    store: options.store,
    config: options.config,
    logger,
    now,
    ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
    ...(options.afterSync ? { extra: options.afterSync } : {}),
  });
  if (options.queue) {
    metrics.watchQueue(() => options.queue!.sizes());
    return {
      config: options.config,
      store: options.store,
      logger,
      metrics,
      scheduler: new QueuedSyncs({ queue: options.queue, store: options.store, logger }),
      now,
      publicUrl: options.publicUrl,
      ...(options.dashboardOpen ? { dashboardOpen: true } : {}),
    };
  }
  const scheduler = new SyncScheduler({
    store: options.store,
    logger,
    run: tenantSyncRunner({
      store: options.store,
      config: options.config,
      logger,
      afterSync,
      ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
      onResult: (_tenant, result, seconds) => metrics.recordSync(result, seconds),
    }),
  });
  return {
    config: options.config,
    store: options.store,
    logger,
    metrics,
    scheduler,
    now,
    publicUrl: options.publicUrl,
    ...(options.dashboardOpen ? { dashboardOpen: true } : {}),
    ...(options.dashboardAssets ? { dashboardAssets: options.dashboardAssets } : {}),
  };
}

/**
 * Serves the app on a port (`csm serve`, `csm demo`). On close: the socket stops taking
 * connections, running syncs finish, and the store closes.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '0.0.0.0';
  const port = options.port ?? options.config.PORT;
  // The public URL may depend on the port picked; deps are built once it is known.
  let app!: ReturnType<typeof createApp>;
  let edge: EdgeListener = () => false;
  // Requests in the instant before the app exists get a 503 rather than a crash.
  const toApp = getRequestListener(
    (req, env) => (app ? app.fetch(req, env) : new Response('starting', { status: 503 })),
    { hostname: host },
  );
  // The company card's hot path answers stored cards itself; what it declines goes to the app.
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const answered = edge(req, res);
    if (answered === false) return void toApp(req, res);
    answered.then(
      (done) => {
        if (!done) void toApp(req, res);
      },
      // A failure before answering (the database away): the app answers it with the right status.
      () => {
        if (!res.headersSent) void toApp(req, res);
      },
    );
  };
  const server = createServer(listener);
  const actualPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  const localUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`;
  const deps = createAppDeps({ ...options, publicUrl: options.config.PUBLIC_URL ?? localUrl });
  app = createApp(deps);
  edge = companyCardListener({
    store: options.store,
    clientSecret: options.config.HUBSPOT_CLIENT_SECRET,
    publicUrl: deps.publicUrl,
    now: deps.now,
    metrics: deps.metrics,
    logger: deps.logger,
  });
  // Production mode: the schedules live in the queue, and this process works jobs if configured to.
  const stopPeriodic = options.queue
    ? () => {}
    : startPeriodicSync(options.store, deps.scheduler, options.config.SYNC_INTERVAL_MINUTES);
  const worker =
    options.queue && options.config.CSM_SERVE_WORKERS > 0
      ? await startQueueWorker({
          store: options.store,
          config: options.config,
          logger: deps.logger,
          queue: options.queue,
          concurrency: options.config.CSM_SERVE_WORKERS,
          metrics: deps.metrics,
          now: deps.now,
          ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
        })
      : null;
  const stopSweep = startLapsedRunSweep(options.store, deps.logger);
  const admin = options.adminDataDir
    ? await startAdminServer({
        deps,
        dataDir: options.adminDataDir,
        ...(options.budgetScale ? { budgetScale: options.budgetScale } : {}),
      })
    : undefined;
  // The app's installs and uninstalls (HubSpot's webhooks journal), and deletions after the grace period.
  const stopLifecycle = startLifecycleJournal({
    store: options.store,
    config: options.config,
    logger: deps.logger,
    now: deps.now,
  });
  return {
    url: localUrl,
    deps,
    app,
    async close() {
      stopPeriodic();
      stopSweep();
      stopLifecycle();
      // The admin file goes first, so that a command started now is told the store is closing.
      await Promise.all([admin?.close(), new Promise<void>((resolve) => server.close(() => resolve()))]);
      await deps.scheduler.close();
      await worker?.stop();
      await options.queue?.stop();
      await options.store.close();
    },
  };
}
