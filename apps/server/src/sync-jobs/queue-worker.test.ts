import { randomBytes } from 'node:crypto';
import type { Store } from '@csm/store';
import { storeBackends } from '@csm/store/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProperties, type SandboxTenant, sandboxTenant, silent } from '../test-utils/write-back.ts';
import { JobQueue, QUEUES } from './job-queue.ts';
import { type QueueWorker, startQueueWorker } from './queue-worker.ts';

const url = process.env.TEST_DATABASE_URL;
const postgres = storeBackends().find((b) => b.name === 'postgres');

/** Production mode needs PostgreSQL: these tests run where TEST_DATABASE_URL is set (CI). */
describe.skipIf(!url || !postgres)('queue workers on postgres', () => {
  let store: Store;
  const queueSchema = `pgboss_${randomBytes(5).toString('hex')}`;
  const tenants: SandboxTenant[] = [];
  const queues: JobQueue[] = [];
  const workers: QueueWorker[] = [];

  const newQueue = async () => {
    const q = await new JobQueue({
      databaseUrl: url!,
      schema: queueSchema,
      syncIntervalMinutes: 0,
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
    }).start();
    queues.push(q);
    return q;
  };

  beforeAll(async () => {
    store = await postgres!.open();
    // Three portals whose HubSpot and Zendesk ids overlap, of different sizes.
    for (const [i, companies] of [24, 12, 6].entries()) {
      tenants.push(await sandboxTenant(store, { seed: 61 + i, companies, rateLimits: false }, `t${i}`));
    }
    await createAppProperties(await tenants[0]!.hubspot());
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    for (const q of queues) await q.stop({ graceful: false });
    for (const t of tenants) await t.close();
    await store?.db.exec(`DROP SCHEMA IF EXISTS ${queueSchema} CASCADE`);
    await store?.close();
    await postgres?.cleanup();
  });

  it('two workers take every tenant’s syncs, one at a time per tenant, and nothing twice', async () => {
    const sender = await newQueue();
    // The schedule's job: one sync per active tenant; then a burst of webhook-driven requests.
    await sender.boss.send(QUEUES.scheduleSyncs, {});
    const synced: number[] = [];
    for (let w = 0; w < 2; w++) {
      const queue = await newQueue();
      const config = { ...tenants[0]!.ctx.config, LOG_LEVEL: 'silent' as const };
      workers.push(
        await startQueueWorker({
          store,
          // Every tenant's sandbox listens elsewhere: the worker reads the endpoints per tenant below.
          config,
          logger: silent,
          queue,
          concurrency: 2,
          endpointsOf: (tenantId) => tenants.find((t) => t.tenant.id === tenantId)!.ctx.endpoints,
          onSynced: (tenantId) => synced.push(tenantId),
        }),
      );
    }
    for (let k = 0; k < 5; k++) {
      for (const t of tenants)
        await sender.sendSync({ tenantId: t.tenant.id, full: false, reason: 'webhook' });
    }

    // Until the queue is empty.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const sizes = await sender.sizes();
      const busy = Object.values(sizes).some((s) => s.queued + s.active > 0);
      if (!busy && synced.length >= tenants.length) break;
      if (Date.now() > deadline) throw new Error(`queue not drained: ${JSON.stringify(sizes)}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    // Every tenant synced, and a burst of 5 requests coalesced (at most one queued per tenant).
    for (const t of tenants) {
      const runs = synced.filter((id) => id === t.tenant.id).length;
      expect(runs).toBeGreaterThanOrEqual(1);
      expect(runs).toBeLessThanOrEqual(3);
    }
    // One active sync per tenant: no two runs of a tenant's source overlap in time.
    const rows = await store.db.query<{
      tenant_id: string;
      source: string;
      started_at: Date;
      finished_at: Date;
    }>(
      'SELECT tenant_id, source, started_at, finished_at FROM sync_runs ORDER BY tenant_id, source, started_at',
    );
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (a.tenant_id === b.tenant_id && a.source === b.source)
        expect(new Date(b.started_at).getTime()).toBeGreaterThanOrEqual(new Date(a.finished_at).getTime());
    }
    // Each tenant's figures are its own; the write-back went once per company to tenant 0's portal.
    for (const [i, n] of [24, 12, 6].entries()) {
      expect((await store.accountMetrics.reports(tenants[i]!.tenant.id)).count).toBe(n);
    }
    const updates = tenants[0]!.sandbox
      .writes()
      .filter((w) => w.path === '/crm/v3/objects/companies/batch/update')
      .flatMap((w) => (w.body as { inputs: { id: string }[] }).inputs.map((x) => x.id));
    expect(updates).toHaveLength(24);
    expect(new Set(updates).size).toBe(24);
  }, 120_000);
});
