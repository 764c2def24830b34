import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateKey, openStore } from '@csm/store';
import { addTestTenant, forEachStore } from '@csm/store/test-utils';
import { describe, expect, it } from 'vitest';
import { createApiKey, formatApiKeys, listApiKeys, revokeApiKey } from './api-keys.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('./main.ts', import.meta.url));

forEachStore('csm api-keys', (getStore) => {
  it('creates, lists (prefixes only) and revokes keys of the named tenant', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 1);
    const created = await createApiKey(store, 'acme', 'delighted');
    expect(await store.apiKeys.verify(created.key)).toMatchObject({ tenantId: acme.id });

    const listed = formatApiKeys(await listApiKeys(store, 'acme'));
    expect(listed).toContain(created.prefix);
    expect(listed).toContain('active');
    expect(listed).not.toContain(created.key);

    await expect(revokeApiKey(store, 'acme', 'csm_live_0123456789abcdef')).rejects.toThrow('has no API key');
    await expect(revokeApiKey(store, 'acme', 'oops')).rejects.toThrow('key: csm_live_');
    await revokeApiKey(store, 'acme', created.prefix);
    expect(await store.apiKeys.verify(created.key)).toBeNull();
    expect(formatApiKeys(await listApiKeys(store, 'acme'))).toContain('revoked');

    await expect(createApiKey(store, 'nobody')).rejects.toThrow('no tenant named "nobody"');
    await expect(createApiKey(store, 'acme', ' ')).rejects.toThrow('--name');
  });
});

describe('csm api-keys (the command, on an embedded store)', () => {
  it('prints the key once on stdout, and the database holds only its hash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'csm-keys-'));
    const env = { ...process.env, CSM_DATA_DIR: dir, CSM_ENCRYPTION_KEY: generateKey(), DATABASE_URL: '' };
    try {
      const setup = await openStore({ dataDir: join(dir, 'pgdata'), encryptionKey: env.CSM_ENCRYPTION_KEY });
      await addTestTenant(setup, 'acme', 1);
      await setup.close();

      const csm = (...args: string[]) =>
        run(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env });
      const created = await csm('api-keys', 'create', '--tenant', 'acme', '--name', 'surveys');
      const key = created.stdout.trim();
      expect(key).toMatch(/^csm_live_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).not.toContain(key);

      const listed = await csm('api-keys', 'list', '--tenant', 'acme', '--json');
      const keys = JSON.parse(listed.stdout) as { prefix: string; name: string; revokedAt: string | null }[];
      expect(keys).toEqual([expect.objectContaining({ name: 'surveys', revokedAt: null })]);
      expect(key.startsWith(`${keys[0]?.prefix}_`)).toBe(true);
      expect(listed.stdout).not.toContain(key);

      const store = await openStore({ dataDir: join(dir, 'pgdata'), encryptionKey: env.CSM_ENCRYPTION_KEY });
      try {
        const rows = await store.db.query<Record<string, unknown>>('SELECT * FROM api_keys');
        const secret = key.slice('csm_live_'.length + 17);
        expect(JSON.stringify(rows)).not.toContain(secret);
        expect(rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(await store.apiKeys.verify(key)).not.toBeNull();
      } finally {
        await store.close();
      }

      await csm('api-keys', 'revoke', keys[0]?.prefix ?? '', '--tenant', 'acme');
      const failed = await csm('api-keys', 'revoke', 'nonsense', '--tenant', 'acme').catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^csm: key: /) });
      const after = JSON.parse((await csm('api-keys', 'list', '--tenant', 'acme', '--json')).stdout) as {
        revokedAt: string | null;
      }[];
      expect(after[0]?.revokedAt).not.toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
