import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateKey, openStore, type Store } from '@csm/store';
import type { Config } from './config.ts';

/**
 * The encryption key for credentials at rest: `CSM_ENCRYPTION_KEY`, else a key file created once
 * (mode 0600) in the data folder, so that the embedded mode needs no configuration.
 */
async function encryptionKey(config: Config): Promise<string> {
  if (config.CSM_ENCRYPTION_KEY) return config.CSM_ENCRYPTION_KEY;
  const dir = resolve(config.CSM_DATA_DIR);
  const file = join(dir, 'encryption.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dir, { recursive: true });
    const key = generateKey();
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
    await chmod(file, 0o600);
    return (await readFile(file, 'utf8')).trim();
  }
}

/** The embedded store's PGlite folder, or null when `DATABASE_URL` names PostgreSQL. */
export function embeddedDataDir(config: Config): string | null {
  return config.DATABASE_URL ? null : join(resolve(config.CSM_DATA_DIR), 'pgdata');
}

/**
 * PostgreSQL when `DATABASE_URL` is set, else the embedded PGlite store in `CSM_DATA_DIR`, which
 * one process owns at a time: `owner` (`csm serve`) is what its lock records, and a folder another
 * process holds throws StoreLockedError.
 */
export async function openConfiguredStore(config: Config, owner?: string): Promise<Store> {
  const key = await encryptionKey(config);
  const dataDir = embeddedDataDir(config);
  if (!dataDir) return openStore({ databaseUrl: config.DATABASE_URL!, encryptionKey: key });
  await mkdir(dataDir, { recursive: true });
  return openStore({ dataDir, encryptionKey: key, ...(owner ? { owner } : {}) });
}
