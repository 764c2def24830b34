import type { Db } from './db.ts';

/*
 * Planner statistics for bulk-loaded tables. PGlite runs no autovacuum at all, and on a server
 * autovacuum may lag a bulk load by a minute; without statistics the planner takes a tenant's
 * rows for a handful and picks nested loops that make a report over a few thousand accounts
 * take minutes instead of a fraction of a second. So the writer analyzes a table itself once
 * the rows written since its last analysis pass a threshold that grows with the table (like
 * autovacuum's): a few analyses per table over a whole backfill.
 */

const BASE_THRESHOLD = 200;
const SCALE_FACTOR = 1;

/** Returns `wrote(table, rows)`: call it after committing rows; it analyzes when due. */
export function autoAnalyzer(db: Db): (table: string, rows: number) => Promise<void> {
  const state = new Map<string, { pending: number; tuples: number }>();
  const tuples = async (table: string) => {
    const [row] = await db.query<{ n: number | string | null }>(
      'SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass($1)',
      [table],
    );
    return Math.max(Number(row?.n ?? 0), 0); // -1 = never analyzed
  };
  return async (table, rows) => {
    if (rows <= 0) return;
    try {
      let s = state.get(table);
      if (!s) {
        s = { pending: 0, tuples: await tuples(table) };
        state.set(table, s);
      }
      s.pending += rows;
      if (s.pending < BASE_THRESHOLD + SCALE_FACTOR * s.tuples) return;
      s.pending = 0;
      await db.exec(`ANALYZE ${table}`);
      s.tuples = await tuples(table);
    } catch {
      // Statistics only speed up reads; a failed analysis must not fail the write that is committed.
    }
  };
}
