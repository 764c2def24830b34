import type { Db } from './db.ts';
import { type RecordKind, type RecordOf, recordSchemas } from './records.ts';
import { selectSql, tables } from './tables.ts';

/** A quarantined item as stored. */
export interface QuarantineRow {
  stream: string;
  externalId: string;
  reason: string;
  payload: unknown;
  seenAt: Date;
}

/** Reads of canonical records and quarantine rows, as top-level store methods. */
export interface RecordReadsApi {
  /** Canonical records of a kind, ordered by key, as the records.ts schemas give them (Dates). */
  readRecords<K extends RecordKind>(tenantId: number, kind: K): Promise<RecordOf<K>[]>;
  countRecords(tenantId: number, kind: RecordKind): Promise<number>;
  quarantineRows(tenantId: number): Promise<QuarantineRow[]>;
}

export function recordReadsApi(db: Db): RecordReadsApi {
  return {
    async readRecords<K extends RecordKind>(tenantId: number, kind: K) {
      const rows = await db.query(selectSql(tables[kind]), [tenantId]);
      return rows.map((row) => recordSchemas[kind].parse(row) as RecordOf<K>);
    },
    async countRecords(tenantId, kind) {
      const [row] = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${tables[kind].table} WHERE tenant_id = $1`,
        [tenantId],
      );
      return Number(row?.n ?? 0);
    },
    async quarantineRows(tenantId) {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT stream, external_id, reason, payload, seen_at FROM quarantine WHERE tenant_id = $1
         ORDER BY stream, length(external_id), external_id`,
        [tenantId],
      );
      return rows.map((r) => ({
        stream: r.stream as string,
        externalId: r.external_id as string,
        reason: r.reason as string,
        payload: r.payload ?? null,
        seenAt: new Date(r.seen_at as string | Date),
      }));
    },
  };
}
