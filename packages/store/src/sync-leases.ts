import type { Db } from './db.ts';

/**
 * Takes (or renews) the sync lease of a tenant for `holder` until `ttlSeconds` from now. True when
 * the holder has it: it was free, expired, or already the holder's. One statement, so two
 * processes racing for it cannot both win.
 */
export async function acquireSyncLease(
  db: Db,
  tenantId: number,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO sync_leases (tenant_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (tenant_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE sync_leases.expires_at < now() OR sync_leases.holder = excluded.holder
     RETURNING holder`,
    [tenantId, holder, ttlSeconds],
  );
  return rows.length === 1;
}

/** Gives the lease back (only the holder can). */
export async function releaseSyncLease(db: Db, tenantId: number, holder: string): Promise<void> {
  await db.query('DELETE FROM sync_leases WHERE tenant_id = $1 AND holder = $2', [tenantId, holder]);
}

/** Who holds the tenant's lease now (expired or not), or null. */
export async function syncLeaseHolder(db: Db, tenantId: number): Promise<string | null> {
  const [row] = await db.query<{ holder: string }>('SELECT holder FROM sync_leases WHERE tenant_id = $1', [
    tenantId,
  ]);
  return row?.holder ?? null;
}

/** One active sync per tenant across processes: a lease with an expiry, renewed while it runs. */
export interface SyncLeasesApi {
  acquire(tenantId: number, holder: string, ttlSeconds: number): Promise<boolean>;
  release(tenantId: number, holder: string): Promise<void>;
  holder(tenantId: number): Promise<string | null>;
}

export function syncLeasesApi(db: Db): SyncLeasesApi {
  return {
    acquire: (tenantId, holder, ttl) => acquireSyncLease(db, tenantId, holder, ttl),
    release: (tenantId, holder) => releaseSyncLease(db, tenantId, holder),
    holder: (tenantId) => syncLeaseHolder(db, tenantId),
  };
}
