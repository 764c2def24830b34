/**
 * The card server of the benchmark, in a process of its own so that the load generator does not
 * share its CPU time: opens the store the parent populated and prints `READY <url>`.
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
const config = loadConfig({
  HUBSPOT_CLIENT_SECRET: process.env.BENCH_SECRET!,
  SYNC_INTERVAL_MINUTES: '0',
  LOG_LEVEL: 'silent',
});
const server = await startServer({
  config,
  store,
  port: 0,
  host: '127.0.0.1',
  logger: createLogger({ level: 'silent' }),
});
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', () => {
  // The CPU time this process spent (µs), for the parent's CPU per answer.
  const cpu = process.cpuUsage();
  process.stdout.write(`CPU ${cpu.user + cpu.system}\n`);
  void server.close().then(() => process.exit(0));
});
