import { type AccountMetricsRow, markCardsRefreshed, saveAccountMetrics } from './card-writes.ts';
import type { Db } from './db.ts';

/** A stored daily snapshot. */
export interface AccountSnapshot {
  companyId: string;
  day: string;
  healthScore: number | null;
  healthBand: string | null;
  components: unknown;
}

/**
 * When each source last synced: the latest run's status and the last successful run's end; and,
 * for a source paused on its own (Zendesk whose credential was refused), since when and why. With
 * when a whole refresh last checked every card of the tenant (an unchanged card, not written
 * again, is current as of then).
 */
export type Freshness = Record<
  'hubspot' | 'zendesk',
  {
    status: string;
    lastRunAt: Date;
    lastSucceededAt: Date | null;
    paused?: { reason: string; since: Date };
  } | null
> & { cardsRefreshedAt: Date | null };

/** Drops the figures of companies that no longer exist (deleted in HubSpot); snapshots stay as history. */
export async function pruneAccountMetrics(db: Db, tenantId: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM account_metrics m WHERE m.tenant_id = $1 AND NOT EXISTS (
       SELECT 1 FROM companies c WHERE c.tenant_id = $1 AND c.hubspot_company_id = m.company_id)
     RETURNING company_id`,
    [tenantId],
  );
  return rows.length;
}

/**
 * Per account, the latest snapshot taken on `day` or up to `toleranceDays` before it (a day
 * without a sync leaves no snapshot, so "30 days ago" may be 31 or 32 days ago).
 */
export async function snapshotsAround(
  db: Db,
  tenantId: number,
  day: string,
  companyIds: readonly string[],
  toleranceDays = 7,
): Promise<Map<string, AccountSnapshot>> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (company_id) company_id, to_char(day, 'YYYY-MM-DD') AS day, health_score,
       health_band, components
     FROM account_snapshots
     WHERE tenant_id = $1 AND company_id = ANY($2::text[]) AND day <= $3::date AND day > $3::date - $4::int
     ORDER BY company_id, day DESC`,
    [tenantId, companyIds, day, toleranceDays],
  );
  return new Map(rows.map((r) => [r.company_id as string, snapshotOf(r)]));
}

const snapshotOf = (r: Record<string, unknown>): AccountSnapshot => ({
  companyId: r.company_id as string,
  day: r.day as string,
  healthScore: r.health_score === null ? null : Number(r.health_score),
  healthBand: (r.health_band as string | null) ?? null,
  components: r.components,
});

