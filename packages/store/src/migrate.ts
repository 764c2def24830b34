import type { Db } from './db.ts';
import { initial } from './migrations/001-initial.ts';
import { identityLookups } from './migrations/002-identity-lookups.ts';
import { accountMetrics } from './migrations/003-account-metrics.ts';
import { installsWebhooks } from './migrations/004-installs-webhooks.ts';
import { ingestion } from './migrations/005-ingestion.ts';
import { writeBackPlaybooks } from './migrations/006-write-back-playbooks.ts';
import { syncLeases } from './migrations/007-sync-leases.ts';
import { currencyLastContacted } from './migrations/008-currency-last-contacted.ts';
import { dashboard } from './migrations/009-dashboard.ts';
import { zendeskSourceStatus } from './migrations/010-zendesk-source-status.ts';
import { tenantSettings } from './migrations/011-tenant-settings.ts';
import { appLifecycle } from './migrations/012-app-lifecycle.ts';
import { touchedKeys } from './migrations/013-touched-keys.ts';
import { cardAsWritten } from './migrations/014-card-as-written.ts';
import { unchangedCards } from './migrations/015-unchanged-cards.ts';
import { hubspotOwners } from './migrations/017-hubspot-owners.ts';
import { ownerTouches } from './migrations/018-owner-touches.ts';
import { writeBackThrough } from './migrations/019-write-back-through.ts';
import { cardCompression } from './migrations/020-card-compression.ts';

/** A schema change: applied once, in order, recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered migrations; append, never edit one that has shipped (data folders already hold it). */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'identity-lookups', sql: identityLookups },
  { version: 3, name: 'account-metrics', sql: accountMetrics },
  { version: 4, name: 'installs-webhooks', sql: installsWebhooks },
  { version: 5, name: 'ingestion', sql: ingestion },
  { version: 6, name: 'write-back-playbooks', sql: writeBackPlaybooks },
  { version: 7, name: 'sync-leases', sql: syncLeases },
  { version: 8, name: 'currency-last-contacted', sql: currencyLastContacted },
  { version: 9, name: 'dashboard', sql: dashboard },
  { version: 10, name: 'zendesk-source-status', sql: zendeskSourceStatus },
  { version: 11, name: 'tenant-settings', sql: tenantSettings },
  { version: 12, name: 'app-lifecycle', sql: appLifecycle },
  { version: 13, name: 'touched-keys', sql: touchedKeys },
  { version: 14, name: 'card-as-written', sql: cardAsWritten },
  { version: 15, name: 'unchanged-cards', sql: unchangedCards },
  { version: 17, name: 'hubspot-owners', sql: hubspotOwners },
  { version: 18, name: 'owner-touches', sql: ownerTouches },
  { version: 19, name: 'write-back-through', sql: writeBackThrough },
  { version: 20, name: 'card-compression', sql: cardCompression },
];

/** Any fixed number; it names the lock that migrating processes queue on. */
const MIGRATION_LOCK = 7406251;

/**
 * Applies pending migrations in one transaction. On PostgreSQL a transaction-scoped advisory lock
 * makes parallel workers wait for the first one and then find nothing left to do; PGlite has a
 * single connection.
 */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.kind === 'pg') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = await appliedVersions(tx);
    const done: number[] = [];
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}

/** Whether every known migration is applied (for a readiness probe); false when unreachable. */
export async function migrationsApplied(db: Db, list: readonly Migration[] = migrations): Promise<boolean> {
  try {
    const applied = await appliedVersions(db);
    return list.every((m) => applied.has(m.version));
  } catch {
    return false;
  }
}

async function appliedVersions(db: Db): Promise<Set<number>> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => Number(r.version)));
}
