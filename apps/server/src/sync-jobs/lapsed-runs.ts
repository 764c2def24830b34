import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';

/**
 * Marks failed, now and every `everyMs`, the sync runs left `running` by a process that is gone
 * (killed, or cut off from the database): its sync lease lapsed, so nobody will finish them.
 * Without this they would read `running` forever on a tenant nobody syncs. Returns a stop function.
 */
export function startLapsedRunSweep(store: Store, logger: Logger, everyMs = 60_000): () => void {
  const sweep = () => {
    store
      .failLapsedSyncRuns()
      .then((n) => {
        if (n) logger.warn({ runs: n }, 'sync runs of stopped processes marked failed');
      })
      // The database may be away; the next round tries again.
      .catch(() => undefined);
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
