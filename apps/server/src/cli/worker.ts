import { createLogger } from '@csm/sync';
import { loadConfig } from '../config.ts';
import { openConfiguredStore } from '../open-store.ts';
import { openJobQueue } from '../sync-jobs/job-queue.ts';
import { keepAliveOnLostConnections } from '../sync-jobs/lost-connection-guard.ts';
import { startQueueWorker } from '../sync-jobs/queue-worker.ts';
import { CliError } from './fail.ts';
import { untilStopped } from './serve.ts';

/**
 * `csm worker`: takes sync, refresh and scheduled jobs from the queue on `DATABASE_URL` until
 * SIGINT / SIGTERM, then finishes its running jobs (a killed worker's jobs go to another worker
 * once they expire).
 */
export async function runWorker(options: { concurrency?: number } = {}): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL)
    throw new CliError(
      'csm worker needs DATABASE_URL (PostgreSQL); the embedded store syncs inside csm serve',
    );
  const logger = createLogger({ level: config.LOG_LEVEL === 'warn' ? 'info' : config.LOG_LEVEL });
  keepAliveOnLostConnections(logger);
  const store = await openConfiguredStore(config);
  const queue = await openJobQueue(config, config.DATABASE_URL, logger);
  const concurrency = options.concurrency ?? config.CSM_WORKER_CONCURRENCY;
  const worker = await startQueueWorker({ store, config, logger, queue, concurrency });
  process.stderr.write(`worker ${process.pid} taking jobs (${concurrency} at a time); Ctrl-C stops it\n`);
  await untilStopped();
  process.stderr.write('stopping: finishing running jobs…\n');
  await worker.stop();
  await store.close();
  process.stderr.write('stopped\n');
}