/** An account's snapshots, oldest first (history charts). */
export async function accountHistory(
  db: Db,
  tenantId: number,
  companyId: string,
  days = 90,
): Promise<AccountSnapshot[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT company_id, to_char(day, 'YYYY-MM-DD') AS day, health_score, health_band, components
     FROM account_snapshots WHERE tenant_id = $1 AND company_id = $2
     ORDER BY day DESC LIMIT $3`,
    [tenantId, companyId, days],
  );
  return rows.reverse().map(snapshotOf);
}

/**
 * The account's stored card (a primary-key read) and the time it is current as of ({@link
 * currentAsOf}). Null when the account has no computed figures (unknown, another tenant's, or not
 * computed yet).
 */
export async function readAccountCard(
  db: Db,
  tenantId: number,
  companyId: string,
): Promise<{ card: unknown; computedAt: Date } | null> {
  const [row] = await db.query<{ card: unknown; computed_at: string | Date }>(
    `SELECT ${holdsSql('m', 's')} AS card, ${currentAsOf('m', 's')} AS computed_at FROM account_metrics m
     LEFT JOIN tenant_settings s ON s.tenant_id = m.tenant_id
     WHERE m.tenant_id = $1 AND m.company_id = $2`,
    [tenantId, companyId],
  );
  return row?.card ? { card: row.card, computedAt: new Date(row.computed_at) } : null;
}

/**
 * Since when a stored card is known to hold: the later of its own computation (when its figures
 * last changed) and the tenant's last whole refresh, which checked every card and left the
 * unchanged ones as they were (docs/metrics.md, "Freshness").
 */
const currentAsOf = (metrics: string, settings: string) =>
  `GREATEST(${metrics}.computed_at, ${settings}.cards_refreshed_at)`;

/**
 * The stored card while it holds: current as of a time after the tenant's settings last changed.
 * A card computed under an older health model or windows reads as missing, and is computed on read.
 */
const holdsSql = (metrics: string, settings: string) =>
  `CASE WHEN ${settings}.settings_changed_at IS NULL OR ${currentAsOf(metrics, settings)} >= ${settings}.settings_changed_at
     THEN ${metrics}.card END`;

/** When each source of a tenant last ran and last succeeded. */
export async function freshness(db: Db, tenantId: number): Promise<Freshness> {
  const [rows, refreshed] = await Promise.all([
    db.query<RunRow>(latestRunsSql('$1'), [tenantId]),
    db.query<{ at: string | Date | null }>(
      'SELECT cards_refreshed_at AS at FROM tenant_settings WHERE tenant_id = $1',
      [tenantId],
    ),
  ]);
  return freshnessOf(rows, refreshed[0]?.at ?? null);
}

/** The tenant's health model (JSON, validated by the caller), or null for the default. */
export async function readHealthModel(db: Db, tenantId: number): Promise<unknown> {
  const [row] = await db.query<{ health_model: unknown }>(
    'SELECT health_model FROM tenant_settings WHERE tenant_id = $1',
    [tenantId],
  );
  return row?.health_model ?? null;
}

export async function saveHealthModel(db: Db, tenantId: number, model: unknown): Promise<void> {
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, health_model) VALUES ($1, $2::jsonb)
     ON CONFLICT (tenant_id) DO UPDATE SET health_model = excluded.health_model, updated_at = now()`,
    [tenantId, model === null ? null : JSON.stringify(model)],
  );
}

/** A tenant's saved settings (JSON, validated by their reader); nulls where nothing is saved. */
export interface SavedSettings {
  healthModel: unknown;
  windows: unknown;
  changedAt: Date | null;
}

export async function readSettings(db: Db, tenantId: number): Promise<SavedSettings> {
  const [row] = await db.query<{
    health_model: unknown;
    windows: unknown;
    settings_changed_at: string | Date | null;
  }>('SELECT health_model, windows, settings_changed_at FROM tenant_settings WHERE tenant_id = $1', [
    tenantId,
  ]);
  return {
    healthModel: row?.health_model ?? null,
    windows: row?.windows ?? null,
    changedAt: row?.settings_changed_at ? new Date(row.settings_changed_at) : null,
  };
}

/** Saves the health model and windows together (one statement: a reader never sees half of a change). */
export async function saveSettings(
  db: Db,
  tenantId: number,
  settings: { healthModel: unknown; windows: unknown },
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, health_model, windows, settings_changed_at)
     VALUES ($1, $2::jsonb, $3::jsonb, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET health_model = excluded.health_model, windows = excluded.windows,
       settings_changed_at = excluded.settings_changed_at, updated_at = now()`,
    [tenantId, JSON.stringify(settings.healthModel), JSON.stringify(settings.windows), at.toISOString()],
  );
}

/** The coverage counts as of the last refresh (cards show them without recomputing), or null. */
export async function readSavedCoverage(
  db: Db,
  tenantId: number,
): Promise<{ coverage: unknown; at: Date } | null> {
  const [row] = await db.query<{ coverage: unknown; coverage_at: string | Date | null }>(
    'SELECT coverage, coverage_at FROM tenant_settings WHERE tenant_id = $1',
    [tenantId],
  );
  return row?.coverage && row.coverage_at ? { coverage: row.coverage, at: new Date(row.coverage_at) } : null;
}

export async function saveCoverage(db: Db, tenantId: number, coverage: unknown, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, coverage, coverage_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET coverage = excluded.coverage, coverage_at = excluded.coverage_at`,
    [tenantId, JSON.stringify(coverage), at.toISOString()],
  );
}

