import type { AccountFacts } from './account-facts.ts';
import { identityCtes, idOrder } from './identity.ts';
import { accountOwner, ownerColumns } from './owners.ts';
import type { TicketRecord } from './records.ts';

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A facts read's rows: companies, survey answers, tickets and deals, each tagged with its account. */
export interface FactsQueries {
  companies: string;
  surveys: string;
  tickets: string;
  deals: string;
}

/**
 * The four reads of an account's facts for an identity scope. Within an account, rows come in the
 * order its facts list them (oldest first); `byAccount` sorts every read by account first (numeric
 * id order), so that a stream can merge them one account at a time.
 */
export function factsQueries(scope: 'all' | 'companies', byAccount = false): FactsQueries {
  const ctes = identityCtes(scope);
  const first = (column: string) => (byAccount ? `${idOrder(column)}, ` : '');
  // Some accounts: a filter on their ids; every account: a join (rows of no company are left out).
  const ofAccounts = (column: string) =>
    scope === 'companies'
      ? `WHERE ${column} = ANY($2::text[])`
      : `JOIN accounts a ON a.company_id = ${column}`;
  return {
    companies: `WITH ${ctes}
     SELECT c.hubspot_company_id AS id, c.name, c.domain, c.owner_id, ${ownerColumns('o')},
       c.notes_last_contacted FROM accounts a
     JOIN companies c ON c.tenant_id = $1 AND c.hubspot_company_id = a.company_id
     LEFT JOIN hubspot_owners o ON o.tenant_id = $1 AND o.hubspot_owner_id = c.owner_id
     ORDER BY ${idOrder('c.hubspot_company_id')}`,
    surveys: `WITH ${ctes} SELECT s.* FROM survey_account s ${ofAccounts('s.account_id')}
     ORDER BY ${first('s.account_id')}s.submitted_at, s.source, ${idOrder('s.external_id')}`,
    tickets: `WITH ${ctes} SELECT t.* FROM ticket_account t ${ofAccounts('t.account_id')}
     ORDER BY ${first('t.account_id')}t.created_at, t.source, ${idOrder('t.external_id')}`,
    deals: `WITH ${ctes}
     SELECT d.company_id AS account_id, d.hubspot_deal_id, COALESCE(d.mrr, d.amount / 12) AS mrr,
       d.close_date, d.contract_end_date
     FROM accounts a JOIN deals d ON d.tenant_id = $1 AND d.company_id = a.company_id
     WHERE d.is_closed_won AND d.close_date IS NOT NULL AND COALESCE(d.mrr, d.amount) IS NOT NULL
     ORDER BY ${first('d.company_id')}d.close_date, ${idOrder('d.hubspot_deal_id')}`,
  };
}

/** An account with no facts yet, from its company row. */
export function companyFacts(c: Row): AccountFacts {
  const contacted = date(c.notes_last_contacted);
  return {
    hubspotCompanyId: c.id as string,
    name: (c.name as string | null) ?? null,
    domain: (c.domain as string | null) ?? null,
    ownerId: (c.owner_id as string | null) ?? null,
    owner: accountOwner(c.owner_id as string | null, c),
    npsScores: [],
    csatAnswers: [],
    cesScores: [],
    tickets: [],
    subscriptions: [],
    lastSurveyComments: [],
    lastTouchAt: contacted,
    notesLastContactedAt: contacted,
    answeredAt: { nps: [], csat: [], ces: [] },
  };
}

/**
 * Adds a survey answer (rows oldest first). Answers with a comment gather in `lastSurveyComments`
 * oldest first: {@link finishFacts} keeps the latest 5, newest first.
 */
export function addSurvey(f: AccountFacts, s: Row): void {
  const value = num(s.value);
  const submittedAt = date(s.submitted_at)!;
  if (!f.lastTouchAt || submittedAt > f.lastTouchAt) f.lastTouchAt = submittedAt;
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
    const list = f.lastSurveyComments;
    list.push({
      source: s.source as string,
      surveyType: s.survey_type as string,
      value,
      rating: (s.rating as string | null) ?? null,
      comment: s.comment,
      submittedAt,
    });
    // Only the latest 5 are kept: bounded whatever the account's history.
    if (list.length > 5) list.shift();
  }
}

export function addTicket(f: AccountFacts, t: Row): void {
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

export function addDeal(f: AccountFacts, d: Row): void {
  f.subscriptions.push({
    dealId: d.hubspot_deal_id as string,
    mrr: Number(d.mrr),
    start: date(d.close_date)!,
    end: date(d.contract_end_date),
  });
}

/** Once every row of an account is in: its comments newest first. */
export function finishFacts(f: AccountFacts): AccountFacts {
  f.lastSurveyComments.reverse();
  return f;
}
