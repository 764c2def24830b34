import type { SyncResult } from '@csm/sync';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one server: request latency by route, sync runs and records by source
 * and outcome, rate-limit waits, and in production mode the job queue (jobs waiting and active per
 * queue, jobs this process finished by outcome). A registry per server (not prom-client's global one), so that
 * tests may start several.
 */
export function createServerMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'csm_' });
  const requestSeconds = new Histogram({
    name: 'csm_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const syncRuns = new Counter({
    name: 'csm_sync_runs_total',
    help: 'Finished sync runs by source and status',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
  });
  const syncRecords = new Counter({
    name: 'csm_sync_records_total',
    help: 'Records written by syncs, by source',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const rateLimitWaits = new Counter({
    name: 'csm_rate_limit_waits_total',
    help: 'Answers 429 that made a sync wait, by source',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const syncSeconds = new Histogram({
    name: 'csm_sync_duration_seconds',
    help: 'Duration of scheduled syncs',
    buckets: [1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'csm_jobs_total',
    help: 'Queue jobs this process finished, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  let queueSizes: (() => Promise<Record<string, { queued: number; active: number }>>) | null = null;
  new Gauge({
    name: 'csm_queue_jobs',
    help: 'Jobs in the queue (all processes), by queue and state (queued: created or to retry; active)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      if (!queueSizes) return;
      try {
        for (const [queue, n] of Object.entries(await queueSizes())) {
          this.set({ queue, state: 'queued' }, n.queued);
          this.set({ queue, state: 'active' }, n.active);
        }
      } catch {
        // The database may be away: the scrape still answers, without fresh queue figures.
      }
    },
  });
  return {
    registry,
    requestSeconds,
    recordJob(queue: string, outcome: 'completed' | 'failed') {
      jobs.inc({ queue, outcome });
    },
    /** Reports the queue's sizes on each scrape. */
    watchQueue(sizes: () => Promise<Record<string, { queued: number; active: number }>>) {
      queueSizes = sizes;
    },
    recordSync(result: SyncResult, seconds: number) {
      syncSeconds.observe(seconds);
      for (const s of result.sources) {
        syncRuns.inc({ source: s.source, status: s.status });
        syncRecords.inc(
          { source: s.source },
          s.streams.reduce((n, p) => n + p.records, 0),
        );
        rateLimitWaits.inc({ source: s.source }, s.requests.rateLimited);
      }
    },
  };
}
export type ServerMetrics = ReturnType<typeof createServerMetrics>;
