import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKey, openStore } from '@csm/store';
import { aCompany, addTestTenant } from '@csm/store/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const cli = fileURLToPath(new URL('./main.ts', import.meta.url));

function csm(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('csm refresh', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csm-refresh-'));
    env = { CSM_DATA_DIR: dir, DATABASE_URL: '', CSM_ENCRYPTION_KEY: generateKey() };
    const store = await openStore({ dataDir: join(dir, 'pgdata'), encryptionKey: env.CSM_ENCRYPTION_KEY! });
    for (const [name, portal] of [
      ['acme', 100],
      ['other', 200],
    ] as const) {
      const tenant = await addTestTenant(store, name, portal);
      await store.writePage({
        tenantId: tenant.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [aCompany('1'), aCompany('2'), aCompany('3')],
      });
    }
    await store.close();
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('recomputes every card first, then only those whose data changed, every one with --all', async () => {
    const first = await csm(['refresh', '--tenant', 'acme'], env);
    expect(first.code).toBe(0);
    expect(first.stderr.trim().split('\n').at(-1)).toMatch(
      /^refresh of acme: 3 cards of every account \(no cards stored yet\) recomputed in \d+\.\ds$/,
    );
    const again = await csm(['refresh', '--tenant', 'acme'], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/refresh of acme: 0 cards of accounts whose data changed recomputed/);
    const all = await csm(['refresh', '--tenant', 'acme', '--all'], env);
    expect(all.code).toBe(0);
    expect(all.stderr).toMatch(/refresh of acme: 3 cards of every account \(asked\) recomputed/);

    const store = await openStore({ dataDir: join(dir, 'pgdata'), encryptionKey: env.CSM_ENCRYPTION_KEY! });
    try {
      const acme = (await store.tenants.get('acme'))!;
      const other = (await store.tenants.get('other'))!;
      expect(await store.accountMetrics.card(acme.id, '2')).not.toBeNull();
      expect(await store.accountMetrics.card(other.id, '2')).toBeNull();
    } finally {
      await store.close();
    }
  }, 120_000);

  it('names an unknown tenant on one line and exits non-zero', async () => {
    const run = await csm(['refresh', '--tenant', 'nobody'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no tenant named "nobody"/);
  }, 60_000);
});
