import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A new embedded data folder is built beside its place, then renamed into it once complete.
 * PGlite unpacks a whole cluster into a new folder (seconds), and a process killed meanwhile
 * (Ctrl-C, SIGKILL, a crash) leaves a half-written folder that PGlite cannot open again
 * (`RuntimeError: Aborted()`), whereas a rename is all or nothing. A folder that already holds files
 * is left as it is: after a kill PGlite replays its write-ahead log when it opens it, and each
 * committed transaction is there. Call it holding the folder's lock (`lockDataDir`), so that the
 * leftovers of killed creations it removes are nobody's.
 *
 * @example
 * await createFolderOnce('./.csm/pgdata', async (dir) => (await PGlite.create(dir)).close());
 */
export async function createFolderOnce(
  folder: string,
  create: (dir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(folder);
  const prefix = `${basename(folder)}.creating-`;
  for (const name of await readdir(parent).catch(() => [] as string[]))
    if (name.startsWith(prefix)) await rm(join(parent, name), { recursive: true, force: true });
  if (!(await isEmptyOrMissing(folder))) return;
  const aside = join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await create(aside);
    // An empty folder in the way (made by the caller, or `mkdir -p`): replaced.
    await rmdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(aside, folder);
  } finally {
    await rm(aside, { recursive: true, force: true });
  }
}

async function isEmptyOrMissing(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** A folder that exists but does not open: what PGlite says, what it means, and what to do. */
export class StoreFolderDamagedError extends Error {
  override readonly name = 'StoreFolderDamagedError';
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    super(
      `the embedded store in ${dataDir} cannot be opened (PGlite: ${reason(cause)}): its files are damaged; restore the folder from a backup, or move it away and add the tenants again (a sync reads HubSpot and Zendesk again; ingested usage and survey answers, API keys and settings were only in the folder)`,
      { cause },
    );
  }
}

/** PGlite's first line, without its advice to rebuild it. */
const reason = (cause: unknown) =>
  (cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause)).replace(
    /\.?\s*Build with .*$/,
    '',
  );