/**
 * Every stored `csm report` element of a tenant in numeric id order, with the oldest time one is
 * current as of.
 */
export async function readStoredReports(
  db: Db,
  tenantId: number,
): Promise<{ reports: unknown[]; oldest: Date | null; count: number }> {
  const rows = await db.query<{ report: unknown; computed_at: string | Date }>(
    `SELECT m.card->'account' AS report, ${currentAsOf('m', 's')} AS computed_at FROM account_metrics m
     LEFT JOIN tenant_settings s ON s.tenant_id = m.tenant_id
     WHERE m.tenant_id = $1 ORDER BY length(m.company_id), m.company_id`,
    [tenantId],
  );
  const oldest = rows.reduce<Date | null>((m, r) => {
    const d = new Date(r.computed_at);
    return !m || d < m ? d : m;
  }, null);
  return { reports: rows.map((r) => r.report), oldest, count: rows.length };
}

/**
 * Everything a company card request needs, read in one statement. The stored card comes as the
 * JSON text it was written with, so that the answer carries it without parsing it again.
 */
export interface CardBundle {
  tenantId: number;
  tenantActive: boolean;
  /**
   * The stored card's JSON text, or null when none holds: none stored (unknown account, not
   * computed yet) or stored before the tenant's settings last changed.
   */
  cardText: string | null;
  /** The JSON text of that card's `account` (the `csm report` element); null with `cardText`. */
  accountText: string | null;
  /**
   * The time that card is current as of (ISO): its `computedAt`, or the tenant's last refresh when
   * that found it unchanged.
   */
  computedAt: string | null;
  freshness: Freshness;
  coverage: unknown;
}

interface RunRow {
  source: string;
  status: string;
  last_run_at: string | Date;
  last_succeeded_at: string | Date | null;
  paused_at: string | Date | null;
  paused_reason: string | null;
}

/**
 * The latest run and the last successful run of each source: two index lookups per source; with
 * the tenant's row by primary key for a paused Zendesk side.
 */
const latestRunsSql = (tenant: string) => `
  SELECT src.source, l.status, l.started_at AS last_run_at, ok.finished_at AS last_succeeded_at,
    CASE WHEN src.source = 'zendesk' THEN pt.zendesk_paused_at END AS paused_at,
    CASE WHEN src.source = 'zendesk' THEN pt.zendesk_paused_reason END AS paused_reason
  FROM (VALUES ('hubspot'), ('zendesk')) AS src(source)
  LEFT JOIN tenants pt ON pt.id = ${tenant}
  JOIN LATERAL (SELECT status, started_at FROM sync_runs
    WHERE tenant_id = ${tenant} AND source = src.source ORDER BY started_at DESC, id DESC LIMIT 1) l ON true
  LEFT JOIN LATERAL (SELECT finished_at FROM sync_runs
    WHERE tenant_id = ${tenant} AND source = src.source AND status = 'succeeded'
    ORDER BY started_at DESC, id DESC LIMIT 1) ok ON true`;

const freshnessOf = (rows: readonly RunRow[] | null, cardsRefreshedAt: string | Date | null): Freshness => {
  const out: Freshness = {
    hubspot: null,
    zendesk: null,
    cardsRefreshedAt: cardsRefreshedAt ? new Date(cardsRefreshedAt) : null,
  };
  for (const r of rows ?? []) {
    if (r.source !== 'hubspot' && r.source !== 'zendesk') continue;
    out[r.source] = {
      status: r.status,
      lastRunAt: new Date(r.last_run_at),
      lastSucceededAt: r.last_succeeded_at ? new Date(r.last_succeeded_at) : null,
      ...(r.paused_at ? { paused: { reason: r.paused_reason ?? '', since: new Date(r.paused_at) } } : {}),
    };
  }
  return out;
};

