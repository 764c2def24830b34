import { type AccountFactsApi, accountFactsApi } from './account-facts.ts';
import {
  type AccountMetricsApi,
  accountMetricsApi,
  type FreshnessApi,
  freshnessApi,
  type SettingsApi,
  settingsApi,
} from './account-metrics.ts';
import { type ApiKeysApi, apiKeysApi } from './api-keys.ts';
import { type StatisticsApi, statisticsApi } from './auto-analyze.ts';
import { type CardReadsApi, cardReadsApi } from './card-reads.ts';
import { type CoverageApi, coverageApi } from './coverage.ts';
import { keyFromString } from './crypto.ts';
import { type DashboardLinksApi, dashboardLinksApi } from './dashboard-links.ts';
import { type DashboardReadsApi, dashboardReadsApi } from './dashboard-reads.ts';
import { type Db, type DbHandle, openPg, openPglite } from './db.ts';
import { type HubSpotDeletionsApi, hubspotDeletionsApi } from './hubspot-deletions.ts';
import { type IngestApi, ingestApi } from './ingest-batches.ts';
import { migrate, migrationsApplied } from './migrate.ts';
import { type OrganizationsApi, organizationsApi } from './organizations.ts';
import { type PastSnapshotsApi, pastSnapshotsApi } from './past-snapshots.ts';
import { type PlaybooksApi, playbooksApi } from './playbooks.ts';
import { type RecordReadsApi, recordReadsApi } from './record-reads.ts';
import { type SettingsVersionsApi, settingsVersionsApi } from './settings-versions.ts';
import { type SyncLeasesApi, syncLeasesApi } from './sync-leases.ts';
import { type SyncRunsApi, syncRunsApi } from './sync-runs.ts';
import { type TenantLifecycleApi, tenantLifecycleApi } from './tenant-lifecycle.ts';
import { type TenantsApi, tenantsApi } from './tenants.ts';
import { type TouchedApi, touchedApi } from './touched-keys.ts';
import { type UsageApi, usageApi } from './usage.ts';
import { type WebhooksApi, webhooksApi } from './webhooks.ts';
import { type WriteBackApi, writeBackApi } from './write-back.ts';
import { type PagesApi, pagesApi } from './write-page.ts';

export interface OpenStoreOptions {
  /** PostgreSQL URL; unset = PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; unset or `memory://` = in memory. One process owns a folder (a lock beside it). */
  dataDir?: string;
  /** What this process is, as the folder's lock records it (`csm serve`). */
  owner?: string;
  /** pg only: a schema of its own (tests), created when missing. */
  schema?: string;
  /** 32 bytes, base64 or hex (`CSM_ENCRYPTION_KEY`). */
  encryptionKey: string;
}

/**
 * The store: everything the connectors, the sync engine and the server read and write. Each
 * module of this package provides its part; the top-level methods (pages and cursors, sync runs,
 * record reads, organization links, account facts, coverage, freshness) come from theirs too.
 */
export interface Store
  extends PagesApi,
    SyncRunsApi,
    RecordReadsApi,
    OrganizationsApi,
    AccountFactsApi,
    CoverageApi,
    FreshnessApi {
  readonly kind: 'pglite' | 'pg';
  /** The raw connection, for what the store does not cover (and tests). */
  readonly db: Db;
  readonly tenants: TenantsApi;
  /** The HubSpot app's install / uninstall per tenant, tenant deletion, the webhooks journal offset. */
  readonly lifecycle: TenantLifecycleApi;
  /** Webhook delivery ids already handled, and Zendesk webhook signing secrets (encrypted). */
  readonly webhooks: WebhooksApi;
  /** Records deleted in HubSpot (webhook deletion events), removed from the store. */
  readonly hubspotDeletions: HubSpotDeletionsApi;
  /** Whether every migration is applied (readiness). */
  migrationsApplied(): Promise<boolean>;
  /** Planner statistics kept current per tenant (after bulk writes; before a refresh). */
  readonly statistics: StatisticsApi;
  /** One active sync per tenant across processes: a lease with an expiry, renewed while it runs. */
  readonly syncLeases: SyncLeasesApi;
  /** Per-account figures computed after each sync, and their daily snapshots. */
  readonly accountMetrics: AccountMetricsApi;
  /** Per-tenant settings: the health model (JSON, validated by its reader), null = default. */
  readonly settings: SettingsApi;
  /** The few-row reads behind the deal, contact and Zendesk cards. */
  readonly cardReads: CardReadsApi;
  /** Saved versions of the tenant's settings (health model, windows), who saved them and why. */
  readonly settingsVersions: SettingsVersionsApi;
  /** Dashboard sign-in links, each usable once. */
  readonly dashboardLinks: DashboardLinksApi;
  /** The dashboard's set-based reads of stored cards, snapshots, coverage and runs. */
  readonly dashboardReads: DashboardReadsApi;
  /** Snapshots of past days reconstructed after the fact (never replacing a real one). */
  readonly pastSnapshots: PastSnapshotsApi;
  /** Per-tenant API keys of the ingestion API (only hashes are stored). */
  readonly apiKeys: ApiKeysApi;
  /** Ingestion batches: one transaction each, at most once per idempotency key. */
  readonly ingest: IngestApi;
  /** Product usage per account per day (ingested). */
  readonly usage: UsageApi;
  /** HubSpot company property write-back: what was last written per company. */
  readonly writeBack: WriteBackApi;
  /** Playbooks: per-tenant rules, trigger reads, and events claimed at most once per key. */
  readonly playbooks: PlaybooksApi;
  /** Keys of changed rows (captured by triggers) resolved to the accounts whose cards they move. */
  readonly touched: TouchedApi;
  close(): Promise<void>;
}

/**
 * Opens the store (PGlite or PostgreSQL) and applies pending migrations.
 *
 * @example
 * const store = await openStore({ encryptionKey: generateKey() }); // PGlite in memory
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const key = keyFromString(options.encryptionKey);
  const db: DbHandle = options.databaseUrl
    ? await openPg(options.databaseUrl, options.schema)
    : await openPglite(options.dataDir, options.owner);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }

  const statistics = statisticsApi(db);
  return {
    kind: db.kind,
    db,
    migrationsApplied: () => migrationsApplied(db),
    statistics,
    ...pagesApi(db, statistics.wrote),
    ...syncRunsApi(db),
    ...recordReadsApi(db),
    ...organizationsApi(db),
    ...accountFactsApi(db),
    ...coverageApi(db),
    ...freshnessApi(db),
    tenants: tenantsApi(db, key),
    lifecycle: tenantLifecycleApi(db),
    webhooks: webhooksApi(db, key),
    hubspotDeletions: hubspotDeletionsApi(db),
    syncLeases: syncLeasesApi(db),
    accountMetrics: accountMetricsApi(db),
    settings: settingsApi(db),
    cardReads: cardReadsApi(db),
    settingsVersions: settingsVersionsApi(db),
    dashboardLinks: dashboardLinksApi(db),
    dashboardReads: dashboardReadsApi(db),
    pastSnapshots: pastSnapshotsApi(db),
    apiKeys: apiKeysApi(db),
    ingest: ingestApi(db),
    usage: usageApi(db),
    writeBack: writeBackApi(db),
    playbooks: playbooksApi(db),
    touched: touchedApi(db),
    close: () => db.close(),
  };
}
