/**
 * @module
 * The app's entry points as functions, for the end-to-end tests: configuration, the CLI's
 * commands (tenants, sync, report).
 */

export { type App, createApp } from './app.ts';
export { type CliContext, openContext, withContext } from './cli/context.ts';
export { CliError } from './cli/fail.ts';
export { buildReport, formatReport } from './cli/report.ts';
export { oauthCallback, runSync } from './cli/sync.ts';
export { addTenant, deleteTenant, showTenant } from './cli/tenants.ts';
export { type Config, ConfigError, configSchema, loadConfig } from './config.ts';
export { ensureDashboardBuilt } from './dashboard/dashboard-assets.ts';
export { reconstructHistory } from './dashboard/snapshot-history.ts';
export { hubspotSignatureV3, verifyHubSpotSignature } from './http/hubspot-signature.ts';
export { openConfiguredStore } from './open-store.ts';
export { createAppDeps, type RunningServer, startServer } from './server.ts';
export { type AfterSyncReport, afterSyncPipeline } from './sync-jobs/after-sync.ts';
export { JobQueue, type JobQueueOptions, QUEUES } from './sync-jobs/job-queue.ts';
export { keepAliveOnLostConnections } from './sync-jobs/lost-connection-guard.ts';
export { type QueueWorker, startQueueWorker } from './sync-jobs/queue-worker.ts';
