import type { Logger } from '@csm/sync';
import PgBoss from 'pg-boss';
import type { Config } from '../config.ts';
import type { SyncRequest } from './sync-scheduler.ts';

/**
 * The production job queue: pg-boss on the store's PostgreSQL database (its own schema), shared
 * by every `csm serve` replica (which enqueue) and every `csm worker` (which take jobs).
 *
 * - `csm-sync`: one tenant's sync and the after-sync pipeline. Policy `stately` keyed by tenant:
 *   at most one queued and one active job per tenant across all workers (a unique index in the
 *   queue's table), so a burst of webhooks costs one follow-up sync and two workers never sync
 *   one tenant at once (the sync lease guards it again inside the job).
 * - `csm-refresh`: a tenant's figures after an ingestion batch or for the daily snapshot; stately too.
 * - `csm-schedule-syncs` and `csm-daily-snapshots`: cron schedules kept in the queue's tables, not
 *   in a process; whichever process runs pg-boss's clock fires them once, and their job enqueues
 *   one job per active tenant.
 *
 * A job whose worker dies stays active until it expires (`expireInSeconds`), then is retried by
 * another worker: nothing is lost. Retried work is idempotent: pages are upserts committed with
 * their cursor, write-back sends only what changed since it last recorded a write, playbooks claim
 * each event key once.
 */
export const QUEUES = {
  sync: 'csm-sync',
  refresh: 'csm-refresh',
  scheduleSyncs: 'csm-schedule-syncs',
  dailySnapshots: 'csm-daily-snapshots',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface SyncJob {
  tenantId: number;
  full: boolean;
  reason: string;
}

export interface RefreshJob {
  tenantId: number;
  reason: string;
}

export interface JobQueueOptions {
  databaseUrl: string;
  /** The queue's schema (default `pgboss`); tests give each run its own. */
  schema?: string;
  /** Seconds before an active job whose worker stopped answering is handed to another worker. */
  expireInSeconds?: number;
  /** Minutes between two scheduled syncs of every tenant (0: none). */
  syncIntervalMinutes?: number;
  /** Tries after the first failure, with exponential backoff from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
  /** Told of what pg-boss reports while it runs (lost connections, failed polls); it carries on. */
  onError?: (error: Error) => void;
}

/** A tenant's key in the stately queues. */
const tenantKey = (tenantId: number) => `tenant:${tenantId}`;

export class JobQueue {
  readonly boss: PgBoss;
  readonly #options: Required<Omit<JobQueueOptions, 'schema' | 'onError'>>;
  #started = false;

  constructor(options: JobQueueOptions) {
    this.#options = {
      databaseUrl: options.databaseUrl,
      expireInSeconds: options.expireInSeconds ?? 2 * 3600,
      syncIntervalMinutes: options.syncIntervalMinutes ?? 15,
      retryLimit: options.retryLimit ?? 5,
      retryDelaySeconds: options.retryDelaySeconds ?? 30,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    };
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema ?? 'pgboss',
      max: 4,
      // Expired jobs are found by the maintenance round: run it often enough that a dead worker's
      // job is handed on within about 1.5 x its expiry.
      maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.floor(this.#options.expireInSeconds / 2))),
    });
    // pg-boss reports a lost connection (a database restart) as an 'error' event, which would crash
    // the process without a listener; it retries its polling and maintenance on its own.
    this.boss.on('error', (error) => options.onError?.(error));
  }

  /**
   * Starts pg-boss (creating or migrating its schema), the queues and the schedules. Safe to call
   * from every process at once: each step is an upsert.
   */
  async start(): Promise<this> {
    if (this.#started) return this;
    await this.boss.start();
    const o = this.#options;
    const retry = { retryLimit: o.retryLimit, retryDelay: o.retryDelaySeconds, retryBackoff: true };
    for (const [name, policy] of [
      [QUEUES.sync, 'stately'],
      [QUEUES.refresh, 'stately'],
      [QUEUES.scheduleSyncs, 'singleton'],
      [QUEUES.dailySnapshots, 'singleton'],
    ] as const) {
      await this.#createQueue(name, { policy, expireInSeconds: o.expireInSeconds, ...retry });
    }
    if (o.syncIntervalMinutes > 0) {
      await this.boss.schedule(QUEUES.scheduleSyncs, everyMinutes(o.syncIntervalMinutes), {}, { tz: 'UTC' });
    } else {
      await this.boss.unschedule(QUEUES.scheduleSyncs);
    }
    await this.boss.schedule(QUEUES.dailySnapshots, '5 0 * * *', {}, { tz: 'UTC' });
    this.#started = true;
    return this;
  }

  async #createQueue(name: QueueName, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
    try {
      await this.boss.createQueue(name, { name, ...options });
    } catch (error) {
      // Two processes creating the queue at once: the other one won.
      if (!(await this.boss.getQueue(name))) throw error;
    }
  }

  /** Enqueues a tenant's sync; null when one is already queued for the tenant (it covers this one). */
  sendSync(job: SyncJob): Promise<string | null> {
    return this.boss.send(QUEUES.sync, job, { singletonKey: tenantKey(job.tenantId) });
  }

  /** Enqueues a refresh of a tenant's figures; null when one is already queued. */
  sendRefresh(job: RefreshJob): Promise<string | null> {
    return this.boss.send(QUEUES.refresh, job, { singletonKey: tenantKey(job.tenantId) });
  }

  /** Jobs waiting (created or to be retried) and active, per queue, for /metrics. */
  async sizes(): Promise<Record<QueueName, { queued: number; active: number }>> {
    const out = {} as Record<QueueName, { queued: number; active: number }>;
    for (const name of Object.values(QUEUES)) {
      const queued = await this.boss.getQueueSize(name, { before: 'active' });
      const upToActive = await this.boss.getQueueSize(name, { before: 'completed' });
      out[name] = { queued, active: upToActive - queued };
    }
    return out;
  }

  get pollingIntervalSeconds(): number {
    return this.#options.pollingIntervalSeconds;
  }

  /** Stops taking jobs; `graceful` waits for running handlers (up to `timeoutMs`). */
  async stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.boss.stop({
      graceful: options.graceful ?? true,
      wait: true,
      timeout: options.timeoutMs ?? 30_000,
    });
  }
}

/** A cron expression firing every `minutes` (a divisor of 60 fires on the clock; others hourly multiples). */
export function everyMinutes(minutes: number): string {
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.max(1, Math.round(minutes / 60));
  return `0 */${hours} * * *`;
}

/** A sync request of the HTTP side (webhooks, installs) as a queued job. */
export function syncJobOf(request: SyncRequest): SyncJob {
  // `only` is not carried: a queued sync runs every stream incrementally (cheap), so requests that
  // coalesce into one queued job never lose a stream one of them named.
  return { tenantId: request.tenantId, full: request.full ?? false, reason: request.reason };
}

/** The job queue of the configured PostgreSQL database, started (schema, queues, schedules). */
export function openJobQueue(config: Config, databaseUrl: string, logger?: Logger): Promise<JobQueue> {
  return new JobQueue({
    databaseUrl,
    ...(logger ? { onError: (error: Error) => logger.warn({ err: error.message }, 'job queue error') } : {}),
    schema: config.CSM_QUEUE_SCHEMA,
    expireInSeconds: config.CSM_JOB_EXPIRE_SECONDS,
    syncIntervalMinutes: config.SYNC_INTERVAL_MINUTES,
  }).start();
}
