/**
 * What an empty embedded store costs in resident memory before any data: the baseline under the
 * sync's own memory in `bench/sync` on PGlite. Run: `pnpm bench:pglite-baseline`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey, openStore } from '@csm/store';

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const before = mb();
const dir = await mkdtemp(join(tmpdir(), 'csm-baseline-'));
const store = await openStore({ dataDir: dir, encryptionKey: generateKey() });
const after = mb();
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(
  `RSS before opening: ${before} MB; after opening PGlite and migrating: ${after} MB (+${after - before} MB)`,
);
