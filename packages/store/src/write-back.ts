import type { Db } from './db.ts';
import { idOrder } from './identity.ts';

/** An account's stored figures next to the property values last written to its HubSpot company. */
export interface WriteBackCandidate {
  companyId: string;
  healthScore: number | null;
  healthBand: string | null;
  nps: number | null;
  csat: number | null;
  fcr: number | null;
  computedAt: Date;
  /** What the last successful write sent, or null when nothing was written yet. */
  written: Record<string, string> | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * One page of the tenant's accounts (numeric company id order, after `after`) with the figures the
 * write-back sends, read from the stored cards, and the values last written. With `since`, only the
 * cards stored at or after it: a card's figures change only when the refresh writes it again.
 */
export async function writeBackCandidates(
  db: Db,
  tenantId: number,
  after: string | null,
  limit: number,
  since: Date | null = null,
): Promise<WriteBackCandidate[]> {
  // The page's ids first, then the figures of those rows only: the order has no index, and
  // reading the figures out of every card before the sort and limit (each `card->...` parses the
  // whole stored text) cost seconds a page at 100,000 accounts.
  const rows = await db.query<Record<string, unknown>>(
    `WITH page AS (
       SELECT m.company_id FROM account_metrics m
       WHERE m.tenant_id = $1
         AND ($2::text IS NULL OR (length(m.company_id), m.company_id) > (length($2::text), $2::text))
         AND ($4::timestamptz IS NULL OR m.computed_at >= $4::timestamptz)
       ORDER BY ${idOrder('m.company_id')}
       LIMIT $3)
     SELECT m.company_id, m.health_score, m.health_band,
       (m.card->'nps'->>'score')::double precision AS nps,
       (m.card->'csat'->>'score')::double precision AS csat,
       (m.card->'fcr'->>'rate')::double precision AS fcr,
       m.computed_at, w.properties AS written
     FROM page p
     JOIN account_metrics m ON m.tenant_id = $1 AND m.company_id = p.company_id
     LEFT JOIN company_property_writes w ON w.tenant_id = m.tenant_id AND w.company_id = m.company_id
     ORDER BY ${idOrder('m.company_id')}`,
    [tenantId, after, limit, since?.toISOString() ?? null],
  );
  return rows.map((r) => ({
    companyId: r.company_id as string,
    healthScore: num(r.health_score),
    healthBand: (r.health_band as string | null) ?? null,
    nps: num(r.nps),
    csat: num(r.csat),
    fcr: num(r.fcr),
    computedAt: new Date(r.computed_at as string | Date),
    written: (r.written as Record<string, string> | null) ?? null,
  }));
}

/** Remembers what a successful `batch/update` sent, per company (set-based, one statement). */
export async function recordPropertyWrites(
  db: Db,
  tenantId: number,
  writes: readonly { companyId: string; properties: Record<string, string> }[],
  at: Date,
): Promise<void> {
  if (writes.length === 0) return;
  await db.query(
    `INSERT INTO company_property_writes (tenant_id, company_id, properties, written_at)
     SELECT $1, x.company_id, x.properties, $3 FROM jsonb_to_recordset($2::jsonb) AS x(company_id text, properties jsonb)
     ON CONFLICT (tenant_id, company_id) DO UPDATE SET properties = excluded.properties, written_at = excluded.written_at`,
    [
      tenantId,
      JSON.stringify(writes.map((w) => ({ company_id: w.companyId, properties: w.properties }))),
      at.toISOString(),
    ],
  );
}

/** Every company's last written values (tests, diagnostics). */
export async function readPropertyWrites(
  db: Db,
  tenantId: number,
): Promise<Map<string, { properties: Record<string, string>; writtenAt: Date }>> {
  const rows = await db.query<{
    company_id: string;
    properties: Record<string, string>;
    written_at: string | Date;
  }>(
    `SELECT company_id, properties, written_at FROM company_property_writes WHERE tenant_id = $1
     ORDER BY ${idOrder('company_id')}`,
    [tenantId],
  );
  return new Map(
    rows.map((r) => [r.company_id, { properties: r.properties, writtenAt: new Date(r.written_at) }]),
  );
}

/**
 * How far the write-back has looked: `through`, the time from which stored cards must still be
 * compared (null: every card), and `latest`, the newest card stored now.
 */
export interface WriteBackMark {
  through: Date | null;
  latest: Date | null;
}

/** HubSpot company property write-back: what was last written per company. */
export interface WriteBackApi {
  /**
   * A page of accounts (numeric id order, after `after`) with their figures and last written
   * values; with `since`, only cards stored at or after it.
   */
  candidates(
    tenantId: number,
    after: string | null,
    limit: number,
    since?: Date | null,
  ): Promise<WriteBackCandidate[]>;
  mark(tenantId: number): Promise<WriteBackMark>;
  /** After a write-back that compared every card stored since `through`: the next may start there. */
  advance(tenantId: number, through: Date): Promise<void>;
  /** Remembers what a successful batch update sent. */
  record(
    tenantId: number,
    writes: readonly { companyId: string; properties: Record<string, string> }[],
    at: Date,
  ): Promise<void>;
  written(tenantId: number): Promise<Map<string, { properties: Record<string, string>; writtenAt: Date }>>;
}

export function writeBackApi(db: Db): WriteBackApi {
  return {
    candidates: (tenantId, after, limit, since) => writeBackCandidates(db, tenantId, after, limit, since),
    async mark(tenantId) {
      const [row] = await db.query<{ through: string | Date | null; latest: string | Date | null }>(
        `SELECT (SELECT write_back_through FROM tenant_settings WHERE tenant_id = $1) AS through,
           (SELECT max(computed_at) FROM account_metrics WHERE tenant_id = $1) AS latest`,
        [tenantId],
      );
      const at = (v: string | Date | null | undefined) => (v ? new Date(v) : null);
      return { through: at(row?.through), latest: at(row?.latest) };
    },
    async advance(tenantId, through) {
      await db.query(
        `INSERT INTO tenant_settings (tenant_id, write_back_through) VALUES ($1, $2)
         ON CONFLICT (tenant_id) DO UPDATE SET write_back_through = excluded.write_back_through`,
        [tenantId, through.toISOString()],
      );
    },
    record: (tenantId, writes, at) => recordPropertyWrites(db, tenantId, writes, at),
    written: (tenantId) => readPropertyWrites(db, tenantId),
  };
}
