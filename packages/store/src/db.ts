import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The few things the store needs from a PostgreSQL connection, the same over PGlite and pg. */
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  readonly kind: 'pglite' | 'pg';
}

export interface DbHandle extends Db {
  close(): Promise<void>;
}

/** PGlite in a data folder, or in memory for `undefined` / `memory://`. */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const db = await PGlite.create(dataDir && dataDir !== 'memory://' ? dataDir : undefined);
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Db => ({
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  });
  return { ...wrap(db), close: () => db.close() };
}

/** A pg pool; `schema` isolates a test's tables (created when missing, set as search_path). */
export async function openPg(url: string, schema?: string): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  if (schema) {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    pool.on('connect', (client) => {
      client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`).catch(() => undefined);
    });
  }
  const wrapClient = (client: pg.PoolClient): Db => ({
    kind: 'pg',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(wrapClient(client)), // nested: same transaction
  });
  return {
    kind: 'pg',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const client = await pool.connect();
      try {
        if (schema) await client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`);
        await client.query('BEGIN');
        const result = await fn(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
