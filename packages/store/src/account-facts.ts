import {
  addDeal,
  addSurvey,
  addTicket,
  companyFacts,
  factsQueries,
  finishFacts,
  type Row,
} from './account-facts-rows.ts';
import { streamAccountFacts } from './account-facts-stream.ts';
import type { Db } from './db.ts';
import { withHashJoins } from './identity.ts';
import type { AccountOwner } from './owners.ts';
import type { TicketRecord } from './records.ts';

/** The raw facts of one account (HubSpot company), resolved by the identity rules (docs/architecture.md). */
export interface AccountFacts {
  hubspotCompanyId: string;
  name: string | null;
  domain: string | null;
  ownerId: string | null;
  /**
   * The owner named from `hubspot_owners` (null without `ownerId`); optional so that hand-built
   * facts (tests) may leave it out.
   */
  owner?: AccountOwner | null;
  /** NPS answers (0-10), oldest first. */
  npsScores: number[];
  /** CSAT answers, oldest first: numeric on their scale, or a Zendesk good / bad rating. */
  csatAnswers: {
    value: number | null;
    rating: 'good' | 'bad' | null;
    scaleMin: number | null;
    scaleMax: number | null;
    source: string;
  }[];
  /** CES answers, oldest first. */
  cesScores: number[];
  /** Every ticket of the account but deleted ones, oldest first. */
  tickets: {
    source: 'zendesk' | 'hubspot';
    /** Always set by the store; optional so that hand-built facts (tests) may leave it out. */
    externalId?: string;
    status: TicketRecord['status'];
    priority: TicketRecord['priority'];
    replies: number | null;
    reopens: number | null;
    firstReplyMinutes: number | null;
    createdAt: Date;
    solvedAt: Date | null;
  }[];
  /** Closed-won deals with a start and an amount: MRR = hs_mrr, else amount / 12. */
  subscriptions: { dealId: string; mrr: number; start: Date; end: Date | null }[];
  /** The latest 5 answers that came with a comment, newest first. */
  lastSurveyComments: {
    source: string;
    surveyType: string;
    value: number | null;
    rating: string | null;
    comment: string;
    submittedAt: Date;
  }[];
  /**
   * The latest touch: the company's `notes_last_contacted` (its last call, email or meeting) or its
   * latest survey answer, whichever is later. Tickets are the customer reaching out, not a touch.
   */
  lastTouchAt: Date | null;
  /** The company's `notes_last_contacted`; optional so that hand-built facts (tests) may leave it out. */
  notesLastContactedAt?: Date | null;
  /**
   * When each answer of `npsScores`, `csatAnswers` and `cesScores` was given (same order, oldest
   * first), so that the figures of an earlier day can be recomputed. Filled by the store.
   */
  answeredAt?: { nps: Date[]; csat: Date[]; ces: Date[] };
}

/**
 * Accounts of a tenant with their facts: every company, or only those of `companyIds`, ordered by
 * HubSpot id (numeric). Four set-based queries whatever the number of accounts (companies,
 * survey answers, tickets, deals), grouped here.
 */
export async function accountFacts(db: Db, tenantId: number, companyIds?: string[]): Promise<AccountFacts[]> {
  // Every account: hash joins over the tenant's rows (see withHashJoins); some: index lookups.
  return companyIds
    ? readFacts(db, tenantId, companyIds)
    : withHashJoins(db, (tx) => readFacts(tx, tenantId));
}

async function readFacts(db: Db, tenantId: number, companyIds?: string[]): Promise<AccountFacts[]> {
  const params = companyIds ? [tenantId, companyIds] : [tenantId];
  const sql = factsQueries(companyIds ? 'companies' : 'all');
  const companies = await db.query<Row>(sql.companies, params);
  const facts = new Map<string, AccountFacts>();
  for (const c of companies) facts.set(c.id as string, companyFacts(c));
  if (facts.size === 0) return [];
  const reads = [sql.surveys, sql.tickets, sql.deals].map((q) => () => db.query<Row>(q, params));
  // Some accounts: side by side on the pool. Every account: one after another in the transaction.
  const [surveys = [], tickets = [], deals = []] = companyIds
    ? await Promise.all(reads.map((read) => read()))
    : await sequentially(reads);
  const add = (rows: Row[], apply: (f: AccountFacts, r: Row) => void) => {
    for (const r of rows) {
      const f = facts.get(r.account_id as string);
      if (f) apply(f, r);
    }
  };
  add(surveys, addSurvey);
  add(tickets, addTicket);
  add(deals, addDeal);
  return [...facts.values()].map(finishFacts);
}

/** Account facts, as top-level store methods. */
export interface AccountFactsApi {
  /**
   * Every account (HubSpot company) of the tenant with its facts, or only the given ones (a card
   * request reads just their rows).
   */
  accountFacts(tenantId: number, companyIds?: string | readonly string[]): Promise<AccountFacts[]>;
  /**
   * Every account's facts, `batchSize` companies at a time in numeric id order: the same facts as
   * `accountFacts(tenantId)`, streamed with bounded memory ({@link streamAccountFacts}).
   */
  accountFactsBatches(tenantId: number, batchSize?: number): AsyncGenerator<AccountFacts[]>;
}

export function accountFactsApi(db: Db): AccountFactsApi {
  return {
    accountFacts: (tenantId, companyIds) =>
      accountFacts(
        db,
        tenantId,
        companyIds === undefined
          ? undefined
          : typeof companyIds === 'string'
            ? [companyIds]
            : [...companyIds],
      ),
    accountFactsBatches: (tenantId, batchSize) => streamAccountFacts(db, tenantId, batchSize),
  };
}

async function sequentially<T>(reads: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const read of reads) out.push(await read());
  return out;
}
