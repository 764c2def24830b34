import type { Db } from './db.ts';
import { identityCtes, idOrder, withHashJoins } from './identity.ts';
import type { TicketRecord } from './records.ts';

/** The raw facts of one account (HubSpot company), resolved by the identity rules (docs/architecture.md). */
export interface AccountFacts {
  hubspotCompanyId: string;
  name: string | null;
  domain: string | null;
  ownerId: string | null;
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

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

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
  const scope = companyIds ? 'companies' : 'all';
  const params = companyIds ? [tenantId, companyIds] : [tenantId];
  const ctes = identityCtes(scope);
  const companies = await db.query<{
    id: string;
    name: string | null;
    domain: string | null;
    owner_id: string | null;
    notes_last_contacted: string | Date | null;
  }>(
    `WITH ${ctes}
     SELECT c.hubspot_company_id AS id, c.name, c.domain, c.owner_id, c.notes_last_contacted FROM accounts a
     JOIN companies c ON c.tenant_id = $1 AND c.hubspot_company_id = a.company_id
     ORDER BY ${idOrder('c.hubspot_company_id')}`,
    params,
  );
  const facts = new Map<string, AccountFacts>();
  for (const c of companies) {
    facts.set(c.id, {
      hubspotCompanyId: c.id,
      name: c.name,
      domain: c.domain,
      ownerId: c.owner_id,
      npsScores: [],
      csatAnswers: [],
      cesScores: [],
      tickets: [],
      subscriptions: [],
      lastSurveyComments: [],
      lastTouchAt: date(c.notes_last_contacted),
      notesLastContactedAt: date(c.notes_last_contacted),
      answeredAt: { nps: [], csat: [], ces: [] },
    });
  }
  if (facts.size === 0) return [];
  const touch = (f: AccountFacts, at: Date | null) => {
    if (at && (!f.lastTouchAt || at > f.lastTouchAt)) f.lastTouchAt = at;
  };

  // Some accounts: a filter on their ids (rows of other ids are dropped below); every account: a join.
  const ofAccounts = (column: string) =>
    companyIds ? `WHERE ${column} = ANY($2::text[])` : `JOIN accounts a ON a.company_id = ${column}`;
  const reads = [
    () =>
      db.query<Row>(
        `WITH ${ctes} SELECT s.* FROM survey_account s ${ofAccounts('s.account_id')}
       ORDER BY s.submitted_at, s.source, ${idOrder('s.external_id')}`,
        params,
      ),
    () =>
      db.query<Row>(
        `WITH ${ctes} SELECT t.* FROM ticket_account t ${ofAccounts('t.account_id')}
       ORDER BY t.created_at, t.source, ${idOrder('t.external_id')}`,
        params,
      ),
    () =>
      db.query<Row>(
        `WITH ${ctes}
       SELECT d.company_id AS account_id, d.hubspot_deal_id, COALESCE(d.mrr, d.amount / 12) AS mrr,
         d.close_date, d.contract_end_date
       FROM accounts a JOIN deals d ON d.tenant_id = $1 AND d.company_id = a.company_id
       WHERE d.is_closed_won AND d.close_date IS NOT NULL AND COALESCE(d.mrr, d.amount) IS NOT NULL
       ORDER BY d.close_date, ${idOrder('d.hubspot_deal_id')}`,
        params,
      ),
  ];
  // Some accounts: side by side on the pool. Every account: one after another in the transaction.
  const [surveys = [], tickets = [], deals = []] = companyIds
    ? await Promise.all(reads.map((read) => read()))
    : await sequentially(reads);

  const comments = new Map<AccountFacts, AccountFacts['lastSurveyComments']>();
  for (const s of surveys) {
    const f = facts.get(s.account_id as string);
    if (!f) continue;
    const value = num(s.value);
    const submittedAt = date(s.submitted_at)!;
    touch(f, submittedAt);
    const at = f.answeredAt!;
    if (s.survey_type === 'NPS' && value !== null) {
      f.npsScores.push(value);
      at.nps.push(submittedAt);
    } else if (s.survey_type === 'CES' && value !== null) {
      f.cesScores.push(value);
      at.ces.push(submittedAt);
    } else if (s.survey_type === 'CSAT' && (value !== null || s.rating !== null)) {
      at.csat.push(submittedAt);
      f.csatAnswers.push({
        value,
        rating: (s.rating as 'good' | 'bad' | null) ?? null,
        scaleMin: num(s.scale_min),
        scaleMax: num(s.scale_max),
        source: s.source as string,
      });
    }
    if (typeof s.comment === 'string' && s.comment.trim() !== '') {
      const list = comments.get(f) ?? [];
      list.push({
        source: s.source as string,
        surveyType: s.survey_type as string,
        value,
        rating: (s.rating as string | null) ?? null,
        comment: s.comment,
        submittedAt,
      });
      comments.set(f, list);
    }
  }
  for (const [f, list] of comments) f.lastSurveyComments = list.slice(-5).reverse();

  for (const t of tickets) {
    const f = facts.get(t.account_id as string);
    if (!f) continue;
    f.tickets.push({
      source: t.source as 'zendesk' | 'hubspot',
      externalId: t.external_id as string,
      status: t.status as TicketRecord['status'],
      priority: (t.priority as TicketRecord['priority']) ?? null,
      replies: num(t.replies),
      reopens: num(t.reopens),
      firstReplyMinutes: num(t.first_reply_minutes),
      createdAt: date(t.created_at)!,
      solvedAt: date(t.solved_at),
    });
  }

  for (const d of deals) {
    facts.get(d.account_id as string)?.subscriptions.push({
      dealId: d.hubspot_deal_id as string,
      mrr: Number(d.mrr),
      start: date(d.close_date)!,
      end: date(d.contract_end_date),
    });
  }
  return [...facts.values()];
}

/**
 * Every account's facts in batches of `batchSize` companies (numeric id order), so that a
 * portfolio of any size is processed with bounded memory. Each batch reads only its accounts'
 * rows (index lookups), at the price of more queries than one {@link accountFacts} call.
 */
export async function* accountFactsBatches(
  db: Db,
  tenantId: number,
  batchSize = 1000,
): AsyncGenerator<AccountFacts[]> {
  const ids = (
    await db.query<{ id: string }>(
      `SELECT hubspot_company_id AS id FROM companies WHERE tenant_id = $1 ORDER BY ${idOrder('hubspot_company_id')}`,
      [tenantId],
    )
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = await accountFacts(db, tenantId, ids.slice(i, i + batchSize));
    if (batch.length) yield batch;
  }
}

/** Account facts, as top-level store methods. */
export interface AccountFactsApi {
  /**
   * Every account (HubSpot company) of the tenant with its facts, or only the given ones (a card
   * request reads just their rows).
   */
  accountFacts(tenantId: number, companyIds?: string | readonly string[]): Promise<AccountFacts[]>;
  /** Every account's facts, `batchSize` companies at a time (bounded memory). */
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
    accountFactsBatches: (tenantId, batchSize) => accountFactsBatches(db, tenantId, batchSize),
  };
}

async function sequentially<T>(reads: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const read of reads) out.push(await read());
  return out;
}
