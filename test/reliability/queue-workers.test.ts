/**
 * Reliability of production mode: three `csm worker` processes on a real PostgreSQL take three
 * tenants' syncs from the queue while the simulated APIs fail (5xx, dropped connections, 429
 * bursts, slow answers), workers are SIGKILLed mid-sync at random (seeded) and replaced, and the
 * database restarts once mid-sync under them and under a running server. Afterwards the data equal
 * a clean run's, no job is lost (none failed, none left), HubSpot saw no duplicate write-back or
 * task, no worker died but those killed, and the server, never restarted, answered `/readyz` 200
 * before, 503 while the database was down, 200 again after, and its cards again.
 *
 * The restart is a TCP relay in front of PostgreSQL that the workers and the server connect
 * through (`pgProxy`): `down()` closes every connection at once and refuses new ones, which is
 * what clients see from `pg_ctl stop -m immediate`, and `up()` is the start. Stopping the real
 * server (`pg_ctlcluster 15 main restart`) would also cut every other test file that vitest runs
 * meanwhile on the same server, and anything else using it: the relay cuts this file's only.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AccountReport } from '@csm/accounts';
import { createSandbox, type ListeningSandbox, type Sandbox } from '@csm/sandbox';
import {
  addTenant,
  afterSyncPipeline,
  buildReport,
  type CliContext,
  JobQueue,
  loadConfig,
} from '@csm/server';
import { signedHubSpotGet, TEST_CLIENT_SECRET, TEST_PUBLIC_URL } from '@csm/server/test-utils';
import { generateKey, openStore, type Store } from '@csm/store';
import { dropSchema, type PgProxy, pgProxy, withApplicationName } from '@csm/store/test-utils';
import { createLogger, syncTenant } from '@csm/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../src/harness.ts';

const url = process.env.TEST_DATABASE_URL;
const child = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const serverChild = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const silent = createLogger({ level: 'silent' });
const SIZES = [300, 150, 80];
/** Seconds before a killed worker's job goes to another worker (CSM_JOB_EXPIRE_SECONDS). */
const EXPIRE_SECONDS = 10;
const faults = {
  serverErrorRate: 0.05,
  dropRate: 0.02,
  slowMs: 100,
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

/** Polls `check` until it returns something other than null / false (at most `ms`). */
async function until<T>(check: () => Promise<T | null | false>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await check();
    if (got !== null && got !== false) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
    /** Workers that ended without being killed (a crash): none may. */
    const died: string[] = [];
    const killed = new Set<ChildProcess>();
    let proxy: PgProxy;
    let server: ChildProcess | undefined;

    beforeAll(async () => {
      proxy = await pgProxy(withApplicationName(url!, appName));
      clean = await openStore({ databaseUrl: url!, schema: schemas.clean, encryptionKey: key });
      chaos = await openStore({ databaseUrl: url!, schema: schemas.chaos, encryptionKey: key });
      cleanPortals = await portals(clean, false);
      chaosPortals = await portals(chaos, true);
    });

    afterAll(async () => {
      for (const w of workers) w.kill('SIGKILL');
      server?.kill('SIGKILL');
      await proxy?.close();
      for (const p of [...cleanPortals, ...chaosPortals]) await p.server.close();
      await clean?.close();
      await chaos?.close();
      for (const s of Object.values(schemas)) await dropSchema(url!, s);
    });

    it('ends with the clean run’s data, no job lost, no duplicate write-back or task; the server rides out the restart', async () => {
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

      // The chaos run: jobs in the queue, three workers, kills and a restart. The first process to
      // create the queues sets their expiry, so this one uses the workers' (CSM_JOB_EXPIRE_SECONDS).
      const queue = await new JobQueue({
        databaseUrl: url!,
        schema: schemas.queue,
        expireInSeconds: EXPIRE_SECONDS,
        syncIntervalMinutes: 0,
        retryLimit: 50,
        retryDelaySeconds: 1,
      }).start();
      const recentPages = async () => {
        const [row] = await chaos.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM stream_cursors WHERE updated_at > now() - interval '2 seconds'",
        );
        return row?.n ?? 0;
      };
      const endpoints = Object.fromEntries(chaosPortals.map((p) => [String(p.tenantId), p.ctx.endpoints]));
      const spawnWorker = () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const w = fork(
            child,
            [
              JSON.stringify({
                databaseUrl: proxy.url,
                schema: schemas.chaos,
                queueSchema: schemas.queue,
                key,
                endpoints,
                expireInSeconds: EXPIRE_SECONDS,
              }),
            ],
            {
              execArgv: ['--import', 'tsx'],
              env: { ...process.env, PGAPPNAME: appName },
              stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            },
          );
          workers.add(w);
          w.once('exit', (code, signal) => {
            workers.delete(w);
            if (!killed.has(w)) died.push(`pid ${w.pid}: ${signal ?? code}`);
            reject(new Error(`a worker exited before it was ready (${signal ?? code})`));
          });
          w.once('message', () => resolve(w));
          w.once('error', reject);
        });
      for (let i = 0; i < 3; i++) await spawnWorker();

      // The server, on the same database through the same relay, for the whole run.
      server = fork(
        serverChild,
        [
          JSON.stringify({
            databaseUrl: proxy.url,
            schema: schemas.chaos,
            queueSchema: schemas.queue,
            expireInSeconds: EXPIRE_SECONDS,
            key,
            clientSecret: TEST_CLIENT_SECRET,
            publicUrl: TEST_PUBLIC_URL,
          }),
        ],
        { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
      );
      const serverUrl = await new Promise<string>((resolve, reject) => {
        server!.once('message', (m) => resolve((m as { url: string }).url));
        server!.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? code})`)));
      });
      let serverExit: string | undefined;
      server.once('exit', (code, signal) => {
        serverExit = String(signal ?? code);
      });
      const get = (path: string, init?: RequestInit) => fetch(`${serverUrl}${path}`, init);
      const [first] = chaosPortals as [Portal];
      const companyId = first.sandbox.data.companies[0]!.id;
      const card = () => {
        const signed = signedHubSpotGet(
          `/cards/hubspot/companies/${companyId}?portalId=${first.sandbox.credentials.hubspotPortalId}`,
        );
        const { pathname, search } = new URL(signed.url);
        return get(`${pathname}${search}`, { headers: signed.headers });
      };
      /** Polls `path` until it answers `status`. */
      const untilStatus = async (path: string, status: number, ms: number) => {
        const end = Date.now() + ms;
        for (;;) {
          const got = (await get(path)).status;
          if (got === status) return;
          if (Date.now() > end)
            throw new Error(`${path} still answers ${got}, not ${status}, after ${ms} ms`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      expect((await get('/readyz')).status).toBe(200);
      // Not synced yet: the database answers that there is no such account.
      expect((await card()).status).toBe(404);
      for (const p of chaosPortals)
        await queue.sendSync({ tenantId: p.tenantId, full: true, reason: 'install' });

      // Six times, 0.6-1.8 s apart: SIGKILL a worker that is syncing a tenant (it holds the tenant's
      // sync lease), picked at random, and start another; the database restarts after the second.
      const waits = sequence(7, 6, 600, 1800);
      let kills = 0;
      for (const [i, wait] of waits.entries()) {
        await new Promise((r) => setTimeout(r, wait));
        const busy = await until(async () => {
          const holders = await chaos.db.query<{ holder: string }>('SELECT holder FROM sync_leases');
          const pids = new Set(holders.map((h) => Number(h.holder.split(':')[1])));
          const list = [...workers].filter((w) => pids.has(w.pid!));
          return list.length > 0 ? list : null;
        }, 'a worker syncing a tenant, to kill');
        const victim = busy[sequence(11 + i, 1, 0, busy.length)[0]!]!;
        killed.add(victim);
        victim.kill('SIGKILL');
        kills += 1;
        await new Promise((r) => victim.once('exit', r));
        await spawnWorker();
        if (i === 1) {
          // The database restarts while a sync writes its pages (a checkpoint moved in the last 2 s).
          await until(
            async () => (await recentPages()) > 0,
            'a sync writing pages, to restart the database under',
          );
          expect((await get('/readyz')).status).toBe(200);
          await proxy.down();
          const downAt = Date.now();
          await untilStatus('/readyz', 503, 10_000);
          const refused = await card();
          expect(refused.status).toBe(503);
          expect(refused.headers.get('retry-after')).toBe('5');
          expect((await get('/healthz')).status).toBe(200);
          // Down for 3 s: long enough for every worker and the server to lose and miss it.
          await new Promise((r) => setTimeout(r, Math.max(0, downAt + 3000 - Date.now())));
          await proxy.up();
          await untilStatus('/readyz', 200, 30_000);
          expect([200, 404]).toContain((await card()).status);
        }
      }
      expect(kills).toBe(6);

      // A webhook-like round after the chaos, then wait for the queue to drain.
      for (const p of chaosPortals)
        await queue.sendSync({ tenantId: p.tenantId, full: false, reason: 'webhook' });
      const deadline = Date.now() + 120_000;
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
      expect(died).toEqual([]);
      for (const w of workers) {
        killed.add(w);
        w.kill('SIGTERM');
      }
      await queue.stop({ graceful: false });

      // The server never stopped; it answers the card with the figures the workers stored.
      expect(serverExit).toBeUndefined();
      expect((await get('/readyz')).status).toBe(200);
      const answered = await card();
      expect(answered.status).toBe(200);
      const { account } = (await answered.json()) as { account: { hubspotCompanyId: string } };
      const stored = (await chaos.accountMetrics.reports(first.tenantId)).reports as {
        hubspotCompanyId: string;
      }[];
      expect(account).toEqual(stored.find((r) => r.hubspotCompanyId === companyId));

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
        // The stored figures, but for the health score, which moves with the clock (the runs are
        // minutes apart): that is compared on figures computed from each store at one instant.
        const stored = async (s: Store, t: number) =>
          ((await s.accountMetrics.reports(t)).reports as AccountReport[]).map((r) => ({
            ...r,
            health: { ...r.health, score: null },
          }));
        expect(await stored(chaos, p.tenantId)).toEqual(await stored(clean, c.tenantId));
        const at = new Date();
        expect(await buildReport(chaos, `t${i}`, at)).toEqual(await buildReport(clean, `t${i}`, at));
        // HubSpot saw each company's figures written once, as in the clean run, and no task twice.
        expect(companyUpdates(p).sort()).toEqual(companyUpdates(c).sort());
        expect(companyUpdates(c)).toHaveLength(i === 0 ? SIZES[0]! : 0);
        expect(tasks(p).length).toBe(tasks(c).length);
      }
    }, 240_000);
  },
);
