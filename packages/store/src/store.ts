import { type AccountFacts, accountFacts } from './account-facts.ts';
import { type Coverage, coverage } from './coverage.ts';
import { keyFromString } from './crypto.ts';
import { type DbHandle, openPg, openPglite } from './db.ts';
import { migrate, migrationsApplied } from './migrate.ts';
import { type RecordKind, type RecordOf, recordSchemas } from './records.ts';
import { selectSql, tables, upsertSql } from './tables.ts';
import { type TenantsApi, tenantsApi } from './tenants.ts';

export interface OpenStoreOptions {
  /** PostgreSQL URL; unset = PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; unset or `memory://` = in memory. */
  dataDir?: string;
  /** pg only: a schema of its own (tests). */
  schema?: string;
  /** 32 bytes, base64 or hex. */
  encryptionKey: string;
}

/** A record a stream could not map, kept with the reason. */
export interface QuarantinedRecord {
  externalId: string;
  reason: string;
  payload: unknown;
}

export interface WritePageInput<K extends RecordKind> {
  tenantId: number;
  stream: string;
  kind: K;
  records: RecordOf<K>[];
  quarantined?: QuarantinedRecord[];
  /** The checkpoint covering these records; committed with them. */
  cursor?: unknown;
}

export interface SyncRunSummary {
  source: string;
  mode: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/**
 * Opens the store (PGlite or PostgreSQL) and applies pending migrations.
 *
 * @example
 * const store = await openStore({ encryptionKey: generateKey() }); // in memory
 */
export async function openStore(options: OpenStoreOptions) {
  const key = keyFromString(options.encryptionKey);
  const db: DbHandle = options.databaseUrl
    ? await openPg(options.databaseUrl, options.schema)
    : await openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }

  /** Validates, de-duplicates (last wins) and upserts a page, its quarantine and its cursor in one transaction. */
  async function writePage<K extends RecordKind>(input: WritePageInput<K>): Promise<{ upserted: number }> {
    const spec = tables[input.kind];
    const schema = recordSchemas[input.kind];
    const byKey = new Map<string, Record<string, unknown>>();
    for (const record of input.records) {
      const parsed = schema.parse(record) as Record<string, unknown>;
      const row: Record<string, unknown> = {};
      for (const [column, , field] of spec.columns) row[column] = parsed[field];
      byKey.set(spec.key.map((k) => String(row[k])).join('\u0000'), row);
    }
    const rows = [...byKey.values()];
    const goodIds = rows.map((r) => String(r[spec.columns.find(([, , f]) => f === spec.idField)![0]]));
    await db.transaction(async (tx) => {
      if (rows.length) await tx.query(upsertSql(spec), [input.tenantId, JSON.stringify(rows)]);
      if (goodIds.length) {
        await tx.query(
          'DELETE FROM quarantine WHERE tenant_id = $1 AND stream = $2 AND external_id = ANY($3::text[])',
          [input.tenantId, input.stream, goodIds],
        );
      }
      for (const q of input.quarantined ?? []) {
        await tx.query(
          `INSERT INTO quarantine (tenant_id, stream, external_id, reason, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
           ON CONFLICT (tenant_id, stream, external_id) DO UPDATE SET reason = excluded.reason, payload = excluded.payload, seen_at = now()`,
          [input.tenantId, input.stream, q.externalId, q.reason, JSON.stringify(q.payload ?? null)],
        );
      }
      if (input.cursor !== undefined) {
        await tx.query(
          `INSERT INTO stream_cursors (tenant_id, stream, cursor) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (tenant_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = now()`,
          [input.tenantId, input.stream, JSON.stringify(input.cursor)],
        );
      }
    });
    return { upserted: rows.length };
  }

  const tenants: TenantsApi = tenantsApi(db, key);

  return {
    kind: db.kind,
    db: db as import('./db.ts').Db,
    tenants,
    writePage,
    async getCursor(tenantId: number, stream: string): Promise<unknown> {
      const [row] = await db.query<{ cursor: unknown }>(
        'SELECT cursor FROM stream_cursors WHERE tenant_id = $1 AND stream = $2',
        [tenantId, stream],
      );
      return row?.cursor ?? null;
    },
    async resetCursors(tenantId: number, streamPrefix = ''): Promise<void> {
      await db.query('DELETE FROM stream_cursors WHERE tenant_id = $1 AND stream LIKE $2', [
        tenantId,
        `${streamPrefix}%`,
      ]);
    },
    async startSyncRun(tenantId: number, source: string, mode: string): Promise<number> {
      const [row] = await db.query<{ id: string }>(
        'INSERT INTO sync_runs (tenant_id, source, mode) VALUES ($1, $2, $3) RETURNING id',
        [tenantId, source, mode],
      );
      return Number(row!.id);
    },
    async finishSyncRun(
      id: number,
      result: { status: 'succeeded' | 'failed'; stats?: unknown; error?: string },
    ): Promise<void> {
      await db.query(
        'UPDATE sync_runs SET status = $2, stats = $3::jsonb, error = $4, finished_at = now() WHERE id = $1',
        [id, result.status, JSON.stringify(result.stats ?? null), result.error ?? null],
      );
    },
    /** The latest run per source, for data freshness. */
    async lastSyncRuns(tenantId: number): Promise<SyncRunSummary[]> {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT DISTINCT ON (source) source, mode, status, started_at, finished_at, error FROM sync_runs
         WHERE tenant_id = $1 ORDER BY source, started_at DESC, id DESC`,
        [tenantId],
      );
      return rows.map((r) => ({
        source: r.source as string,
        mode: r.mode as string,
        status: r.status as string,
        startedAt: new Date(r.started_at as string),
        finishedAt: r.finished_at ? new Date(r.finished_at as string) : null,
        error: (r.error as string | null) ?? null,
      }));
    },
    /** Canonical records of a kind, ordered by key (Dates as Dates). */
    async readRecords<K extends RecordKind>(tenantId: number, kind: K): Promise<RecordOf<K>[]> {
      const rows = await db.query(selectSql(tables[kind]), [tenantId]);
      return rows.map((row) => recordSchemas[kind].parse(row) as RecordOf<K>);
    },
    async countRecords(tenantId: number, kind: RecordKind): Promise<number> {
      const [row] = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${tables[kind].table} WHERE tenant_id = $1`,
        [tenantId],
      );
      return Number(row?.n ?? 0);
    },
    async quarantineRows(tenantId: number) {
      return db.query<{ stream: string; external_id: string; reason: string }>(
        'SELECT stream, external_id, reason FROM quarantine WHERE tenant_id = $1 ORDER BY stream, external_id',
        [tenantId],
      );
    },
    async linkOrganization(tenantId: number, zendeskOrgId: string, hubspotCompanyId: string): Promise<void> {
      await db.query(
        `INSERT INTO org_links (tenant_id, zendesk_org_id, hubspot_company_id) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, zendesk_org_id) DO UPDATE SET hubspot_company_id = excluded.hubspot_company_id`,
        [tenantId, zendeskOrgId, hubspotCompanyId],
      );
    },
    accountFacts: (tenantId: number, companyId?: string): Promise<AccountFacts[]> =>
      accountFacts(db, tenantId, companyId),
    coverage: (tenantId: number): Promise<Coverage> => coverage(db, tenantId),
    migrationsApplied: () => migrationsApplied(db),
    close: () => db.close(),
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
