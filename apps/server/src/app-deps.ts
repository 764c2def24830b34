import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import type { Config } from './config.ts';
import type { ServerMetrics } from './http/server-metrics.ts';
import type { SyncRequests } from './sync-jobs/queued-syncs.ts';

/** What every route group may use; built once by `createServer` (or by a test). */
export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  metrics: ServerMetrics;
  /** Sync requests: the in-process scheduler (embedded) or the job queue (production). */
  scheduler: SyncRequests;
  now: () => Date;
  /** Where HubSpot and browsers reach us (PUBLIC_URL, else the listening address). */
  publicUrl: string;
  /** The dashboard without a password (`csm demo` on loopback only). */
  dashboardOpen?: boolean;
  /** The built dashboard app (default apps/dashboard/dist). */
  dashboardAssets?: string;
}
