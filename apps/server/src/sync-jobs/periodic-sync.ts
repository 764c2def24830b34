import type { Store } from '@csm/store';
import type { SyncRequests } from './queued-syncs.ts';

/**
 * Enqueues an incremental sync of every active tenant every `minutes` (webhooks make cards fresh
 * between two rounds; this catches what no webhook announced). Returns a function that stops it.
 */
export function startPeriodicSync(store: Store, scheduler: SyncRequests, minutes: number): () => void {
  if (minutes <= 0) return () => {};
  const timer = setInterval(async () => {
    const tenants = await store.tenants.list().catch(() => []);
    for (const t of tenants) {
      if (t.status === 'active') void scheduler.enqueue({ tenantId: t.id, reason: 'schedule' });
    }
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
