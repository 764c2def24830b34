/**
 * Every database test runs on PGlite in memory and, when `TEST_DATABASE_URL` is set (CI), on that
 * PostgreSQL server too, in a schema of its own (random name) that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { generateKey } from '../crypto.ts';
import { openStore, type Store } from '../store.ts';
import type { Tenant } from '../tenants.ts';

export type BackendName = 'pglite' | 'postgres';

export interface StoreBackend {
  name: BackendName;
  /** The options `open` passes (a new pg schema each call); for tests that reopen a store. */
  options(): Parameters<typeof openStore>[0];
  /** Opens a fresh, empty store. */
  open(): Promise<Store>;
  /** Drops the schemas `options` / `open` made. */
  cleanup(): Promise<void>;
}

const key = generateKey();

/** The backends available here: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function storeBackends(): StoreBackend[] {
  const pglite: StoreBackend = {
    name: 'pglite',
    options: () => ({ encryptionKey: key }),
    open: () => openStore(pglite.options()),
    cleanup: async () => {},
  };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return [pglite];
  const schemas: string[] = [];
  const postgres: StoreBackend = {
    name: 'postgres',
    options: () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return { databaseUrl: url, schema, encryptionKey: key };
    },
    open: () => openStore(postgres.options()),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) {
          await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
        }
      } finally {
        await client.end();
      }
    },
  };
  return [pglite, postgres];
}

/** Empties every table (tenants cascade to all data), keeping the schema: a fresh store, fast. */
export async function resetStore(store: Store): Promise<void> {
  await store.db.exec('TRUNCATE tenants, sync_runs RESTART IDENTITY CASCADE');
}

/**
 * Declares `suite` once per backend, as `describe('<name> on <backend>')`. Each backend opens one
 * store for the suite and empties it before every test; `getStore()` returns it.
 *
 * @example
 * forEachStore('tenants', (getStore) => {
 *   it('adds one', async () => expect((await addTestTenant(getStore())).id).toBe(1));
 * });
 */
export function forEachStore(
  name: string,
  suite: (getStore: () => Store, backend: BackendName) => void,
): void {
  for (const backend of storeBackends()) {
    describe(`${name} on ${backend.name}`, () => {
      let store: Store | undefined;
      beforeAll(async () => {
        store = await backend.open();
      });
      beforeEach(async () => {
        if (store) await resetStore(store);
      });
      afterAll(async () => {
        await store?.close();
        await backend.cleanup();
      });
      suite(() => {
        if (!store) throw new Error('the store opens in beforeAll; call getStore() inside a test or hook');
        return store;
      }, backend.name);
    });
  }
}

/** A tenant with placeholder private-app credentials, for tests that only need an id. */
export async function addTestTenant(store: Store, name = 'acme', portalId = 100): Promise<Tenant> {
  return store.tenants.upsert({
    name,
    hubspotPortalId: portalId,
    credentials: { hubspot: { kind: 'private-app', token: `pat-${name}` } },
  });
}
