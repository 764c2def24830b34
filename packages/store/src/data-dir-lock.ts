import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/** Who holds an embedded data folder: what the lock file records. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What runs there, e.g. `csm serve` (never its arguments: they may hold tokens). */
  command: string;
  startedAt: string;
  /** Linux: the process's start time (clock ticks since boot), so that a reused pid is not mistaken for it. */
  processStart?: string;
}

/** The lock file of an embedded data folder: `<folder>.lock`, beside it (PGlite wants its folder to itself). */
export const lockFileOf = (dataDir: string): string => `${dataDir.replace(/[/\\]+$/, '')}.lock`;

/** The folder is open in another process (or already in this one). */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded store in ${dataDir} is in use by pid ${holder.pid} (${holder.command}, since ${holder.startedAt}${holder.host === hostname() ? '' : `, on ${holder.host}`})`,
    );
  }
}

/** `/proc/<pid>/stat`'s start time, where there is one (Linux). */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is parenthesized and may hold spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the holder still runs. Another machine's holder (a shared folder) cannot be checked: it counts as alive. */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The pid runs; after a crash it may have been handed to an unrelated process.
  const started = processStart(holder.pid);
  return !(holder.processStart && started && started !== holder.processStart);
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.command === 'string'
      ? (h as LockHolder)
      : null;
  } catch {
    return null;
  }
}

/** The holder the lock file names, or null when there is none (or it cannot be read). */
export async function readLockHolder(dataDir: string): Promise<LockHolder | null> {
  try {
    return parseHolder(await readFile(lockFileOf(dataDir), 'utf8'));
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock this process holds. */
export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Gives the folder up (only if the lock file is still this one). */
  release(): Promise<void>;
}

/**
 * Takes the embedded data folder for this process: one process owns a PGlite folder at a time,
 * since two would each cache and write the same files and corrupt them. The lock file holds the
 * owner's pid; it is created atomically (written aside, then hard-linked into place) and removed
 * on release or at exit. A lock whose process is gone (killed) is taken over; a live one refuses
 * with a StoreLockedError naming the holder.
 *
 * @example
 * const lock = await lockDataDir('./.csm/pgdata', 'csm serve');
 * try { ... } finally { await lock.release(); }
 */
export async function lockDataDir(dataDir: string, command: string): Promise<DataDirLock> {
  const file = lockFileOf(dataDir);
  const started = processStart(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    startedAt: new Date().toISOString(),
    ...(started ? { processStart: started } : {}),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, text, { mode: 0o644 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(aside, file);
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A filesystem without hard links: create it exclusively instead (briefly empty, see takeOver).
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
          try {
            await writeFile(file, text, { flag: 'wx', mode: 0o644 });
            break;
          } catch (inner) {
            if ((inner as NodeJS.ErrnoException).code !== 'EEXIST') throw inner;
          }
        } else if (code !== 'EEXIST') throw error;
      }
      const current = await readLockHolder(dataDir);
      if (current && isAlive(current)) throw new StoreLockedError(dataDir, file, current);
      if (attempt > 200) throw new Error(`could not take ${file}: it keeps changing`);
      // Gone (or unreadable: a writer that died before writing): taken over, by one process only.
      await takeOver(file, current);
    }
  } finally {
    await unlink(aside).catch(() => undefined);
  }

  const ours = () => {
    try {
      return parseHolder(readFileSync(file, 'utf8'))?.startedAt === holder.startedAt;
    } catch {
      return false;
    }
  };
  const releaseAtExit = () => {
    if (ours()) unlinkSync(file);
  };
  process.once('exit', releaseAtExit);
  return {
    file,
    holder,
    async release() {
      process.off('exit', releaseAtExit);
      if (ours()) await unlink(file).catch(() => undefined);
    },
  };
}

/**
 * Removes a stale lock file. Several processes may find the same stale lock: a directory made
 * beside it (mkdir is atomic) lets one of them check it again and remove it, so that none removes
 * a lock another has just taken. A takeover directory left by a killed process expires.
 */
async function takeOver(file: string, stale: LockHolder | null): Promise<void> {
  const guard = `${file}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 10_000) await rmdir(guard).catch(() => undefined);
    await sleep(20 + Math.random() * 30);
    return;
  }
  try {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return;
    const now = parseHolder(text);
    const same =
      now === null
        ? stale === null
        : stale !== null && now.startedAt === stale.startedAt && now.pid === stale.pid;
    if (same && !(now && isAlive(now))) {
      // An unreadable lock may be one being written this instant: only an old one is stale.
      const old = now !== null || Date.now() - (await stat(file)).mtimeMs > 2000;
      if (old) await unlink(file).catch(() => undefined);
      else await sleep(50);
    }
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}
