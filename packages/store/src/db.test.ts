import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openPg, openPglite } from './db.ts';
import { DatabaseUnavailableError } from './db-errors.ts';
import { type PgProxy, pgProxy, terminateBackends, withApplicationName } from './test-utils/pg-outage.ts';

const url = process.env.TEST_DATABASE_URL;

describe('openPglite', () => {
  it('runs statements and joins nested transactions', async () => {
    const db = await openPglite();
    try {
      await db.exec('CREATE TABLE t (n int)');
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1)', [1]);
        await tx.transaction((inner) => inner.query('INSERT INTO t VALUES ($1)', [2]));
      });
      expect(await db.query('SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await db.close();
    }
  });
});

/**
 * A database restart under a running process (`pg_ctl stop -m immediate`, then start): the
 * server closes every connection under whatever statement runs, refuses new ones while it is
 * down, then accepts them again. The machine's server is shared, so the outage is made with a
 * TCP relay that drops and refuses connections (`pgProxy`), and with `pg_terminate_backend` on
 * this test's own connections (found by application_name), which is the path a stopping server
 * takes per connection (SQLSTATE 57P01, then the socket closes).
 */
describe.skipIf(!url)('openPg when the database goes away (PostgreSQL)', () => {
  const app = `csm-db-test-${randomBytes(4).toString('hex')}`;
  const schema = `db_${randomBytes(5).toString('hex')}`;
  let proxy: PgProxy;
  let db: DbHandle;

  beforeAll(async () => {
    proxy = await pgProxy(withApplicationName(url!, app));
    db = await openPg(proxy.url, schema);
    await db.exec('CREATE TABLE t (n int)');
  });
  afterEach(async () => {
    await proxy.up();
  });
  afterAll(async () => {
    await db?.close();
    await proxy?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    await client.end();
  });

  const rows = async () => (await db.query<{ n: number }>('SELECT n FROM t ORDER BY n')).map((r) => r.n);

  it('fails an open transaction with DatabaseUnavailableError, keeps the process up, and serves the next one once it is back', async () => {
    await db.query('TRUNCATE t');
    const interrupted = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      await tx.query('SELECT pg_sleep(3)');
      await tx.query('INSERT INTO t VALUES (2)');
    });
    const outcome = interrupted.catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 300));
    await proxy.down();
    const error = await outcome;
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(/^the database is unavailable \(/);

    // While it is down: refused, as the same error, without crashing anything.
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );

    await proxy.up();
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    // The interrupted transaction left nothing behind.
    expect(await rows()).toEqual([3]);
  });

  it('fails a transaction whose backend is terminated (57P01), then reconnects', async () => {
    await db.query('TRUNCATE t');
    const outcome = db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        await tx.query('SELECT pg_sleep(8.5)');
      })
      .catch((error: unknown) => error);
    let terminated = 0;
    for (let i = 0; i < 50 && terminated === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      terminated = await terminateBackends(url!, app, "query = 'SELECT pg_sleep(8.5)'");
    }
    expect(terminated).toBe(1);
    expect(await outcome).toBeInstanceOf(DatabaseUnavailableError);
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (2)'));
    expect(await rows()).toEqual([2]);
  });

  it('replaces idle connections that were dropped between statements', async () => {
    await Promise.all([
      db.query('SELECT 1'),
      db.query('SELECT 2'),
      db.transaction((tx) => tx.query('SELECT 3')),
    ]);
    expect(await terminateBackends(url!, app)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // The pool drops the dead idle clients (their 'error' is handled) and opens new ones.
    expect(await db.query<{ n: number }>('SELECT 7 AS n')).toEqual([{ n: 7 }]);
    await db.transaction((tx) => tx.query('SELECT 1'));
  });
});
