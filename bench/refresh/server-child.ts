/**
 * The server of the webhook-to-card benchmark, in a process of its own: the embedded store the
 * parent synced, HubSpot webhooks verified with BENCH_SECRET, syncs through the in-process
 * scheduler against the sandbox. Prints `READY <url>`.
 */
import { loadConfig, startServer } from '@csm/server';
import { openStore } from '@csm/store';
import { createLogger } from '@csm/sync';

const store = await openStore({
  ...(process.env.BENCH_DATABASE_URL
    ? { databaseUrl: process.env.BENCH_DATABASE_URL, schema: process.env.BENCH_SCHEMA! }
    : { dataDir: process.env.BENCH_DATA_DIR! }),
  encryptionKey: process.env.BENCH_KEY!,
});
const port = Number(process.env.BENCH_PORT);
const config = loadConfig({
  HUBSPOT_CLIENT_SECRET: process.env.BENCH_SECRET!,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  HUBSPOT_API_BASE_URL: process.env.BENCH_HUBSPOT_URL!,
  ZENDESK_API_BASE_URL: process.env.BENCH_ZENDESK_URL!,
  SYNC_INTERVAL_MINUTES: '0',
  LOG_LEVEL: 'silent',
});
const server = await startServer({
  config,
  store,
  port,
  host: '127.0.0.1',
  logger: createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
});
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
