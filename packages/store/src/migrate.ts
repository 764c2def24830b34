import type { Db } from './db.ts';
import { initial } from './migrations/001-initial.ts';

/** Ordered migrations; append, never edit one that has shipped. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
];

/**
 * Applies pending migrations in one transaction. On PostgreSQL an advisory lock keeps parallel
 * workers from racing; PGlite has a single connection.
 */
export async function migrate(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    if (db.kind === 'pg') await tx.query('SELECT pg_advisory_xact_lock(7406251)');
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) =>
        Number(r.version),
      ),
    );
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
  });
}

export async function migrationsApplied(db: Db): Promise<boolean> {
  try {
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    return migrations.every((m) => applied.has(m.version));
  } catch {
    return false;
  }
}
