/**
 * @module
 * The store: one PostgreSQL schema and the same SQL on PGlite (embedded) and pg (server).
 * Canonical records, idempotent page writes with their cursor, encrypted tenant credentials,
 * identity resolution (DESIGN.md's mapping rules) and coverage.
 */
export type { AccountFacts } from './account-facts.ts';
export type { Coverage, CoverageItem } from './coverage.ts';
export { constantTimeEqual, generateKey, keyFromString } from './crypto.ts';
export type { Db } from './db.ts';
export { migrations } from './migrate.ts';
export * from './records.ts';
export {
  type OpenStoreOptions,
  openStore,
  type QuarantinedRecord,
  type Store,
  type SyncRunSummary,
  type WritePageInput,
} from './store.ts';
export { type Tenant, type TenantCredentials, tenantCredentials } from './tenants.ts';