/** A timestamp as the ISO text `Date.toISOString()` writes (milliseconds, UTC). */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The latest run and the last successful run of one source of tenant `t`: two index lookups. */
const sourceRunsSql = (source: 'hubspot' | 'zendesk') => `
  LEFT JOIN LATERAL (SELECT status, started_at FROM sync_runs
    WHERE tenant_id = t.id AND source = '${source}' ORDER BY started_at DESC, id DESC LIMIT 1) ${source}_last ON true
  LEFT JOIN LATERAL (SELECT finished_at FROM sync_runs
    WHERE tenant_id = t.id AND source = '${source}' AND status = 'succeeded'
    ORDER BY started_at DESC, id DESC LIMIT 1) ${source}_ok ON true`;

const holds = `s.settings_changed_at IS NULL OR ${currentAsOf('m', 's')} >= s.settings_changed_at`;

/**
 * A card request's read, by the signed portal id: the tenant, the account's stored card while it
 * holds (as text), the sources' freshness and the saved coverage counts, all index lookups. A
 * prepared statement: planning it would cost more than running it.
 */
const cardBundleSql = `
  SELECT t.id, t.status,
    CASE WHEN ${holds} THEN m.card::text END AS card,
    CASE WHEN ${holds} THEN (m.card->'account')::text END AS account,
    CASE WHEN ${holds} THEN ${isoText(currentAsOf('m', 's'))} END AS computed_at,
    s.coverage, ${isoText('s.cards_refreshed_at')} AS cards_refreshed_at,
    hubspot_last.status AS hubspot_status, ${isoText('hubspot_last.started_at')} AS hubspot_run_at,
    ${isoText('hubspot_ok.finished_at')} AS hubspot_ok_at,
    zendesk_last.status AS zendesk_status, ${isoText('zendesk_last.started_at')} AS zendesk_run_at,
    ${isoText('zendesk_ok.finished_at')} AS zendesk_ok_at,
    ${isoText('t.zendesk_paused_at')} AS zendesk_paused_at, t.zendesk_paused_reason
  FROM tenants t
  LEFT JOIN account_metrics m ON m.tenant_id = t.id AND m.company_id = $2
  LEFT JOIN tenant_settings s ON s.tenant_id = t.id
  ${sourceRunsSql('hubspot')}
  ${sourceRunsSql('zendesk')}
  WHERE t.hubspot_portal_id = $1`;

interface CardBundleRow {
  id: string | number;
  status: string;
  card: string | null;
  account: string | null;
  computed_at: string | null;
  coverage: unknown;
  cards_refreshed_at: string | null;
  hubspot_status: string | null;
  hubspot_run_at: string | null;
  hubspot_ok_at: string | null;
  zendesk_status: string | null;
  zendesk_run_at: string | null;
  zendesk_ok_at: string | null;
  zendesk_paused_at: string | null;
  zendesk_paused_reason: string | null;
}

/**
 * A company card request's read in one round trip whatever the portfolio's size. Null when no
 * tenant has the portal.
 */
export async function readCardBundle(
  db: Db,
  portalId: number,
  companyId: string,
): Promise<CardBundle | null> {
  const [row] = await db.prepared<CardBundleRow>('csm_card_bundle', cardBundleSql, [portalId, companyId]);
  if (!row) return null;
  const runs: RunRow[] = [];
  if (row.hubspot_status && row.hubspot_run_at)
    runs.push({
      source: 'hubspot',
      status: row.hubspot_status,
      last_run_at: row.hubspot_run_at,
      last_succeeded_at: row.hubspot_ok_at,
      paused_at: null,
      paused_reason: null,
    });
  if (row.zendesk_status && row.zendesk_run_at)
    runs.push({
      source: 'zendesk',
      status: row.zendesk_status,
      last_run_at: row.zendesk_run_at,
      last_succeeded_at: row.zendesk_ok_at,
      paused_at: row.zendesk_paused_at,
      paused_reason: row.zendesk_paused_reason,
    });
  const stored = row.card !== null && row.account !== null;
  return {
    tenantId: Number(row.id),
    tenantActive: row.status === 'active',
    cardText: stored ? row.card : null,
    accountText: stored ? row.account : null,
    computedAt: stored ? row.computed_at : null,
    freshness: freshnessOf(runs, row.cards_refreshed_at),
    coverage: row.coverage ?? null,
  };
}

