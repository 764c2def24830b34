import { hash } from 'node:crypto';
import type { Db } from './db.ts';

/** One account's computed figures, as the refresh writes them. */
export interface AccountMetricsRow {
  companyId: string;
  healthScore: number | null;
  healthBand: string | null;
  /**
   * The whole card answer, validated by the caller: stored as the JSON text of this value (its key
   * order kept) and sent as stored by card requests. A top-level `computedAt`, written last, is
   * the one part that does not make a card count as changed.
   */
  card: unknown;
  /** The health components of the day (for trends: what moved); copied into the daily snapshot. */
  components: unknown;
}

/**
 * The hash of a card's content: its JSON text without the trailing `computedAt` member, so that a
 * card computed again with the same figures hashes the same. Any other shape hashes whole.
 */
export function cardContentHash(text: string): string {
  const at = text.lastIndexOf(',"computedAt":');
  const content = at >= 0 && /^,"computedAt":"[^"\\]*"\}$/.test(text.slice(at)) ? text.slice(0, at) : text;
  return hash('sha1', content, 'base64');
}

/**
 * Writes a batch of accounts' figures and today's snapshot (`day`, 'YYYY-MM-DD'), set-based:
 * - only the cards whose content changed are written (their stored hash is read first, one
 *   primary-key range read), with `computedAt` as their `computed_at`; an unchanged card keeps
 *   its row and its `computed_at` (the tenant's `cards_refreshed_at` says it was checked);
 * - the snapshot of `day` is copied in SQL from the stored rows for every account of the batch,
 *   changed or not (small rows: score, band, components), replacing that day's snapshot only
 *   where it differs.
 * The batch's rows are found by primary key from its ids (a join with `unnest`, which the planner
 * runs as index lookups even when the table's statistics predate the refresh's own writes).
 * Returns how many cards were written.
 */
export async function saveAccountMetrics(
  db: Db,
  tenantId: number,
  day: string,
  computedAt: Date,
  rows: readonly AccountMetricsRow[],
): Promise<{ written: number }> {
  if (rows.length === 0) return { written: 0 };
  const ids = rows.map((r) => r.companyId);
  const stored = new Map(
    (
      await db.query<{ company_id: string; card_hash: string | null }>(
        `SELECT m.company_id, m.card_hash FROM unnest($2::text[]) AS x(id)
         JOIN account_metrics m ON m.tenant_id = $1 AND m.company_id = x.id`,
        [tenantId, ids],
      )
    ).map((r) => [r.company_id, r.card_hash]),
  );
  // One JSON array of the changed rows, each card embedded as the text it was written with (no
  // second serialization); json_to_recordset hands `c` over as that very text.
  const changed: string[] = [];
  for (const r of rows) {
    const text = JSON.stringify(r.card);
    const contentHash = cardContentHash(text);
    if (stored.get(r.companyId) === contentHash) continue;
    changed.push(
      `{"i":${JSON.stringify(r.companyId)},"s":${JSON.stringify(r.healthScore)},"b":${JSON.stringify(r.healthBand)},"h":"${contentHash}","c":${text},"p":${JSON.stringify(r.components ?? [])}}`,
    );
  }
  const snapshot = (tx: Db) =>
    tx.query(
      `INSERT INTO account_snapshots AS s (tenant_id, company_id, day, health_score, health_band, components)
       SELECT m.tenant_id, m.company_id, $2::date, m.health_score, m.health_band, m.components
       FROM unnest($3::text[]) AS x(id) JOIN account_metrics m ON m.tenant_id = $1 AND m.company_id = x.id
       ON CONFLICT (tenant_id, company_id, day) DO UPDATE SET health_score = excluded.health_score,
         health_band = excluded.health_band, components = excluded.components
       WHERE (s.health_score, s.health_band, s.components)
         IS DISTINCT FROM (excluded.health_score, excluded.health_band, excluded.components)`,
      [tenantId, day, ids],
    );
  if (changed.length === 0) {
    await snapshot(db);
    return { written: 0 };
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO account_metrics (tenant_id, company_id, health_score, health_band, card, card_hash,
         components, computed_at)
       SELECT $1, x.i, x.s, x.b, x.c, x.h, x.p, $3
       FROM json_to_recordset($2::json) AS x(i text, s double precision, b text, h text, c json, p jsonb)
       ON CONFLICT (tenant_id, company_id) DO UPDATE SET health_score = excluded.health_score,
         health_band = excluded.health_band, card = excluded.card, card_hash = excluded.card_hash,
         components = excluded.components, computed_at = excluded.computed_at`,
      [tenantId, `[${changed.join(',')}]`, computedAt.toISOString()],
    );
    await snapshot(tx);
  });
  return { written: changed.length };
}

/**
 * Records that every card of the tenant was checked at `at` (a whole refresh ended): an unchanged
 * card, not written again, is as current as that.
 */
export async function markCardsRefreshed(db: Db, tenantId: number, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, cards_refreshed_at) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET cards_refreshed_at = excluded.cards_refreshed_at`,
    [tenantId, at.toISOString()],
  );
}
