/**
 * Test helpers: every database test runs on PGlite in memory and, when `TEST_DATABASE_URL` is
 * set (CI), on that PostgreSQL server too, in a schema of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateKey } from '../crypto.ts';
import { openStore, type Store } from '../store.ts';

export interface StoreBackend {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, empty store. */
  open(): Promise<Store>;
  /** Drops what `open` created. */
  cleanup(): Promise<void>;
}

/** The backends available here: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [];
  const key = generateKey();
  backends.push({ name: 'pglite', open: () => openStore({ encryptionKey: key }), cleanup: async () => {} });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schemas: string[] = [];
    backends.push({
      name: 'postgres',
      open: () => {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        return openStore({ databaseUrl: url, schema, encryptionKey: key });
      },
      cleanup: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          for (const schema of schemas.splice(0))
            await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
        } finally {
          await client.end();
        }
      },
    });
  }
  return backends;
}

/** A tenant with placeholder credentials, for tests that only need an id. */
export async function addTestTenant(store: Store, name = 'acme', portalId = 100) {
  return store.tenants.upsert({
    name,
    hubspotPortalId: portalId,
    credentials: { hubspot: { kind: 'private-app', token: `pat-${name}` } },
  });
}
