import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { type JobQueue, syncJobOf } from './job-queue.ts';
import type { SyncRequest } from './sync-scheduler.ts';

/** What the HTTP side asks for syncs through: the in-process scheduler or the job queue. */
export interface SyncRequests {
  /** Schedules a sync. In-process: resolves once a run covering it has finished; queued: once enqueued. */
  enqueue(request: SyncRequest): Promise<void>;
  /** Resolves once nothing this process started is running (in-process); at once for the queue. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Sync requests of a `csm serve` replica in production mode: jobs in the queue, taken by whichever
 * worker is free. A request for a tenant that already has a sync queued is covered by that one;
 * a full sync folded that way first forgets the tenant's cursors, so the queued sync backfills.
 */
export class QueuedSyncs implements SyncRequests {
  constructor(private readonly deps: { queue: JobQueue; store: Store; logger: Logger }) {}

  async enqueue(request: SyncRequest): Promise<void> {
    try {
      const id = await this.deps.queue.sendSync(syncJobOf(request));
      if (id === null && request.full) await this.deps.store.resetCursors(request.tenantId);
    } catch (error) {
      this.deps.logger.error(
        { tenantId: request.tenantId, err: error instanceof Error ? error.message : String(error) },
        'could not enqueue a sync',
      );
    }
  }

  async idle(): Promise<void> {}

  async close(): Promise<void> {}
}
