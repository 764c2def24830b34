import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { asDatabaseError } from './db-errors.ts';
import { createFolderOnce, StoreFolderDamagedError } from './pglite-folder.ts';

/** The few things the store needs from a PostgreSQL connection, the same over PGlite and pg. */
export interface Db {
  /** One parameterized statement; rows as objects (bigint and numeric come back as strings on pg). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A statement run on every card request: parsed and planned once per connection under `name`
   * (the same name always with the same `sql`), then only executed with `params` (strings, numbers
   * or null).
   */
  prepared<T = Record<string, unknown>>(name: string, sql: string, params: readonly Param[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Inside,
   * use `tx` only (on PGlite the outer handle waits for the transaction to end). A nested call
   * joins the enclosing transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * One connection kept for the caller until `release()`: what session state needs (a cursor
   * fetched a page at a time while other queries go on). PGlite has a single connection: its
   * handle is that connection, and a transaction opened on it would hold every other caller.
   */
  reserve(): Promise<ReservedDb>;
  readonly kind: 'pglite' | 'pg';
}

/** A connection of one's own: {@link Db.reserve}. Its `transaction` runs on that connection. */
export interface ReservedDb extends Db {
  release(): void;
}

/** A parameter of a prepared statement. */
export type Param = string | number | null;

/** A connection (pool) the caller owns. */
export interface DbHandle extends Db {
  close(): Promise<void>;
}

type PgliteQueryable = Pick<PGlite | Transaction, 'query' | 'exec'>;

/**
 * PGlite in a data folder, or in memory for `undefined` / `memory://`. A folder is locked for this
 * process until `close()` (or exit): opening one another process holds throws StoreLockedError.
 * `owner` names this process in the lock (`csm serve`).
 */
export async function openPglite(dataDir?: string, owner = 'a Success Metrics process'): Promise<DbHandle> {
  const folder = dataDir && dataDir !== 'memory://' ? dataDir : undefined;
  const lock = folder ? await lockDataDir(folder, owner) : undefined;
  let lite: PGlite;
  try {
    if (folder) await createFolderOnce(folder, async (dir) => (await PGlite.create(dir)).close());
    lite = await PGlite.create(folder);
  } catch (error) {
    await lock?.release();
    throw folder && isPgliteAbort(error) ? new StoreFolderDamagedError(folder, error) : error;
  }
  // PGlite has one connection and queues every call behind an open transaction, so calls are
  // serialized by PGlite itself; a nested transaction must reuse `tx` or it would wait forever.
  // PGlite's query() parses and plans each call (its only connection has no statement cache):
  // a prepared statement is PREPAREd once and then EXECUTEd with its parameters as literals.
  const preparing = new Map<string, Promise<void>>();
  const wrap = (q: PgliteQueryable, inTransaction: boolean): Db => {
    const db: Db = {
      kind: 'pglite',
      async query<T>(sql: string, params: unknown[] = []) {
        return (await q.query<T>(sql, params)).rows;
      },
      async prepared<T>(name: string, sql: string, params: readonly Param[]) {
        // Concurrent first calls wait for the one PREPARE (a second would fail: the name exists).
        let ready = preparing.get(name);
        if (!ready) {
          ready = q.exec(`PREPARE ${pg.escapeIdentifier(name)} AS ${sql}`).then(() => undefined);
          preparing.set(name, ready);
          ready.catch(() => preparing.delete(name));
        }
        await ready;
        const values = params.map(literal).join(', ');
        return (await q.query<T>(`EXECUTE ${pg.escapeIdentifier(name)}(${values})`)).rows;
      },
      async exec(sql: string) {
        await q.exec(sql);
      },
      transaction: (fn) => (inTransaction ? fn(db) : lite.transaction((tx) => fn(wrap(tx, true)))),
      reserve: async () => ({ ...db, release: () => undefined }),
    };
    return db;
  };
  return {
    ...wrap(lite, false),
    async close() {
      try {
        await lite.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

/**
 * A pg pool. `schema` isolates a test's tables: created when missing and set as the search_path
 * of every pooled connection (as a startup option, so no query can run before it applies).
 */
export async function openPg(url: string, schema?: string): Promise<DbHandle> {
  // JIT compilation costs seconds on the identity queries (many joins, large estimates) and
  // saves nothing on them; the settings ride on the startup packet so every connection has them.
  const settings = ['-c jit=off'];
  if (schema) settings.push(`-c search_path=${pg.escapeIdentifier(schema)}`);
  const pool = new pg.Pool({ connectionString: url, max: 5, options: settings.join(' ') });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (schema) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    } catch (error) {
      // Two processes creating the same schema at once: one wins, the other sees a duplicate.
      if (!isDuplicate(error)) {
        await pool.end();
        throw error;
      }
    }
  }
  /** Runs a driver call; a lost connection surfaces as DatabaseUnavailableError. */
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw asDatabaseError(error);
    }
  };
  const wrapClient = (client: pg.PoolClient): Db => {
    const db: Db = {
      kind: 'pg',
      async query<T>(sql: string, params: unknown[] = []) {
        return guarded(async () => (await client.query(sql, params)).rows as T[]);
      },
      async prepared<T>(name: string, sql: string, params: readonly Param[]) {
        return guarded(
          async () => (await client.query({ name, text: sql, values: [...params] })).rows as T[],
        );
      },
      async exec(sql: string) {
        await guarded(() => client.query(sql));
      },
      transaction: (fn) => fn(db),
      reserve: async () => ({ ...db, release: () => undefined }),
    };
    return db;
  };
  /**
   * A pooled client in a transaction for `fn`: committed when it resolves, rolled back when it
   * throws. Whether the client is still usable (its ROLLBACK went through) is kept in `state`.
   */
  const runTransaction = async <T>(
    client: pg.PoolClient,
    fn: (tx: Db) => Promise<T>,
    state: { broken: boolean },
  ): Promise<T> => {
    try {
      await guarded(() => client.query('BEGIN'));
      const result = await fn(wrapClient(client));
      await guarded(() => client.query('COMMIT'));
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        state.broken = true;
      });
      throw error;
    }
  };
  /** Checks a client out; a dropped connection is remembered (not thrown) until it is released. */
  const checkOut = async () => {
    const client = await guarded(() => pool.connect());
    // The pool listens for errors on idle clients only: a checked-out client whose connection
    // drops (a database restart, a terminated backend) emits 'error', which would crash the
    // process without a listener. The statement under way fails on its own; the client is dropped.
    const state: { broken: boolean; lost?: Error } = { broken: false };
    const onError = (error: Error) => {
      state.lost ??= error;
    };
    client.on('error', onError);
    const release = () => {
      // A client whose ROLLBACK failed or whose connection dropped is in an unknown state: drop it.
      client.release(state.lost ?? state.broken);
      client.off('error', onError);
    };
    return { client, state, release };
  };
  return {
    kind: 'pg',
    async query<T>(sql: string, params: unknown[] = []) {
      return guarded(async () => (await pool.query(sql, params)).rows as T[]);
    },
    // node-postgres prepares a named statement on each pooled connection the first time it runs there.
    async prepared<T>(name: string, sql: string, params: readonly Param[]) {
      return guarded(async () => (await pool.query({ name, text: sql, values: [...params] })).rows as T[]);
    },
    async exec(sql: string) {
      await guarded(() => pool.query(sql));
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const { client, state, release } = await checkOut();
      try {
        return await runTransaction(client, fn, state);
      } finally {
        release();
      }
    },
    async reserve() {
      const { client, state, release } = await checkOut();
      const own = wrapClient(client);
      const reserved: ReservedDb = {
        ...own,
        transaction: (fn) => runTransaction(client, fn, state),
        reserve: async () => ({ ...reserved, release: () => undefined }),
        release,
      };
      return reserved;
    },
    close: () => pool.end(),
  };
}

/** A parameter as an SQL literal (quoted and escaped as node-postgres does). */
function literal(value: Param): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  return pg.escapeLiteral(value);
}

/** PGlite's WebAssembly stopping (`Aborted()`, an exit): what a folder it cannot read makes it do. */
function isPgliteAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'RuntimeError' || name === 'ExitStatus';
}

function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === '42P06';
}
