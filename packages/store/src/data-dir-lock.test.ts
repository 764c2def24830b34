import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir, lockFileOf, readLockHolder, StoreLockedError } from './data-dir-lock.ts';
import { openPglite } from './db.ts';

const lockModule = fileURLToPath(new URL('./data-dir-lock.ts', import.meta.url));
const dirs: string[] = [];
const folder = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'csm-lock-'));
  dirs.push(dir);
  return join(dir, 'pgdata');
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A child process that takes the lock, says so on stdout, then holds it until killed (or `holdMs`). */
function child(
  dataDir: string,
  command: string,
  holdMs = 60_000,
): { process: ChildProcess; said: Promise<string> } {
  const script = `
    import { lockDataDir } from ${JSON.stringify(lockModule)};
    try {
      const lock = await lockDataDir(${JSON.stringify(dataDir)}, ${JSON.stringify(command)});
      console.log('took');
      await new Promise((r) => setTimeout(r, ${holdMs}));
      await lock.release();
    } catch (error) {
      console.log(error.name);
    }`;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const said = new Promise<string>((resolve) => {
    let out = '';
    p.stdout?.on('data', (d) => {
      out += String(d);
      if (out.includes('\n')) resolve(out.trim());
    });
    p.on('exit', () => resolve(out.trim()));
  });
  return { process: p, said };
}
const exited = (p: ChildProcess) =>
  new Promise((r) => (p.exitCode !== null ? r(p.exitCode) : p.on('exit', r)));

describe('the embedded data folder lock', () => {
  it('lets one owner at a time, naming the holder; released, it can be taken again', async () => {
    const dir = await folder();
    const lock = await lockDataDir(dir, 'csm serve');
    expect(await readLockHolder(dir)).toMatchObject({
      pid: process.pid,
      host: hostname(),
      command: 'csm serve',
    });
    const refused = await lockDataDir(dir, 'csm sync').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as StoreLockedError).holder).toMatchObject({ pid: process.pid, command: 'csm serve' });
    expect((refused as Error).message).toMatch(
      new RegExp(`^the embedded store in .*pgdata is in use by pid ${process.pid} \\(csm serve, since `),
    );
    await lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    await (await lockDataDir(dir, 'csm sync')).release();
  });

  it('takes over the lock of a process that is gone, or whose pid now belongs to another process', async () => {
    const dir = await folder();
    const dead = { pid: 2_147_483_646, host: hostname(), command: 'csm serve', startedAt: 'earlier' };
    await writeFile(lockFileOf(dir), JSON.stringify(dead));
    const lock = await lockDataDir(dir, 'csm sync');
    expect((await readLockHolder(dir))?.pid).toBe(process.pid);
    await lock.release();
    if (existsSync('/proc/self/stat')) {
      // This very pid, started at another time: a crashed holder whose pid was handed out again.
      const reused = { ...dead, pid: process.pid, processStart: '1' };
      await writeFile(lockFileOf(dir), JSON.stringify(reused));
      await (await lockDataDir(dir, 'csm sync')).release();
    }
    // Another machine's holder (a shared folder) cannot be checked: it is respected.
    await writeFile(lockFileOf(dir), JSON.stringify({ ...dead, host: 'elsewhere.example' }));
    expect(await lockDataDir(dir, 'csm sync').catch((e: unknown) => e)).toBeInstanceOf(StoreLockedError);
  });

  it('is released when its process exits, and taken over after a SIGKILL', async () => {
    const dir = await folder();
    const quick = child(dir, 'csm report', 0);
    expect(await quick.said).toBe('took');
    await exited(quick.process);
    expect(existsSync(lockFileOf(dir))).toBe(false);

    const killed = child(dir, 'csm serve');
    expect(await killed.said).toBe('took');
    expect(await lockDataDir(dir, 'csm sync').catch((e: unknown) => e)).toBeInstanceOf(StoreLockedError);
    killed.process.kill('SIGKILL');
    await exited(killed.process);
    expect(JSON.parse(await readFile(lockFileOf(dir), 'utf8')).pid).toBe(killed.process.pid);
    const lock = await lockDataDir(dir, 'csm sync');
    expect((await readLockHolder(dir))?.command).toBe('csm sync');
    await lock.release();
  });

  it('lets exactly one of several processes racing for a stale lock take it', async () => {
    const dir = await folder();
    await writeFile(
      lockFileOf(dir),
      JSON.stringify({ pid: 2_147_483_646, host: hostname(), command: 'csm sync', startedAt: 'earlier' }),
    );
    const racers = Array.from({ length: 5 }, (_, i) => child(dir, `racer ${i}`, 30_000));
    const outcomes = await Promise.all(racers.map((r) => r.said));
    expect(outcomes.filter((o) => o === 'took')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'StoreLockedError')).toHaveLength(4);
    for (const r of racers) r.process.kill('SIGKILL');
  });

  it('keeps PGlite from opening a folder another owner holds', async () => {
    const dir = await folder();
    const db = await openPglite(dir, 'csm serve');
    try {
      await expect(openPglite(dir, 'csm sync')).rejects.toBeInstanceOf(StoreLockedError);
      expect(await db.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
    expect(existsSync(lockFileOf(dir))).toBe(false);
    const again = await openPglite(dir, 'csm sync');
    await again.close();
  });
});
