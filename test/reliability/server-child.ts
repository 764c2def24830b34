/**
 * The server of the reliability suite, in a process of its own: the production server
 * (`startServer`, as `csm serve` runs it on PostgreSQL) on the suite's schemas, answering cards and
 * enqueuing syncs but working none (`CSM_SERVE_WORKERS=0`: the suite's workers do). It reports its
 * URL over IPC and is never restarted by the suite: it must ride out the database's restart.
 *
 *   node --import tsx server-child.ts '<json: { databaseUrl, schema, queueSchema, expireInSeconds, key, clientSecret, publicUrl }>'
 */
import { JobQueue, keepAliveOnLostConnections, loadConfig, startServer } from '@csm/server';
import { openStore } from '@csm/store';
import { createLogger } from '@csm/sync';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  databaseUrl: string;
  schema: string;
  queueSchema: string;
  expireInSeconds: number;
  key: string;
  clientSecret: string;
  publicUrl: string;
};
const config = loadConfig({
  DATABASE_URL: args.databaseUrl,
  CSM_ENCRYPTION_KEY: args.key,
  CSM_QUEUE_SCHEMA: args.queueSchema,
  CSM_JOB_EXPIRE_SECONDS: String(args.expireInSeconds),
  CSM_SERVE_WORKERS: '0',
  HUBSPOT_CLIENT_SECRET: args.clientSecret,
  PUBLIC_URL: args.publicUrl,
  SYNC_INTERVAL_MINUTES: '0',
  HUBSPOT_JOURNAL_POLL_SECONDS: '0',
  LOG_LEVEL: 'silent',
});
const logger = createLogger({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' });
// As `csm serve` on PostgreSQL does.
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
  onError: (error) => logger.warn({ err: error.message }, 'job queue error'),
}).start();
const server = await startServer({ config, store, queue, logger, port: 0, host: '127.0.0.1' });
process.send?.({ url: server.url });
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
