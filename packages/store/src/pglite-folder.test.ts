import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './db.ts';
import { createFolderOnce, StoreFolderDamagedError } from './pglite-folder.ts';

const dirs: string[] = [];
const parent = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'csm-folder-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// A process killed while PGlite creates a folder is played out for real in
// test/reliability/embedded-store-kill.test.ts; here, what the next open finds.
describe('a new embedded data folder', () => {
  it('is built aside and moved into place; a killed creation’s leftovers go, an empty folder is replaced', async () => {
    const dir = await parent();
    const folder = join(dir, 'pgdata');
    await mkdir(folder);
    await mkdir(join(dir, 'pgdata.creating-999-dead'));
    await writeFile(join(dir, 'pgdata.creating-999-dead', 'PG_VERSION'), '17\n');

    const db = await openPglite(folder);
    await db.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
    await db.close();
    expect((await readdir(dir)).sort()).toEqual(['pgdata']);

    const again = await openPglite(folder);
    try {
      expect(await again.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('is not there at all when its creation fails', async () => {
    const dir = await parent();
    const folder = join(dir, 'pgdata');
    await expect(
      createFolderOnce(folder, async (aside) => {
        await mkdir(aside);
        await writeFile(join(aside, 'PG_VERSION'), '17\n');
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await readdir(dir)).toEqual([]);
  });

  it('holding files is never replaced', async () => {
    const dir = await parent();
    const folder = join(dir, 'pgdata');
    await mkdir(folder);
    await writeFile(join(folder, 'PG_VERSION'), '17\n');
    await createFolderOnce(folder, () => Promise.reject(new Error('not called')));
    expect(await readdir(folder)).toEqual(['PG_VERSION']);
  });
});

describe('a damaged embedded data folder', () => {
  it('is refused naming the folder and what to do, and its lock is given back', async () => {
    const folder = join(await parent(), 'pgdata');
    await mkdir(join(folder, 'global'), { recursive: true });
    await writeFile(join(folder, 'PG_VERSION'), '17\n');
    const opened = openPglite(folder);
    await expect(opened).rejects.toBeInstanceOf(StoreFolderDamagedError);
    await expect(opened).rejects.toThrow(
      new RegExp(
        `^the embedded store in ${folder} cannot be opened \\(PGlite: .+\\): its files are damaged; restore`,
      ),
    );
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });
});
