/**
 * One `csm worker` of the reliability suite, in a process of its own so that the suite can kill
 * it: the production worker (`startQueueWorker`) on the suite's schemas, with each tenant's API
 * endpoints (every simulated portal listens on its own port). Its database connections carry the
 * application name the suite terminates to simulate a database restart.
 *
 *   node --import tsx worker-child.ts '<json: { databaseUrl, schema, queueSchema, key, endpoints }>'
 */
import { JobQueue, keepAliveOnLostConnections, loadConfig, startQueueWorker } from '@csm/server';
import { openStore } from '@csm/store';
import { type ApiEndpoints, createLogger } from '@csm/sync';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  databaseUrl: string;
  schema: string;
  queueSchema: string;
  key: string;
  endpoints: Record<string, ApiEndpoints>;
  expireInSeconds: number;
};
const logger = createLogger({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' });
// As `csm worker` does: a job ending while the database is down must not end the process.
keepAliveOnLostConnections(logger);
const store = await openStore({
  databaseUrl: args.databaseUrl,
  schema: args.schema,
  encryptionKey: args.key,
});
const queue = await new JobQueue({
  databaseUrl: args.databaseUrl,
  schema: args.queueSchema,
  expireInSeconds: args.expireInSeconds,
  syncIntervalMinutes: 0,
  retryLimit: 50,
  retryDelaySeconds: 1,
  pollingIntervalSeconds: 0.5,
}).start();
queue.boss.on('error', () => undefined);
const worker = await startQueueWorker({
  store,
  config: loadConfig({ LOG_LEVEL: 'silent' }),
  logger,
  queue,
  concurrency: 2,
  endpointsOf: (tenantId) => {
    const e = args.endpoints[String(tenantId)];
    if (!e) throw new Error(`no endpoints for tenant ${tenantId}`);
    return e;
  },
});
process.send?.('ready');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