/** Per-account figures computed after each sync, and their daily snapshots. */
export interface AccountMetricsApi {
  /** Writes the changed cards of a batch and the batch's snapshot of `day`; how many cards were written. */
  save(
    tenantId: number,
    day: string,
    computedAt: Date,
    rows: readonly AccountMetricsRow[],
  ): Promise<{ written: number }>;
  /** A whole refresh checked every card of the tenant at `at` (unchanged ones are current as of it). */
  markRefreshed(tenantId: number, at: Date): Promise<void>;
  prune(tenantId: number): Promise<number>;
  snapshotsAround(
    tenantId: number,
    day: string,
    companyIds: readonly string[],
    toleranceDays?: number,
  ): Promise<Map<string, AccountSnapshot>>;
  history(tenantId: number, companyId: string, days?: number): Promise<AccountSnapshot[]>;
  /** The stored card of one account (one primary-key read), or null when none is stored or it predates a settings change. */
  card(tenantId: number, companyId: string): Promise<{ card: unknown; computedAt: Date } | null>;
  /** A company card request's whole read (tenant by portal, card as stored, freshness, coverage) in one statement. */
  cardBundle(portalId: number, companyId: string): Promise<CardBundle | null>;
  /** Every stored report element (numeric id order) and the oldest time one is current as of. */
  reports(tenantId: number): Promise<{ reports: unknown[]; oldest: Date | null; count: number }>;
}

export function accountMetricsApi(db: Db): AccountMetricsApi {
  return {
    save: (tenantId, day, computedAt, rows) => saveAccountMetrics(db, tenantId, day, computedAt, rows),
    markRefreshed: (tenantId, at) => markCardsRefreshed(db, tenantId, at),
    prune: (tenantId) => pruneAccountMetrics(db, tenantId),
    snapshotsAround: (tenantId, day, ids, tolerance) => snapshotsAround(db, tenantId, day, ids, tolerance),
    history: (tenantId, companyId, days) => accountHistory(db, tenantId, companyId, days),
    card: (tenantId, companyId) => readAccountCard(db, tenantId, companyId),
    reports: (tenantId) => readStoredReports(db, tenantId),
    cardBundle: (portalId, companyId) => readCardBundle(db, portalId, companyId),
  };
}

/** Per-tenant settings: the health model (JSON, validated by its reader), null = default. */
export interface SettingsApi {
  healthModel(tenantId: number): Promise<unknown>;
  saveHealthModel(tenantId: number, model: unknown): Promise<void>;
  /** The health model and windows with when an admin last changed them. */
  read(tenantId: number): Promise<SavedSettings>;
  save(tenantId: number, settings: { healthModel: unknown; windows: unknown }, at: Date): Promise<void>;
  /** Coverage counts saved by the last refresh, for cards. */
  coverage(tenantId: number): Promise<{ coverage: unknown; at: Date } | null>;
  saveCoverage(tenantId: number, coverage: unknown, at: Date): Promise<void>;
}

export function settingsApi(db: Db): SettingsApi {
  return {
    healthModel: (tenantId) => readHealthModel(db, tenantId),
    saveHealthModel: (tenantId, model) => saveHealthModel(db, tenantId, model),
    read: (tenantId) => readSettings(db, tenantId),
    save: (tenantId, settings, at) => saveSettings(db, tenantId, settings, at),
    coverage: (tenantId) => readSavedCoverage(db, tenantId),
    saveCoverage: (tenantId, coverage, at) => saveCoverage(db, tenantId, coverage, at),
  };
}

export interface FreshnessApi {
  /** When each source last ran and last succeeded. */
  freshness(tenantId: number): Promise<Freshness>;
}

export function freshnessApi(db: Db): FreshnessApi {
  return { freshness: (tenantId) => freshness(db, tenantId) };
}
