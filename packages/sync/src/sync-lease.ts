import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '@csm/store';

/** This process's name on the leases it holds. */
export const leaseHolder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

function isDeadLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface SyncLeaseOptions {
  /** How long a lease lives without renewal: a crashed holder's lapses after this. */
  ttlSeconds?: number;
  /** How often to try again while another process holds it. */
  pollMs?: number;
  /** Called once when the lease is held elsewhere and we start waiting. */
  onWait?: () => void;
  /** Stop waiting (shutdown): resolves with `undefined` without running `fn`. */
  signal?: AbortSignal;
  holder?: string;
}

/**
 * Runs `fn` holding the tenant's sync lease, so that one sync per tenant runs at a time across
 * every process on the database (one active sync per tenant; docs/operations.md). Waits while another
 * process holds it; renews it while `fn` runs; gives it back after.
 *
 * @example
 * await withSyncLease(store, tenant.id, () => syncTenant({ store, tenant, endpoints }));
 */
export async function withSyncLease<T>(
  store: Store,
  tenantId: number,
  fn: () => Promise<T>,
  options: SyncLeaseOptions = {},
): Promise<T | undefined> {
  const ttl = options.ttlSeconds ?? 120;
  const holder = options.holder ?? leaseHolder;
  let waited = false;
  while (!(await store.syncLeases.acquire(tenantId, holder, ttl))) {
    if (options.signal?.aborted) return undefined;
    // A holder on this machine that no longer runs (killed) gives its lease up at once.
    const current = await store.syncLeases.holder(tenantId);
    if (current && isDeadLocalHolder(current)) {
      await store.syncLeases.release(tenantId, current);
      continue;
    }
    if (!waited) options.onWait?.();
    waited = true;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2000));
  }
  // Holding the lease, no other process syncs this tenant: runs still `running` were interrupted.
  await store.failInterruptedSyncRuns(tenantId);
  const renew = setInterval(
    () => {
      void store.syncLeases.acquire(tenantId, holder, ttl).catch(() => undefined);
    },
    (ttl * 1000) / 3,
  );
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await store.syncLeases.release(tenantId, holder).catch(() => undefined);
  }
}
