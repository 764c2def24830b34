import type { AccountFacts } from './account-facts.ts';
import {
  addDeal,
  addSurvey,
  addTicket,
  companyFacts,
  factsQueries,
  finishFacts,
  type Row,
} from './account-facts-rows.ts';
import type { Db } from './db.ts';

/** Rows fetched per round trip from each of the answers, tickets and deals cursors (by default). */
const PAGE = 5000;

/** Cursor names are per session, and PGlite has one session for every caller: each stream its own. */
let streams = 0;

/** A server-side cursor read a page at a time. */
class Cursor {
  private rows: Row[] = [];
  private at = 0;
  private done = false;

  constructor(
    private readonly db: Db,
    private readonly name: string,
    private readonly page: number,
  ) {}

  /**
   * Hands the rows at the cursor's head to their account in `batch` until a row of another
   * account: rows come by account in the batches' order, so the next batch starts there.
   */
  async feed(batch: Map<string, AccountFacts>, add: (f: AccountFacts, r: Row) => void): Promise<void> {
    for (;;) {
      while (this.at < this.rows.length) {
        const row = this.rows[this.at]!;
        const facts = batch.get(row.account_id as string);
        if (!facts) return;
        add(facts, row);
        this.at++;
      }
      if (this.done) return;
      this.rows = await this.db.query<Row>(`FETCH ${this.page} FROM ${this.name}`);
      this.at = 0;
      this.done = this.rows.length < this.page;
    }
  }
}

/**
 * Every account's facts of a tenant in batches of `batchSize` companies (numeric id order), with
 * bounded memory: the four reads of {@link accountFacts} over every account (hash joins, one
 * snapshot), each sorted by account and read through a server-side cursor a page at a time,
 * merged here one batch of accounts at a time, the next batch read while the caller works on this
 * one. The same facts as one `accountFacts(tenantId)`.
 *
 * On PostgreSQL the cursors live in a read-only repeatable-read transaction on a connection of
 * their own, so the caller's writes between batches go on beside them. PGlite has one connection,
 * where an open transaction would hold every other caller: there the cursors are declared WITH
 * HOLD, which runs the reads to their end when declared (into the server's temporary storage, not
 * ours) and lets them be fetched outside any transaction.
 *
 * @example
 * for await (const batch of streamAccountFacts(db, tenant.id, 1000)) console.log(batch.length);
 */
export async function* streamAccountFacts(
  db: Db,
  tenantId: number,
  batchSize = 1000,
  pageRows = PAGE,
): AsyncGenerator<AccountFacts[]> {
  if (!Number.isSafeInteger(tenantId)) throw new TypeError(`tenant id ${tenantId} is not an integer`);
  const id = ++streams;
  const sql = factsQueries('all', true);
  const names = {
    companies: `facts_companies_${id}`,
    surveys: `facts_surveys_${id}`,
    tickets: `facts_tickets_${id}`,
    deals: `facts_deals_${id}`,
  };
  const hold = db.kind === 'pglite';
  const conn = await db.reserve();
  let inTransaction = false;
  let next: Promise<{ facts: AccountFacts[]; last: boolean } | null> | undefined;
  try {
    const declare = async (tx: Db) => {
      // Whole-tenant reads: hash joins whatever the estimates (see withHashJoins).
      await tx.exec('SET LOCAL enable_nestloop = off');
      for (const key of ['companies', 'surveys', 'tickets', 'deals'] as const) {
        await tx.query(`DECLARE ${names[key]} NO SCROLL CURSOR ${hold ? 'WITH HOLD' : ''} FOR ${sql[key]}`, [
          tenantId,
        ]);
      }
    };
    if (hold) await conn.transaction(declare);
    else {
      await conn.exec('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      inTransaction = true;
      await declare(conn);
    }
    const others = [
      [new Cursor(conn, names.surveys, pageRows), addSurvey],
      [new Cursor(conn, names.tickets, pageRows), addTicket],
      [new Cursor(conn, names.deals, pageRows), addDeal],
    ] as const;
    const read = async () => {
      const companies = await conn.query<Row>(`FETCH ${batchSize} FROM ${names.companies}`);
      if (companies.length === 0) return null;
      const batch = new Map(companies.map((c) => [c.id as string, companyFacts(c)]));
      for (const [cursor, add] of others) await cursor.feed(batch, add);
      return { facts: [...batch.values()].map(finishFacts), last: companies.length < batchSize };
    };
    next = read();
    for (;;) {
      const current = await next;
      next = undefined;
      if (!current) break;
      // The next batch is read while the caller works on this one (on PostgreSQL, side by side).
      if (!current.last) {
        next = read();
        next.catch(() => undefined);
      }
      yield current.facts;
      if (current.last) break;
    }
  } finally {
    // A batch read ahead for a caller that left early: its statements end before the cursors go.
    await next?.catch(() => undefined);
    // Each on its own: a cursor never declared (or a lost connection) must not keep the rest open.
    const closing = inTransaction ? ['ROLLBACK'] : hold ? Object.values(names).map((n) => `CLOSE ${n}`) : [];
    for (const statement of closing) await conn.exec(statement).catch(() => undefined);
    conn.release();
  }
}
