/**
 * @module
 * The sync engine: runs a tenant's HubSpot and Zendesk streams into the store with checkpoints,
 * rate budgets and retries. Nothing about cards: the account model is `@csm/accounts`.
 */
export {
  type ApiEndpoints,
  type ClientOptions,
  defaultEndpoints,
  type TenantClients,
  tenantClients,
} from './clients.ts';
export { createLogger, type Logger, redactPaths } from './logger.ts';
export { type RunStreamOptions, runStream, type StreamProgress } from './run-stream.ts';
export { leaseHolder, type SyncLeaseOptions, withSyncLease } from './sync-lease.ts';
export { type SourceResult, type SyncResult, type SyncTenantOptions, syncTenant } from './sync-tenant.ts';
