/**
 * Reliability of the embedded store (PGlite in CSM_DATA_DIR): `csm` processes killed with SIGKILL
 * at random (seeded) points while they create the data folder and while `csm sync` writes to it,
 * against simulated APIs that fail (5xx, dropped connections, 429 bursts, slow answers). Each
 * time the next command takes over the dead process's lock and opens the folder (PGlite replays
 * its write-ahead log); after a final complete sync the data and `csm report --json` equal a clean,
 * uninterrupted run's. Two tenants whose HubSpot and Zendesk ids overlap share the folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountReport } from '@csm/accounts';
import { createSandbox, type ListeningSandbox, type Sandbox } from '@csm/sandbox';
import { addTenant, buildReport, type CliContext, loadConfig, runSync } from '@csm/server';
import { generateKey, openStore, type Store } from '@csm/store';
import { createLogger } from '@csm/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csm, seededSequence, tenantsAddArgs } from '../src/csm-cli.ts';
import { quietOut, snapshot } from '../src/harness.ts';

const faults = {
  serverErrorRate: 0.05,
  dropRate: 0.02,
  slowMs: 15,
  rateLimitBurst: { every: 50, retryAfterSeconds: 1 },
};

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

interface Portal {
  name: string;
  sandbox: Sandbox;
  api: ListeningSandbox;
}

describe('the embedded store across SIGKILLs of csm (PGlite)', () => {
  const portals: Portal[] = [
    { name: 'acme', sandbox: createSandbox({ seed: 61, companies: 150, rateLimits: false }) },
    { name: 'globex', sandbox: createSandbox({ seed: 62, companies: 90, rateLimits: false }) },
  ].map((p) => ({ ...p, api: undefined as unknown as ListeningSandbox }));
  const key = generateKey();
  let dir: string;
  let clean: Store;
  const folder = () => join(dir, 'pgdata');
  const lockPid = async () => {
    try {
      return (JSON.parse(await readFile(`${folder()}.lock`, 'utf8')) as { pid: number }).pid;
    } catch {
      return null;
    }
  };
  const env = (p: Portal): NodeJS.ProcessEnv => ({
    CSM_DATA_DIR: dir,
    DATABASE_URL: '',
    CSM_ENCRYPTION_KEY: key,
    HUBSPOT_API_BASE_URL: p.api.hubspotBaseUrl,
    ZENDESK_API_BASE_URL: p.api.zendeskBaseUrl,
    SYNC_INTERVAL_MINUTES: '0',
    LOG_LEVEL: 'silent',
  });
  const addArgs = (p: Portal) => tenantsAddArgs(p.name, p.sandbox.credentials);

  beforeAll(async () => {
    for (const p of portals) {
      p.api = await p.sandbox.listen({ port: 0, host: '127.0.0.1' });
      p.sandbox.setFaults(faults);
    }
    dir = await mkdtemp(join(tmpdir(), 'csm-kill-'));
    // The clean run: both tenants synced once, uninterrupted, in a store of their own.
    clean = await openStore({ encryptionKey: key });
    for (const p of portals) {
      const ctx: CliContext = {
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        store: clean,
        logger: createLogger({ level: 'silent' }),
        endpoints: { hubspotBaseUrl: p.api.hubspotBaseUrl, zendeskBaseUrlTemplate: p.api.zendeskBaseUrl },
      };
      const c = p.sandbox.credentials;
      await addTenant(ctx, {
        name: p.name,
        hubspotToken: c.hubspotPrivateAppToken,
        zendeskSubdomain: c.zendeskSubdomain,
        zendeskEmail: c.zendeskEmail,
        zendeskToken: c.zendeskApiToken,
      });
      const result = await runSync(ctx, p.name, { out: quietOut() });
      expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
    }
  });
  afterAll(async () => {
    await clean?.close();
    for (const p of portals) await p.api?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a first command killed while it creates the data folder: the next one creates it', async () => {
    const [acme] = portals as [Portal];
    let killed = 0;
    // PGlite unpacks a new cluster for seconds once the folder's lock is taken: kill in that window.
    for (const delay of seededSequence(20261130, 3, 50, 1500)) {
      const run = csm(addArgs(acme), env(acme));
      await until(async () => (await lockPid()) === run.child.pid, 'the folder lock');
      const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      const ended = await run.done;
      clearTimeout(timer);
      if (ended.signal === 'SIGKILL') killed += 1;
      else expect(ended.code, ended.stderr).toBe(0);
      // Never a half-built folder in place: either none (or an empty one) or a whole cluster.
      const files = await readdir(folder()).catch(() => [] as string[]);
      if (files.length > 0) expect(files).toContain('PG_VERSION');
    }
    expect(killed).toBeGreaterThan(0);
    const added = await csm(addArgs(acme), env(acme)).done;
    expect(added.code, added.stderr).toBe(0);
    expect((await readdir(dir)).filter((f) => f.startsWith('pgdata')).sort()).toEqual(['pgdata']);
  }, 180_000);

  it('csm sync killed at random points: the next command opens the folder; a rerun ends with the clean run’s data and report', async () => {
    const [acme, globex] = portals as [Portal, Portal];
    for (const p of portals) {
      const added = await csm(addArgs(p), env(p)).done;
      expect(added.code, added.stderr).toBe(0);
    }

    // Kills while a sync writes pages (`sync`) or while the folder is being opened, its write-ahead
    // log replayed (`open`). A sync is killed a few milliseconds after the k-th of its ten streams
    // reports done (k at most 6), so that it dies with streams still being written however fast
    // the machine; a wall-clock delay from its start let a fast sync end first. The first sync of a
    // tenant reads everything; the later ones are `--full` so that every stream has pages to write.
    const plans = [
      { portal: acme, at: 'sync', full: false },
      { portal: globex, at: 'sync', full: false },
      { portal: acme, at: 'open', full: true },
      { portal: acme, at: 'sync', full: true },
      { portal: globex, at: 'sync', full: true },
    ] as const;
    const delays = seededSequence(7331, plans.length, 0, 2500);
    const streamsDone = seededSequence(4242, plans.length, 1, 7);
    let kills = 0;
    for (const [i, plan] of plans.entries()) {
      const run = csm(
        ['sync', '--tenant', plan.portal.name, ...(plan.full ? ['--full'] : [])],
        env(plan.portal),
      );
      let timer: NodeJS.Timeout | undefined;
      const kill = (ms: number) => {
        timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
      };
      if (plan.at === 'sync') {
        // In a pipe, the sync prints one line per finished stream.
        let lines = 0;
        run.child.stderr?.on('data', (chunk) => {
          const before = lines;
          lines += String(chunk).split('\n').length - 1;
          if (before < streamsDone[i]! && lines >= streamsDone[i]!) kill(delays[i]! % 150);
        });
      } else {
        // The lock taken over from the killed process, PGlite starting: kill within its open.
        await until(async () => (await lockPid()) === run.child.pid, 'the lock taken over');
        kill(delays[i]! % 400);
      }
      const ended = await run.done;
      clearTimeout(timer);
      if (ended.signal === 'SIGKILL') {
        kills += 1;
        // The dead process's lock stays behind, for the next command to take over.
        expect(await lockPid()).toBe(run.child.pid);
      } else expect(ended.code, ended.stderr).toBe(0);
    }
    expect(kills).toBeGreaterThanOrEqual(4);

    // The final, complete rerun of each tenant, then its report.
    for (const p of portals) {
      const synced = await csm(['sync', '--tenant', p.name], env(p)).done;
      expect(synced.code, synced.stderr).toBe(0);
      const report = await csm(['report', '--tenant', p.name, '--json'], env(p)).done;
      expect(report.code, report.stderr).toBe(0);
      expect(scoreless(JSON.parse(report.stdout) as AccountReport[])).toEqual(
        scoreless(await buildReport(clean, p.name)),
      );
    }
    expect(existsSync(`${folder()}.lock`)).toBe(false);

    const store = await openStore({ dataDir: folder(), encryptionKey: key });
    try {
      for (const p of portals) {
        const mine = (await store.tenants.get(p.name))!;
        const theirs = (await clean.tenants.get(p.name))!;
        const data = await snapshot(store, mine.id);
        expect(data.companies).toHaveLength(p.sandbox.data.companies.length);
        expect(data).toEqual(await snapshot(clean, theirs.id));
        const runs = await store.db.query<{ status: string }>(
          'SELECT status FROM sync_runs WHERE tenant_id = $1 ORDER BY id',
          [mine.id],
        );
        expect(runs.at(-1)?.status).toBe('succeeded');
        // The health score too, computed from each store at one instant.
        const at = new Date();
        expect(await buildReport(store, p.name, at)).toEqual(await buildReport(clean, p.name, at));
      }
      // Every index agrees with its table after the replays (a unique index would refuse duplicates).
      await store.db.exec('REINDEX SCHEMA public');
    } finally {
      await store.close();
    }
  }, 420_000);
});

/** The reports without the health score, which moves with the clock (the runs are minutes apart). */
const scoreless = (reports: AccountReport[]) =>
  reports.map((r) => ({ ...r, health: { ...r.health, score: null } }));
