import { randomBytes } from 'node:crypto';
import { createSandbox } from '@csm/sandbox';
import { createAppDeps, loadConfig } from '@csm/server';
import { generateKey, openStore, type Store } from '@csm/store';
import {
  countBackends,
  dropSchema,
  holdTableLock,
  type PgProxy,
  pgProxy,
  withApplicationName,
} from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csm, schemaUrl, tenantsAddArgs } from './csm-cli.ts';
import { snapshot } from './harness.ts';

const url = process.env.TEST_DATABASE_URL;

const until = async (check: () => Promise<boolean>, what: string, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * `pg_ctl stop -m immediate` in the middle of a sync, then a restart: the machine's PostgreSQL is
 * shared by other work, so the stop is a TCP relay in front of it dropping every connection at
 * once and refusing new ones (what clients see when the server stops), and `up()` the restart.
 * The server's scheduler and `csm sync` both fail the run with the reason and keep the process
 * (or exit with one line); the next sync ends with exactly the data of an uninterrupted one.
 */
describe.skipIf(!url)('a sync across a database restart (PostgreSQL)', () => {
  const tag = randomBytes(4).toString('hex');
  const application = `csm-restart-${tag}`;
  const schemas = { server: `restart_srv_${tag}`, cli: `restart_cli_${tag}`, clean: `restart_clean_${tag}` };
  const sandbox = createSandbox({ seed: 41, companies: 300, rateLimits: false, faults: { slowMs: 30 } });
  const key = generateKey();
  let api: Awaited<ReturnType<typeof sandbox.listen>>;
  let proxy: PgProxy;
  const addArgs = tenantsAddArgs('acme', sandbox.credentials);
  const env = (databaseUrl: string) => ({
    DATABASE_URL: databaseUrl,
    CSM_ENCRYPTION_KEY: key,
    HUBSPOT_API_BASE_URL: api.hubspotBaseUrl,
    ZENDESK_API_BASE_URL: api.zendeskBaseUrl,
    LOG_LEVEL: 'silent',
  });

  beforeAll(async () => {
    api = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    proxy = await pgProxy(withApplicationName(url!, application));
    // Opening a store creates its schema and migrates it.
    for (const schema of Object.values(schemas)) await (await open(schema)).close();
    // The clean run: the same sandbox synced once, without interruption.
    const added = await csm(addArgs, env(schemaUrl(url!, schemas.clean))).done;
    expect(added.code, added.stderr).toBe(0);
    const clean = await csm(['sync', '--tenant', 'acme'], env(schemaUrl(url!, schemas.clean))).done;
    expect(clean.code, clean.stderr).toBe(0);
  });
  afterAll(async () => {
    await proxy?.up();
    await proxy?.close();
    await api?.close();
    for (const schema of Object.values(schemas)) await dropSchema(url!, schema);
  });

  const open = (schema: string, via = url!) => openStore({ databaseUrl: via, schema, encryptionKey: key });
  async function expectCleanData(store: Store) {
    const clean = await open(schemas.clean);
    try {
      const mine = await snapshot(store, (await store.tenants.get('acme'))!.id);
      expect(mine.companies?.length).toBe(sandbox.data.companies.length);
      expect(mine).toEqual(await snapshot(clean, (await clean.tenants.get('acme'))!.id));
    } finally {
      await clean.close();
    }
  }

  it('the server: the scheduled sync fails with the reason, the process stays up, the next sync completes the data', async () => {
    const added = await csm(addArgs, env(schemaUrl(url!, schemas.server))).done;
    expect(added.code, added.stderr).toBe(0);
    const store = await open(schemas.server, proxy.url);
    const direct = await open(schemas.server);
    try {
      const config = loadConfig({
        HUBSPOT_API_BASE_URL: api.hubspotBaseUrl,
        ZENDESK_API_BASE_URL: api.zendeskBaseUrl,
        SYNC_INTERVAL_MINUTES: '0',
      });
      const deps = createAppDeps({
        config,
        store,
        publicUrl: 'http://127.0.0.1:1',
        logger: createLogger({ level: 'silent' }),
      });
      const tenant = (await store.tenants.get('acme'))!;
      const first = deps.scheduler.enqueue({ tenantId: tenant.id, reason: 'test' });
      await until(async () => (await direct.countRecords(tenant.id, 'companies')) > 0, 'the first pages');
      // Stop the server while a page's transaction is open: it waits on the cursor table, then the
      // connection drops under it.
      const lock = await holdTableLock(url!, schemas.server, 'stream_cursors');
      try {
        await until(
          async () => (await countBackends(url!, application, "wait_event_type = 'Lock'")) > 0,
          'a page transaction waiting on the cursor table',
        );
        await proxy.down();
      } finally {
        await lock.release();
      }
      await first;
      await new Promise((r) => setTimeout(r, 200));

      await proxy.up();
      await deps.scheduler.enqueue({ tenantId: tenant.id, reason: 'test' });
      await deps.scheduler.close();
      const runs = await direct.db.query<{ status: string; error: string | null }>(
        'SELECT status, error FROM sync_runs ORDER BY id',
      );
      expect(runs.filter((r) => r.status === 'running')).toEqual([]);
      // The interrupted runs failed, with the reason or as interrupted; the last round succeeded.
      expect(
        runs.some((r) => r.status === 'failed' && /database is unavailable|interrupted/.test(r.error ?? '')),
      ).toBe(true);
      expect((await direct.lastSyncRuns(tenant.id)).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      await expectCleanData(direct);
    } finally {
      await store.close();
      await direct.close();
    }
  });

  it('csm sync: exits with one line naming the database, and the next run completes the data', async () => {
    const added = await csm(addArgs, env(schemaUrl(url!, schemas.cli))).done;
    expect(added.code, added.stderr).toBe(0);
    const direct = await open(schemas.cli);
    try {
      const tenant = (await direct.tenants.get('acme'))!;
      const run = csm(['sync', '--tenant', 'acme'], env(schemaUrl(proxy.url, schemas.cli)));
      await until(async () => (await direct.countRecords(tenant.id, 'companies')) > 0, 'the first pages');
      await proxy.down();
      const cut = await run.done;
      expect(cut.code).toBe(1);
      expect(cut.stderr).not.toMatch(/Unhandled|at .*\.js:\d+/);
      const last = cut.stderr.trim().split('\n').at(-1);
      expect(last).toMatch(
        /^csm: sync of acme failed: the database is unavailable \(.+\); run it again once it is back$/,
      );

      await proxy.up();
      const again = await csm(['sync', '--tenant', 'acme'], env(schemaUrl(proxy.url, schemas.cli))).done;
      expect(again.code, again.stderr).toBe(0);
      const runs = await direct.db.query<{ status: string }>('SELECT status FROM sync_runs ORDER BY id');
      expect(runs.filter((r) => r.status === 'running')).toEqual([]);
      await expectCleanData(direct);
    } finally {
      await direct.close();
    }
  });
});
