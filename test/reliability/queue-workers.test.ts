/**
 * Reliability of production mode: three `csm worker` processes on a real PostgreSQL take three
 * tenants' syncs from the queue while the simulated APIs fail (5xx, dropped connections, 429
 * bursts, slow answers), workers are SIGKILLed at random (seeded) and replaced, and the database
 * "restarts" once mid-sync. The machine's PostgreSQL is shared, so the restart is simulated by
 * terminating every backend of the workers (pg_terminate_backend on their application name): each
 * worker loses all its connections at once, as on a restart. Afterwards the data equal a clean
 * run's, no job is lost (none failed, none left), and HubSpot saw no duplicate write-back or task.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createSandbox, type ListeningSandbox, type Sandbox } from '@csm/sandbox';
import { addTenant, afterSyncPipeline, type CliContext, JobQueue, loadConfig } from '@csm/server';
import { generateKey, openStore, type Store } from '@csm/store';
import { createLogger, syncTenant } from '@csm/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../src/harness.ts';

const url = process.env.TEST_DATABASE_URL;
const child = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const silent = createLogger({ level: 'silent' });
const SIZES = [40, 20, 10];
const faults = {
  serverErrorRate: 0.05,
  dropRate: 0.02,
  slowMs: 15,
  rateLimitBurst: { every: 50, retryAfterSeconds: 1 },
};

interface Portal {
  sandbox: Sandbox;
  server: ListeningSandbox;
  ctx: CliContext;
  tenantId: number;
}

/** Three portals (ids overlapping) registered as tenants of `store`; tenant 0's has the app's properties. */
async function portals(store: Store, withFaults: boolean): Promise<Portal[]> {
  const out: Portal[] = [];
  for (const [i, companies] of SIZES.entries()) {
    const sandbox = createSandbox({ seed: 71 + i, companies, rateLimits: false });
    const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const ctx: CliContext = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      store,
      logger: silent,
      endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
    };
    const c = sandbox.credentials;
    const tenant = await addTenant(ctx, {
      name: `t${i}`,
      hubspotToken: c.hubspotPrivateAppToken,
      zendeskSubdomain: c.zendeskSubdomain,
      zendeskEmail: c.zendeskEmail,
      zendeskToken: c.zendeskApiToken,
    });
    if (i === 0) {
      // The app's company properties, as an install creates them, so that write-back writes.
      const { appPropertyDefinitions, APP_PROPERTY_GROUP } = await import('@csm/hubspot');
      const post = (path: string, body: unknown) =>
        fetch(`${server.hubspotBaseUrl}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${c.hubspotPrivateAppToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        });
      await post('/crm/v3/properties/companies/groups', APP_PROPERTY_GROUP);
      for (const d of appPropertyDefinitions.companies)
        await post('/crm/v3/properties/companies', { ...d, groupName: APP_PROPERTY_GROUP.name });
    }
    if (withFaults) sandbox.setFaults(faults);
    out.push({ sandbox, server, ctx, tenantId: tenant.id });
  }
  return out;
}

/** A seeded sequence in [min, max), so a failing run can be replayed. */
function sequence(seed: number, n: number, min: number, max: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return min + (x % (max - min));
  });
}

const writesOf = (p: Portal, path: string) => p.sandbox.writes().filter((w) => w.path === path);
const companyUpdates = (p: Portal) =>
  writesOf(p, '/crm/v3/objects/companies/batch/update').flatMap((w) =>
    (w.body as { inputs: { id: string; properties: Record<string, string> }[] }).inputs.map(
      (x) => `${x.id}:${x.properties.csm_health_band ?? ''}`,
    ),
  );
const tasks = (p: Portal) =>
  p.sandbox.writes().filter((w) => w.path.startsWith('/crm/v3/objects/tasks') && w.method === 'POST');

describe.skipIf(!url)(
  'three queue workers killed at random, faulty APIs, a database restart (PostgreSQL)',
  () => {
    const id = randomBytes(4).toString('hex');
    const schemas = { clean: `rel_clean_${id}`, chaos: `rel_chaos_${id}`, queue: `rel_queue_${id}` };
    const appName = `csm-reliability-${id}`;
    const key = generateKey();
    let clean: Store;
    let chaos: Store;
    let cleanPortals: Portal[] = [];
    let chaosPortals: Portal[] = [];
    const workers = new Set<ChildProcess>();

    beforeAll(async () => {
      clean = await openStore({ databaseUrl: url!, schema: schemas.clean, encryptionKey: key });
      chaos = await openStore({ databaseUrl: url!, schema: schemas.chaos, encryptionKey: key });
      cleanPortals = await portals(clean, false);
      chaosPortals = await portals(chaos, true);
    });

    afterAll(async () => {
      for (const w of workers) w.kill('SIGKILL');
      for (const p of [...cleanPortals, ...chaosPortals]) await p.server.close();
      await clean?.close();
      await chaos?.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const s of Object.values(schemas)) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await client.end();
    });

    it('ends with the clean run’s data, no job lost, no duplicate write-back or task', async () => {
      // The clean run: each tenant synced once, in process, no faults.
      for (const p of cleanPortals) {
        const tenant = (await clean.tenants.getById(p.tenantId))!;
        const result = await syncTenant({
          store: clean,
          tenant,
          full: true,
          endpoints: p.ctx.endpoints,
          logger: silent,
        });
        expect(result.ok).toBe(true);
        await afterSyncPipeline({
          store: clean,
          config: p.ctx.config,
          logger: silent,
          now: () => new Date(),
          endpoints: p.ctx.endpoints,
        })(tenant, result);
      }

      // The chaos run: jobs in the queue, three workers, kills and a restart.
      const queue = await new JobQueue({
        databaseUrl: url!,
        schema: schemas.queue,
        syncIntervalMinutes: 0,
        retryLimit: 50,
        retryDelaySeconds: 1,
      }).start();
      const endpoints = Object.fromEntries(chaosPortals.map((p) => [String(p.tenantId), p.ctx.endpoints]));
      const spawnWorker = () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const w = fork(
            child,
            [
              JSON.stringify({
                databaseUrl: url,
                schema: schemas.chaos,
                queueSchema: schemas.queue,
                key,
                endpoints,
                expireInSeconds: 6,
              }),
            ],
            {
              execArgv: ['--import', 'tsx'],
              env: { ...process.env, PGAPPNAME: appName },
              stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            },
          );
          workers.add(w);
          w.once('exit', () => workers.delete(w));
          w.once('message', () => resolve(w));
          w.once('error', reject);
        });
      for (let i = 0; i < 3; i++) await spawnWorker();
      for (const p of chaosPortals)
        await queue.sendSync({ tenantId: p.tenantId, full: true, reason: 'install' });

      // Kill a random worker every 1.5-4 s (six times), replacing it; the database restarts after the second.
      const waits = sequence(7, 6, 1500, 4000);
      let kills = 0;
      for (const [i, wait] of waits.entries()) {
        await new Promise((r) => setTimeout(r, wait));
        const list = [...workers];
        const victim = list[sequence(11 + i, 1, 0, list.length)[0]!];
        if (victim) {
          victim.kill('SIGKILL');
          kills += 1;
          await new Promise((r) => victim.once('exit', r));
        }
        await spawnWorker();
        if (i === 1) {
          const admin = new pg.Client({ connectionString: url });
          await admin.connect();
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
            [appName],
          );
          await admin.end();
        }
      }
      expect(kills).toBe(6);

      // A webhook-like round after the chaos, then wait for the queue to drain.
      for (const p of chaosPortals)
        await queue.sendSync({ tenantId: p.tenantId, full: false, reason: 'webhook' });
      const deadline = Date.now() + 90_000;
      for (;;) {
        const sizes = await queue.sizes();
        if (Object.values(sizes).every((s) => s.queued + s.active === 0)) break;
        if (Date.now() > deadline) throw new Error(`queue not drained: ${JSON.stringify(sizes)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const [failed] = await chaos.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${schemas.queue}.job WHERE name = 'csm-sync' AND state = 'failed'`,
      );
      expect(Number(failed?.n)).toBe(0);
      for (const w of workers) w.kill('SIGTERM');
      await queue.stop({ graceful: false });

      for (const [i, p] of chaosPortals.entries()) {
        const c = cleanPortals[i]!;
        // Our own write-back moves a company's modification time in HubSpot, and the chaos run syncs
        // again after it: that field aside, the records are the same.
        const records = async (s: Store, t: number) => {
          const all = await snapshot(s, t);
          all.companies = all.companies!.map((x) => ({ ...(x as object), updatedAt: null }));
          return all;
        };
        expect(await records(chaos, p.tenantId)).toEqual(await records(clean, c.tenantId));
        // The health score moves a little with the clock (runs a minute apart): compared within 0.01.
        const reports = async (s: Store, t: number) =>
          (await s.accountMetrics.reports(t)).reports as {
            health: { score: number | null };
          }[];
        const [gotReports, wantReports] = [
          await reports(chaos, p.tenantId),
          await reports(clean, c.tenantId),
        ];
        const scoreless = (r: { health: object }) => ({ ...r, health: { ...r.health, score: null } });
        expect(gotReports.map(scoreless)).toEqual(wantReports.map(scoreless));
        for (const [k, r] of gotReports.entries())
          expect(r.health.score ?? 0).toBeCloseTo(wantReports[k]!.health.score ?? 0, 1);
        // HubSpot saw each company's figures written once, as in the clean run, and no task twice.
        expect(companyUpdates(p).sort()).toEqual(companyUpdates(c).sort());
        expect(companyUpdates(c)).toHaveLength(i === 0 ? SIZES[0]! : 0);
        expect(tasks(p).length).toBe(tasks(c).length);
      }
    }, 240_000);
  },
);
