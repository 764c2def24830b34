/**
 * @module
 * The sync engine: runs a tenant's HubSpot and Zendesk streams into the store with checkpoints,
 * rate budgets and retries, and turns the stored facts into per-account reports.
 */
export {
  type AccountCard,
  type AccountCardOptions,
  accountCard,
  type CardComponent,
  dayOf,
  type EarlierHealth,
  factsAt,
  TREND_DAYS,
} from './account-card.ts';
export {
  type AccountFigures,
  type AccountReport,
  accountFigures,
  accountReport,
  combinedCsat,
  mrrAt,
  reportOf,
} from './account-report.ts';
export {
  type ApiEndpoints,
  type ClientOptions,
  defaultEndpoints,
  type TenantClients,
  tenantClients,
} from './clients.ts';
export { createLogger, type Logger, redactPaths } from './logger.ts';
export { type RefreshOptions, refreshAccountMetrics, tenantHealthModel } from './refresh-account-metrics.ts';
export { type RunStreamOptions, runStream, type StreamProgress } from './run-stream.ts';
export { leaseHolder, type SyncLeaseOptions, withSyncLease } from './sync-lease.ts';
export { type SourceResult, type SyncResult, type SyncTenantOptions, syncTenant } from './sync-tenant.ts';
