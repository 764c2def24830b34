import type { Db } from './db.ts';

export type SyncMode = 'full' | 'incremental';
export type SyncRunStatus = 'running' | 'succeeded' | 'failed';

/** One run of a source's streams for a tenant. */
export interface SyncRun {
  id: number;
  source: string;
  mode: SyncMode;
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  stats: unknown;
  error: string | null;
}

/** Records that a run started; returns its id. */
export async function startSyncRun(
  db: Db,
  tenantId: number,
  source: string,
  mode: SyncMode,
): Promise<number> {
  const [row] = await db.query<{ id: string | number }>(
    'INSERT INTO sync_runs (tenant_id, source, mode) VALUES ($1, $2, $3) RETURNING id',
    [tenantId, source, mode],
  );
  return Number(row!.id);
}

/** Records how a run ended, with its stats (JSON) and error message. */
export async function finishSyncRun(
  db: Db,
  id: number,
  result: { status: Exclude<SyncRunStatus, 'running'>; stats?: unknown; error?: string | null },
): Promise<void> {
  await db.query(
    'UPDATE sync_runs SET status = $2, stats = $3::jsonb, error = $4, finished_at = now() WHERE id = $1',
    [id, result.status, JSON.stringify(result.stats ?? null), result.error ?? null],
  );
}

/** The latest run of each source of a tenant (data freshness), by source. */
export async function lastSyncRuns(db: Db, tenantId: number): Promise<SyncRun[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (source) id, source, mode, status, started_at, finished_at, stats, error
     FROM sync_runs WHERE tenant_id = $1 ORDER BY source, started_at DESC, id DESC`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    source: r.source as string,
    mode: r.mode as SyncMode,
    status: r.status as SyncRunStatus,
    startedAt: new Date(r.started_at as string | Date),
    finishedAt: r.finished_at ? new Date(r.finished_at as string | Date) : null,
    stats: r.stats ?? null,
    error: (r.error as string | null) ?? null,
  }));
}

/** Why a run left `running` by a process that is gone is marked failed. */
export const INTERRUPTED_RUN =
  'interrupted: the process running this sync stopped or lost the database before it finished';

/**
 * Marks the tenant's runs still `running` as failed. Called by the holder of the tenant's sync
 * lease before it starts: with the lease held, no other process runs one, so these are runs whose
 * process died (or lost the database) before it could record how they ended.
 */
export async function failInterruptedSyncRuns(db: Db, tenantId: number): Promise<number> {
  const rows = await db.query(
    `UPDATE sync_runs SET status = 'failed', error = $2, finished_at = now()
     WHERE tenant_id = $1 AND status = 'running' RETURNING id`,
    [tenantId, INTERRUPTED_RUN],
  );
  return rows.length;
}

/**
 * Marks failed every run still `running` whose tenant has no live sync lease (its holder's lease
 * lapsed: the process is gone). Every tenant, one statement; returns how many.
 */
export async function failLapsedSyncRuns(db: Db): Promise<number> {
  const rows = await db.query(
    `UPDATE sync_runs r SET status = 'failed', error = $1, finished_at = now()
     WHERE r.status = 'running' AND NOT EXISTS (
       SELECT 1 FROM sync_leases l WHERE l.tenant_id = r.tenant_id AND l.expires_at >= now())
     RETURNING r.id`,
    [INTERRUPTED_RUN],
  );
  return rows.length;
}

/** Sync runs, as top-level store methods. */
export interface SyncRunsApi {
  startSyncRun(tenantId: number, source: string, mode: SyncMode): Promise<number>;
  finishSyncRun(
    id: number,
    result: { status: Exclude<SyncRunStatus, 'running'>; stats?: unknown; error?: string | null },
  ): Promise<void>;
  /** The latest run per source. */
  lastSyncRuns(tenantId: number): Promise<SyncRun[]>;
  /** The holder of the tenant's sync lease: runs still `running` are interrupted ones; marks them failed. */
  failInterruptedSyncRuns(tenantId: number): Promise<number>;
  /** Runs still `running` whose tenant's sync lease lapsed (every tenant): marks them failed. */
  failLapsedSyncRuns(): Promise<number>;
}

export function syncRunsApi(db: Db): SyncRunsApi {
  return {
    startSyncRun: (tenantId, source, mode) => startSyncRun(db, tenantId, source, mode),
    finishSyncRun: (id, result) => finishSyncRun(db, id, result),
    lastSyncRuns: (tenantId) => lastSyncRuns(db, tenantId),
    failInterruptedSyncRuns: (tenantId) => failInterruptedSyncRuns(db, tenantId),
    failLapsedSyncRuns: () => failLapsedSyncRuns(db),
  };
}
