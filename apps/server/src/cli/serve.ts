import { StoreLockedError } from '@csm/store';
import { createLogger } from '@csm/sync';
import { loadConfig } from '../config.ts';
import { ensureDashboardBuilt } from '../dashboard/dashboard-assets.ts';
import { embeddedDataDir, openConfiguredStore } from '../open-store.ts';
import { type RunningServer, startServer } from '../server.ts';
import { openJobQueue } from '../sync-jobs/job-queue.ts';
import { keepAliveOnLostConnections } from '../sync-jobs/lost-connection-guard.ts';
import { CliError } from './fail.ts';

/** A server on an embedded store another process holds: refused, saying what to do instead. */
export function refuseSecondServer(error: unknown): never {
  if (error instanceof StoreLockedError)
    throw new CliError(
      `${error.message}: one process owns an embedded store; stop that one first, give this one another CSM_DATA_DIR, or use PostgreSQL (DATABASE_URL), which any number of servers can share`,
    );
  throw error;
}

/** Resolves on the first SIGINT / SIGTERM (Ctrl-C, a container stop). */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Closes the server gracefully: in-flight requests end, running syncs finish, the store closes. */
export async function stopGracefully(server: RunningServer, out: NodeJS.WritableStream = process.stderr) {
  out.write('\nstopping: finishing requests and running syncs…\n');
  await server.close();
  out.write('stopped\n');
}

/** `csm serve`: the HTTP server on the configured store (embedded by default) until Ctrl-C. */
export async function runServe(options: { port?: number; host?: string }) {
  const config = loadConfig();
  if (config.CSM_ADMIN_TOKEN || config.HUBSPOT_CLIENT_SECRET)
    await ensureDashboardBuilt({ onBuild: () => process.stderr.write('Building the dashboard app…\n') });
  const store = await openConfiguredStore(config, 'csm serve').catch(refuseSecondServer);
  const logger = createLogger({ level: config.LOG_LEVEL === 'warn' ? 'info' : config.LOG_LEVEL });
  // Production mode: on PostgreSQL, syncs and their schedules go through the shared job queue.
  if (config.DATABASE_URL) keepAliveOnLostConnections(logger);
  const queue = config.DATABASE_URL ? await openJobQueue(config, config.DATABASE_URL, logger) : undefined;
  const dataDir = embeddedDataDir(config);
  const server = await startServer({
    config,
    store,
    logger,
    ...(queue ? { queue } : {}),
    port: options.port ?? config.PORT,
    ...(options.host ? { host: options.host } : {}),
    ...(dataDir ? { adminDataDir: dataDir } : {}),
  });
  process.stderr.write(
    [
      `Success Metrics listening on ${server.url} (${store.kind === 'pg' ? 'PostgreSQL' : `embedded store in ${config.CSM_DATA_DIR}`})`,
      `  API reference: ${server.url}/docs   OpenAPI: ${server.url}/openapi.json`,
      `  health: ${server.url}/healthz  ${server.url}/readyz  metrics: ${server.url}/metrics`,
      config.CSM_ADMIN_TOKEN
        ? `  dashboard: ${server.url}/dashboard (user admin, CSM_ADMIN_TOKEN; HubSpot users open it from the company card)`
        : config.HUBSPOT_CLIENT_SECRET
          ? `  dashboard: ${server.url}/dashboard (HubSpot users open it from the company card)`
          : '  dashboard: off (set CSM_ADMIN_TOKEN or HUBSPOT_CLIENT_SECRET)',
      config.HUBSPOT_CLIENT_SECRET ? '' : '  HubSpot cards answer 503 until HUBSPOT_CLIENT_SECRET is set',
      dataDir
        ? '  csm commands (tenants, api-keys, sync, report) on this store run through this server while it runs'
        : '',
      'Ctrl-C stops it.',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n')
      .concat('\n'),
  );
  await untilStopped();
  await stopGracefully(server);
}
