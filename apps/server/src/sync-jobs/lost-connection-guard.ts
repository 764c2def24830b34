import { isConnectionLoss } from '@csm/store';
import type { Logger } from '@csm/sync';

let installed = false;

/**
 * Keeps a process that works the job queue alive through a database restart. pg-boss 10 records a
 * job's end without handling that call's failure (`onFetch` in its manager.js neither awaits nor
 * catches `complete` / `fail`): a job that ends while the database is unreachable leaves a
 * rejection nobody handles, and Node ends the process. Nothing is lost by carrying on: the job
 * stays active, expires and runs again, as a dead worker's would. Any other unhandled rejection
 * still ends the process, as Node's default does. Installed once per process (`csm worker`,
 * `csm serve` on PostgreSQL).
 *
 * @example
 * keepAliveOnLostConnections(logger);
 * const worker = await startQueueWorker({ store, config, logger, queue });
 */
export function keepAliveOnLostConnections(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    if (!isConnectionLoss(reason)) throw reason;
    logger.warn(
      { err: (reason as Error).message },
      'the database went away while the job queue recorded a job: the job runs again once it expires',
    );
  });
}
