import type { Db } from './db.ts';
import { type RecordKind, type RecordOf, recordSchemas } from './records.ts';
import { tables, upsertSql } from './tables.ts';

/** A record a stream could not map, kept with the reason. */
export interface QuarantinedRecord {
  externalId: string;
  reason: string;
  payload: unknown;
}

export interface WritePageInput<K extends RecordKind = RecordKind> {
  tenantId: number;
  /** The stream's name, e.g. `zendesk.tickets`: the key of its cursor and quarantine rows. */
  stream: string;
  kind: K;
  records: RecordOf<K>[];
  quarantined?: QuarantinedRecord[];
  /** The checkpoint covering these records (JSON); committed with them. */
  cursor?: unknown;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000; one such character in a ticket subject would
 * otherwise fail its page on every retry and stall the stream for good.
 */
const clean = (value: unknown): unknown => {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(clean);
  return value;
};
const cleanJson = (value: unknown) =>
  JSON.stringify(value ?? null, (_key, v: unknown) => (typeof v === 'string' ? clean(v) : v));

/** Validated rows keyed by table columns, one per key: the newest version, the last of equals. */
function toRows(kind: RecordKind, records: readonly unknown[]): Record<string, unknown>[] {
  const spec = tables[kind];
  const schema = recordSchemas[kind];
  const versionField = spec.columns.find(([c]) => c === spec.version)![2];
  const byKey = new Map<string, { version: number; row: Record<string, unknown> }>();
  records.forEach((record, index) => {
    const result = schema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(
        `${kind}[${index}] is not a valid record: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      );
    }
    const parsed = result.data as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const [column, , field] of spec.columns) row[column] = clean(parsed[field]);
    const key = spec.key.map((k) => String(row[k])).join('\u0000');
    const version = (parsed[versionField] as Date).getTime();
    const seen = byKey.get(key);
    // One statement cannot update a row twice (ON CONFLICT would fail), so duplicates in a page
    // collapse here, by the same rule the upsert applies across pages.
    if (!seen || version >= seen.version) byKey.set(key, { version, row });
  });
  return [...byKey.values()].map((v) => v.row);
}

/**
 * Writes one page of a stream in ONE transaction: upserts the records (validated first; an
 * invalid record is an error, the page is not written), removes quarantine rows of ids that are
 * now good, records newly quarantined items, and sets the stream's cursor when given. A crash or
 * an error leaves the page and its cursor both unwritten.
 */
export async function writePage<K extends RecordKind>(
  db: Db,
  input: WritePageInput<K>,
  analyzed?: (tenantId: number, table: string, rows: number) => Promise<void>,
): Promise<{ upserted: number }> {
  const spec = tables[input.kind];
  const rows = toRows(input.kind, input.records);
  const idColumn = spec.columns.find(([, , field]) => field === spec.idField)![0];
  const goodIds = rows.map((r) => String(r[idColumn]));
  // Last one wins for an id named twice: one statement cannot update a row twice.
  const quarantined = [
    ...new Map(
      (input.quarantined ?? []).map((q) => {
        const externalId = String(clean(q.externalId));
        return [externalId, { external_id: externalId, reason: String(clean(q.reason)), payload: q.payload }];
      }),
    ).values(),
  ];
  const cursor = input.cursor === undefined ? undefined : JSON.stringify(input.cursor);

  await db.transaction(async (tx) => {
    if (rows.length) {
      const orgs = input.kind === 'zendeskOrganizations';
      const written = await tx.query<{ zendesk_org_id: string }>(upsertSql(spec, orgs), [
        input.tenantId,
        JSON.stringify(rows),
      ]);
      if (orgs && written.length)
        await indexOrgDomains(
          tx,
          input.tenantId,
          written.map((w) => w.zendesk_org_id),
        );
      await tx.query(
        'DELETE FROM quarantine WHERE tenant_id = $1 AND stream = $2 AND external_id = ANY($3::text[])',
        [input.tenantId, input.stream, goodIds],
      );
    }
    if (quarantined.length) {
      await tx.query(
        `INSERT INTO quarantine (tenant_id, stream, external_id, reason, payload)
         SELECT $1, $2, q.external_id, q.reason, q.payload
         FROM jsonb_to_recordset($3::jsonb) AS q(external_id text, reason text, payload jsonb)
         ON CONFLICT (tenant_id, stream, external_id)
         DO UPDATE SET reason = excluded.reason, payload = excluded.payload, seen_at = now()`,
        [input.tenantId, input.stream, cleanJson(quarantined)],
      );
    }
    if (cursor !== undefined) {
      await tx.query(
        `INSERT INTO stream_cursors (tenant_id, stream, cursor) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (tenant_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = now()`,
        [input.tenantId, input.stream, cursor],
      );
    }
  });
  if (analyzed && rows.length) {
    await analyzed(input.tenantId, spec.table, rows.length);
    if (input.kind === 'zendeskOrganizations')
      await analyzed(input.tenantId, 'zendesk_org_domains', rows.length);
  }
  return { upserted: rows.length };
}

/**
 * Keeps `zendesk_org_domains` (one row per organization and lower-cased domain) in step, writing
 * only what differs: an organization re-read unchanged leaves its rows alone (and so touches no
 * card, see migration 013).
 */
async function indexOrgDomains(tx: Db, tenantId: number, orgIds: string[]): Promise<void> {
  const current = `SELECT DISTINCT o.tenant_id, o.zendesk_org_id, lower(d.name) AS domain
     FROM zendesk_organizations o CROSS JOIN LATERAL unnest(o.domain_names) AS d(name)
     WHERE o.tenant_id = $1 AND o.zendesk_org_id = ANY($2::text[]) AND d.name <> ''`;
  await tx.query(
    `DELETE FROM zendesk_org_domains z WHERE z.tenant_id = $1 AND z.zendesk_org_id = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM (${current}) c WHERE c.zendesk_org_id = z.zendesk_org_id AND c.domain = z.domain)`,
    [tenantId, orgIds],
  );
  await tx.query(
    `INSERT INTO zendesk_org_domains (tenant_id, zendesk_org_id, domain) ${current}
     ON CONFLICT (tenant_id, zendesk_org_id, domain) DO NOTHING`,
    [tenantId, orgIds],
  );
}

/** Page writes and stream cursors, as top-level store methods. */
export interface PagesApi {
  /** One page of a stream, its quarantine and its cursor, in one transaction. */
  writePage<K extends RecordKind>(input: WritePageInput<K>): Promise<{ upserted: number }>;
  /** A stream's cursor, or null before its first page. */
  getCursor(tenantId: number, stream: string): Promise<unknown>;
  /** Forgets the cursors of a tenant's streams (those starting with `streamPrefix`): next sync backfills. */
  resetCursors(tenantId: number, streamPrefix?: string): Promise<number>;
}

/** `analyzed` is told, after each committed page, how many rows it wrote to a table. */
export function pagesApi(
  db: Db,
  analyzed?: (tenantId: number, table: string, rows: number) => Promise<void>,
): PagesApi {
  return {
    writePage: (input) => writePage(db, input, analyzed),
    async getCursor(tenantId, stream) {
      const [row] = await db.query<{ cursor: unknown }>(
        'SELECT cursor FROM stream_cursors WHERE tenant_id = $1 AND stream = $2',
        [tenantId, stream],
      );
      return row?.cursor ?? null;
    },
    async resetCursors(tenantId, streamPrefix = '') {
      // starts_with, not LIKE: stream names hold `_`, a LIKE wildcard.
      const rows = await db.query(
        'DELETE FROM stream_cursors WHERE tenant_id = $1 AND starts_with(stream, $2) RETURNING stream',
        [tenantId, streamPrefix],
      );
      return rows.length;
    },
  };
}
