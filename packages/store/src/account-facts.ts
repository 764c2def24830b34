import type { Db } from './db.ts';
import { identityCtes } from './identity.ts';
import type { TicketRecord } from './records.ts';

/** The raw facts of one account (HubSpot company), resolved by DESIGN.md's mapping rules. */
export interface AccountFacts {
  hubspotCompanyId: string;
  name: string | null;
  domain: string | null;
  ownerId: string | null;
  npsScores: number[];
  csatAnswers: {
    value: number | null;
    rating: 'good' | 'bad' | null;
    scaleMin: number | null;
    scaleMax: number | null;
    source: string;
  }[];
  cesScores: number[];
  tickets: {
    source: 'zendesk' | 'hubspot';
    status: TicketRecord['status'];
    priority: TicketRecord['priority'];
    replies: number | null;
    reopens: number | null;
    firstReplyMinutes: number | null;
    createdAt: Date;
    solvedAt: Date | null;
  }[];
  subscriptions: { dealId: string; mrr: number; start: Date; end: Date | null }[];
  lastSurveyComments: {
    source: string;
    surveyType: string;
    value: number | null;
    rating: string | null;
    comment: string;
    submittedAt: Date;
  }[];
  lastTouchAt: Date | null;
}

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Every account of a tenant with its facts, from a handful of set-based queries (one per kind of
 * fact, grouped in memory), ordered by HubSpot id in numeric order.
 */
export async function accountFacts(
  db: Db,
  tenantId: number,
  onlyCompanyId?: string,
): Promise<AccountFacts[]> {
  const filter = onlyCompanyId === undefined ? '' : ' AND account_id = $2';
  const params = onlyCompanyId === undefined ? [tenantId] : [tenantId, onlyCompanyId];
  const companies = await db.query<{
    id: string;
    name: string | null;
    domain: string | null;
    owner_id: string | null;
  }>(
    `SELECT hubspot_company_id AS id, name, domain, owner_id FROM companies WHERE tenant_id = $1
     ${onlyCompanyId === undefined ? '' : 'AND hubspot_company_id = $2'}
     ORDER BY length(hubspot_company_id), hubspot_company_id`,
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
      lastTouchAt: null,
    });
  }
  const touch = (f: AccountFacts, at: Date | null) => {
    if (at && (!f.lastTouchAt || at > f.lastTouchAt)) f.lastTouchAt = at;
  };

  const surveys = await db.query<Record<string, unknown>>(
    `WITH ${identityCtes}
     SELECT account_id, source, survey_type, value, rating, scale_min, scale_max, comment, submitted_at
     FROM survey_company WHERE account_id IS NOT NULL${filter}
     ORDER BY account_id, submitted_at DESC, external_id`,
    params,
  );
  for (const s of surveys) {
    const f = facts.get(s.account_id as string);
    if (!f) continue;
    const value = num(s.value);
    const submittedAt = date(s.submitted_at)!;
    touch(f, submittedAt);
    if (s.survey_type === 'NPS' && value !== null) f.npsScores.push(value);
    if (s.survey_type === 'CES' && value !== null) f.cesScores.push(value);
    if (s.survey_type === 'CSAT') {
      f.csatAnswers.push({
        value,
        rating: (s.rating as 'good' | 'bad' | null) ?? null,
        scaleMin: num(s.scale_min),
        scaleMax: num(s.scale_max),
        source: s.source as string,
      });
    }
    if (s.comment && f.lastSurveyComments.length < 5) {
      f.lastSurveyComments.push({
        source: s.source as string,
        surveyType: s.survey_type as string,
        value,
        rating: (s.rating as string | null) ?? null,
        comment: s.comment as string,
        submittedAt,
      });
    }
  }

  const tickets = await db.query<Record<string, unknown>>(
    `WITH ${identityCtes}
     SELECT account_id, source, status, priority, replies, reopens, first_reply_minutes, created_at, updated_at, solved_at
     FROM ticket_company WHERE account_id IS NOT NULL${filter}
     ORDER BY account_id, source, external_id`,
    params,
  );
  for (const t of tickets) {
    const f = facts.get(t.account_id as string);
    if (!f) continue;
    touch(f, date(t.updated_at));
    f.tickets.push({
      source: t.source as 'zendesk' | 'hubspot',
      status: t.status as TicketRecord['status'],
      priority: (t.priority as TicketRecord['priority']) ?? null,
      replies: num(t.replies),
      reopens: num(t.reopens),
      firstReplyMinutes: num(t.first_reply_minutes),
      createdAt: date(t.created_at)!,
      solvedAt: date(t.solved_at),
    });
  }

  const deals = await db.query<{
    account_id: string;
    id: string;
    mrr: number;
    start: string;
    end: string | null;
  }>(
    `SELECT company_id AS account_id, hubspot_deal_id AS id, COALESCE(mrr, amount / 12) AS mrr,
       close_date AS start, contract_end_date AS "end"
     FROM deals WHERE tenant_id = $1 AND is_closed_won AND company_id IS NOT NULL
       AND close_date IS NOT NULL AND COALESCE(mrr, amount) IS NOT NULL
       ${onlyCompanyId === undefined ? '' : 'AND company_id = $2'}
     ORDER BY company_id, length(hubspot_deal_id), hubspot_deal_id`,
    params,
  );
  for (const d of deals) {
    facts
      .get(d.account_id)
      ?.subscriptions.push({ dealId: d.id, mrr: Number(d.mrr), start: new Date(d.start), end: date(d.end) });
  }
  return [...facts.values()];
}
