import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '@csm/sandbox';
import { generateKey, openStore } from '@csm/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csm, tenantsAddArgs } from './csm-cli.ts';

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 90_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

/**
 * One process owns an embedded (PGlite) data folder: two processes writing one folder corrupt it
 * (duplicate primary keys, lost writes). Commands started while `csm serve` owns it run through
 * the server; while another command owns it they refuse, naming it; a killed owner's lock is
 * taken over.
 */
describe('the embedded store has one owner at a time', () => {
  const sandbox = createSandbox({ seed: 23, companies: 60, rateLimits: false, faults: { slowMs: 25 } });
  let api: Awaited<ReturnType<typeof sandbox.listen>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const lockFile = () => join(dir, 'pgdata.lock');
  const adminFile = () => join(dir, 'pgdata.admin.json');
  const lockPid = async () => (JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number }).pid;

  beforeAll(async () => {
    api = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    dir = await mkdtemp(join(tmpdir(), 'csm-owner-'));
    env = {
      CSM_DATA_DIR: dir,
      DATABASE_URL: '',
      CSM_ENCRYPTION_KEY: generateKey(),
      HUBSPOT_API_BASE_URL: api.hubspotBaseUrl,
      ZENDESK_API_BASE_URL: api.zendeskBaseUrl,
      SYNC_INTERVAL_MINUTES: '0',
      LOG_LEVEL: 'warn',
    };
    const added = await csm(tenantsAddArgs('acme', sandbox.credentials), env).done;
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('two csm sync on one folder: the second refuses, naming the first; the data is whole', async () => {
    // Slow answers keep the first sync running while the second starts; then it may finish.
    sandbox.setFaults({ slowMs: 3000 });
    const first = csm(['sync', '--tenant', 'acme'], env);
    await until(() => existsSync(lockFile()), 'the first sync to hold the folder');
    expect(await lockPid()).toBe(first.child.pid);
    const second = await csm(['sync', '--tenant', 'acme'], env).done.finally(() =>
      sandbox.setFaults({ slowMs: 25 }),
    );
    expect(second.code).toBe(1);
    expect(lastLine(second.stderr)).toMatch(
      new RegExp(
        `^csm: the embedded store in ${dir}/pgdata is in use by pid ${first.child.pid} \\(csm sync, since [^)]+\\): wait for it to end or stop it \\(kill ${first.child.pid}\\); or set DATABASE_URL to a PostgreSQL database`,
      ),
    );
    const ended = await first.done;
    expect(ended.code, ended.stderr).toBe(0);
    expect(existsSync(lockFile())).toBe(false);

    const store = await openStore({ dataDir: join(dir, 'pgdata'), encryptionKey: env.CSM_ENCRYPTION_KEY! });
    try {
      const [row] = await store.db.query<{ n: number; keys: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT (tenant_id, hubspot_company_id))::int AS keys FROM companies',
      );
      expect(row).toEqual({ n: sandbox.data.companies.length, keys: sandbox.data.companies.length });
      await store.db.exec('REINDEX TABLE companies');
    } finally {
      await store.close();
    }
  }, 300_000);

  it('while csm serve owns it, commands run through the server, and what they write stays', async () => {
    const serve = csm(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    await until(() => /listening on http/.test(serve.output()), 'csm serve');
    const url = /listening on (http:\/\/\S+)/.exec(serve.output())![1]!;
    try {
      expect(existsSync(adminFile())).toBe(true);
      // A second server on the folder is refused.
      const other = await csm(['serve', '--port', '0', '--host', '127.0.0.1'], env).done;
      expect(other.code).toBe(1);
      expect(lastLine(other.stderr)).toMatch(
        /^csm: the embedded store in .* is in use by pid \d+ \(csm serve, /,
      );

      const created = await csm(['api-keys', 'create', '--tenant', 'acme', '--name', 'e2e'], env).done;
      expect(created.code, created.stderr).toBe(0);
      const key = created.stdout.trim();
      expect(key).toMatch(/^csm_live_/);
      // The server knows the key at once: it was written by the server itself.
      const ingest = await fetch(`${url}/api/v1/ingest/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          usage: [
            {
              accountId: String(sandbox.data.companies[0]!.id),
              date: '2026-01-05',
              activeUsers: 3,
              licensedSeats: 10,
            },
          ],
        }),
      });
      expect(ingest.status, await ingest.clone().text()).toBe(200);

      const shown = await csm(['tenants', 'show', 'acme', '--json'], env).done;
      expect(shown.code, shown.stderr).toBe(0);
      const oldToken = (JSON.parse(shown.stdout) as { zendeskAppToken: string }).zendeskAppToken;
      const rotated = await csm(['tenants', 'rotate-zendesk-token', 'acme'], env).done;
      expect(rotated.code, rotated.stderr).toBe(0);
      const newToken = rotated.stdout.trim();
      const sidebar = (token: string) =>
        fetch(`${url}/cards/zendesk/organizations/1`, { headers: { authorization: `Bearer ${token}` } });
      expect((await sidebar(oldToken)).status).toBe(401);
      expect((await sidebar(newToken)).status).not.toBe(401);

      const synced = await csm(['sync', '--tenant', 'acme'], env).done;
      expect(synced.code, synced.stderr).toBe(0);
      expect(synced.stderr).toMatch(/sync of acme finished/);
      const report = await csm(['report', '--tenant', 'acme', '--json'], env).done;
      expect(report.code, report.stderr).toBe(0);
      expect(JSON.parse(report.stdout)).toHaveLength(sandbox.data.companies.length);
    } finally {
      serve.child.kill('SIGTERM');
    }
    expect((await serve.done).code).toBe(0);
    expect(existsSync(lockFile())).toBe(false);
    expect(existsSync(adminFile())).toBe(false);

    // What the commands wrote through the server is in the folder once it stopped.
    const listed = await csm(['api-keys', 'list', '--tenant', 'acme', '--json'], env).done;
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'e2e', revokedAt: null })]);
  }, 600_000);

  it('a csm serve killed with SIGKILL leaves a lock the next command takes over', async () => {
    const serve = csm(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    await until(() => /listening on http/.test(serve.output()), 'csm serve');
    serve.child.kill('SIGKILL');
    await serve.done;
    expect(await lockPid()).toBe(serve.child.pid);

    const listed = await csm(['tenants', 'list'], env).done;
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^acme\tportal \d+/);
    expect(existsSync(lockFile())).toBe(false);
  }, 300_000);
});
