/** One `csm worker` of the benchmark (the production worker) with each tenant's endpoints. */
import { JobQueue, loadConfig, startQueueWorker } from '@csm/server';
import { openStore } from '@csm/store';
import { type ApiEndpoints, createLogger } from '@csm/sync';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  databaseUrl: string;
  schema: string;
  queueSchema: string;
  key: string;
  endpoints: Record<string, ApiEndpoints>;
};
const store = await openStore({
  databaseUrl: args.databaseUrl,
  schema: args.schema,
  encryptionKey: args.key,
});
const queue = await new JobQueue({
  databaseUrl: args.databaseUrl,
  schema: args.queueSchema,
  syncIntervalMinutes: 0,
  pollingIntervalSeconds: 0.5,
}).start();
const worker = await startQueueWorker({
  store,
  config: loadConfig({ LOG_LEVEL: 'silent' }),
  logger: createLogger({ level: 'silent' }),
  queue,
  concurrency: 2,
  budgetScale: 1000,
  endpointsOf: (tenantId) => args.endpoints[String(tenantId)]!,
});
process.send?.('ready');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
