/**
 * Plan assertions for tests: a `Db` that runs `EXPLAIN (ANALYZE)` of every read it is given, and
 * the rows each plan visited. A plan whose nested loop re-scans a table once per outer row visits
 * that table's rows times the loops; a plan proportional to its tenant visits a few times the
 * tenant's rows. Counting visits says which one ran without timing anything.
 */
import type { Db, Param } from '../db.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

export interface ExplainedRead {
  sql: string;
  /** Rows produced or filtered out by every scan node, times its loops. */
  visited: number;
  /** The largest loop count of a scan of a table (not a CTE or a function). */
  maxTableLoops: number;
  plan: PlanNode;
}

const scan = /Scan$/;

/** Rows visited by the plan's scans (produced plus removed by filters, times loops). */
export function planVisits(node: PlanNode): { visited: number; maxTableLoops: number } {
  let visited = 0;
  let maxTableLoops = 0;
  const walk = (n: PlanNode) => {
    const loops = n['Actual Loops'] ?? 1;
    if (scan.test(n['Node Type'])) {
      const rows =
        (n['Actual Rows'] ?? 0) +
        (n['Rows Removed by Filter'] ?? 0) +
        (n['Rows Removed by Index Recheck'] ?? 0);
      visited += rows * loops;
      if (n['Relation Name']) maxTableLoops = Math.max(maxTableLoops, loops);
    }
    if (n['Rows Removed by Join Filter']) visited += n['Rows Removed by Join Filter'] * loops;
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return { visited, maxTableLoops };
}

/**
 * Wraps `db` so that each SELECT (or WITH) it runs is first explained with ANALYZE, in the same
 * transaction and with the same settings; the explained reads land in `into`.
 *
 * @example
 * const reads: ExplainedRead[] = [];
 * await accountFacts(explaining(store.db, reads), tenantId);
 */
export function explaining(db: Db, into: ExplainedRead[]): Db {
  const explain = async (d: Db, sql: string, params: readonly unknown[]) => {
    if (!/^\s*(WITH|SELECT)\b/i.test(sql)) return;
    const [row] = await d.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [
      ...params,
    ]);
    const raw = row?.['QUERY PLAN'];
    const plan = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0]!.Plan;
    into.push({ sql, plan, ...planVisits(plan) });
  };
  const wrap = (d: Db): Db => ({
    kind: d.kind,
    async query<T>(sql: string, params: unknown[] = []) {
      await explain(d, sql, params);
      return d.query<T>(sql, params);
    },
    async prepared<T>(name: string, sql: string, params: readonly Param[]) {
      await explain(d, sql, params);
      return d.prepared<T>(name, sql, params);
    },
    exec: (sql) => d.exec(sql),
    transaction: (fn) => d.transaction((tx) => fn(wrap(tx))),
    reserve: async () => {
      const reserved = await d.reserve();
      return { ...wrap(reserved), release: () => reserved.release() };
    },
  });
  return wrap(db);
}
