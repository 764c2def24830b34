/**
 * @module
 * The store: one PostgreSQL schema and the same SQL on PGlite (embedded) and pg (server).
 * Canonical records, idempotent page writes committed with their cursor, encrypted tenant
 * credentials, identity resolution (docs/architecture.md, identity rules) as SQL, and coverage.
 *
 * @example
 * const store = await openStore({ encryptionKey: process.env.CSM_ENCRYPTION_KEY! });
 * const tenant = await store.tenants.upsert({ name: 'acme', hubspotPortalId: 1, credentials });
 * await store.writePage({ tenantId: tenant.id, stream: 'hubspot.companies', kind: 'companies', records, cursor });
 * const accounts = await store.accountFacts(tenant.id);
 */
export type { AccountFacts } from './account-facts.ts';
export type { AccountSnapshot, CardBundle, Freshness } from './account-metrics.ts';
export { API_KEY_PREFIX, type ApiKeyInfo, type ApiKeysApi, type CreatedApiKey } from './api-keys.ts';
export { IDENTITY_TABLES, type StatisticsApi } from './auto-analyze.ts';
export type {
  ContactRow,
  DealRow,
  PersonSurveyAnswer,
  PersonTicket,
  ZendeskOrganizationRow,
  ZendeskUserRow,
} from './card-reads.ts';
export { type AccountMetricsRow, cardContentHash } from './card-writes.ts';
export type { Coverage, CoverageItem } from './coverage.ts';
export { constantTimeEqual, generateKey, keyFromString } from './crypto.ts';
export type {
  AccountRecordEvent,
  DashboardAccountRow,
  SnapshotChange,
  UnmatchedOrganization,
} from './dashboard-reads.ts';
export {
  type DataDirLock,
  isAlive,
  type LockHolder,
  lockDataDir,
  lockFileOf,
  readLockHolder,
  StoreLockedError,
} from './data-dir-lock.ts';
export type { Db } from './db.ts';
export { DatabaseUnavailableError, isConnectionLoss } from './db-errors.ts';
export {
  DELETABLE_HUBSPOT_OBJECTS,
  type DeletableHubSpotObject,
  type HubSpotDeletion,
  type HubSpotDeletionsApi,
} from './hubspot-deletions.ts';
export type { IngestedAnswer, IngestKind, IngestOutcome, IngestWriter } from './ingest-batches.ts';
export { type Migration, migrations } from './migrate.ts';
export type { OrganizationLink } from './organizations.ts';
export { type AccountOwner, accountOwner, ownerColumns } from './owners.ts';
export { StoreFolderDamagedError } from './pglite-folder.ts';
export type { DetractorAnswer, HealthChange, PlaybookEvent, PlaybookEventKey } from './playbooks.ts';
export type { QuarantineRow } from './record-reads.ts';
export * from './records.ts';
export type { SettingsVersion } from './settings-versions.ts';
export { type OpenStoreOptions, openStore, type Store } from './store.ts';
export type { SyncMode, SyncRun, SyncRunStatus } from './sync-runs.ts';
export { type TenantDeletion, type TenantLifecycleApi, tenantTables } from './tenant-lifecycle.ts';
export {
  type Tenant,
  type TenantCredentials,
  type TenantInput,
  type TenantStatus,
  tenantCredentials,
} from './tenants.ts';
export type { TouchedAccounts, TouchedApi, TouchMark } from './touched-keys.ts';
export type { AccountUsageRow, LatestUsage } from './usage.ts';
export type { WriteBackCandidate } from './write-back.ts';
export type { QuarantinedRecord, WritePageInput } from './write-page.ts';
