/**
 * An independent implementation of the identity rules (docs/architecture.md) and docs/metrics.md's formulas,
 * straight over raw API payloads (what the sandbox serves), with no code of the app's store or
 * sync: the end-to-end tests compare `csm report` with it.
 */

export interface HubSpotRaw {
  id: string;
  properties: Record<string, string | null>;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
  archived?: boolean;
}

export interface RawDataset {
  companies: HubSpotRaw[];
  contacts: HubSpotRaw[];
  deals: HubSpotRaw[];
  feedbackSubmissions: HubSpotRaw[];
  hubspotTickets: HubSpotRaw[];
  organizations: { id: number; domain_names: string[] }[];
  users: { id: number; email: string | null }[];
  tickets: {
    id: number;
    status: string;
    priority: string | null;
    organization_id: number | null;
    requester_id: number | null;
  }[];
  metricSets: { ticket_id: number; replies: number; reopens: number; solved_at: string | null }[];
  satisfactionRatings: {
    id: number;
    ticket_id: number;
    score: string;
    created_at: string;
    updated_at: string | null;
  }[];
}

export interface ExpectedAccount {
  hubspotCompanyId: string;
  name: string | null;
  domain: string | null;
  nps: { score: number | null; responses: number };
  csat: { score: number | null; responses: number };
  fcr: { rate: number | null; firstContactResolved: number; solved: number };
  mrr: number | null;
  arr: number | null;
  openTickets: number;
}

const OPEN = new Set(['new', 'open', 'pending', 'hold']);
const DAY_MS = 86_400_000;
/** The default windows: NPS over 365 days, CSAT and FCR over 90, each [now - days, now). */
const NPS_DAYS = 365;
const CSAT_DAYS = 90;
const FCR_DAYS = 90;
const HUBSPOT_OPEN_STAGES = new Set(['1', '2', '3']);

function domainOf(value: string | null | undefined): string | null {
  if (!value) return null;
  return (
    value
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[/?#:].*$/, '') || null
  );
}

function primary(raw: HubSpotRaw, to: string): string | null {
  const results = raw.associations?.[to]?.results ?? [];
  return (results.find((r) => !r.type.endsWith('_unlabeled')) ?? results[0])?.id ?? null;
}

function dateMs(value: string | null | undefined): number | null {
  if (!value) return null;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

function numeric(a: string, b: string) {
  return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
}

/** Every account's expected figures at `now`, by the contract's rules. */
export function expectedReport(data: RawDataset, now: Date): ExpectedAccount[] {
  const companyByDomain = new Map<string, string[]>();
  for (const c of data.companies) {
    const d = domainOf(c.properties.domain);
    if (d) companyByDomain.set(d, [...(companyByDomain.get(d) ?? []), c.id]);
  }
  const orgCompany = new Map<number, string | null>();
  for (const o of data.organizations) {
    const matches = o.domain_names.flatMap((d) => companyByDomain.get(d.trim().toLowerCase()) ?? []);
    orgCompany.set(o.id, matches.sort(numeric)[0] ?? null);
  }
  const contactCompany = new Map<string, string | null>();
  const contactsByEmail = new Map<string, string[]>();
  for (const c of data.contacts) {
    contactCompany.set(c.id, c.properties.associatedcompanyid || null);
    const email = c.properties.email?.trim().toLowerCase();
    if (email) contactsByEmail.set(email, [...(contactsByEmail.get(email) ?? []), c.id]);
  }
  const userEmail = new Map(data.users.map((u) => [u.id, u.email?.trim().toLowerCase() ?? null]));

  function zendeskTicketCompany(t: RawDataset['tickets'][number]): string | null {
    if (t.organization_id !== null) return orgCompany.get(t.organization_id) ?? null;
    const email = t.requester_id === null ? null : userEmail.get(t.requester_id);
    const contact = email ? contactsByEmail.get(email)?.sort(numeric)[0] : undefined;
    return contact ? (contactCompany.get(contact) ?? null) : null;
  }

  type Acc = {
    nps: number[];
    csatPositive: number;
    csatResponses: number;
    fcrSolved: number;
    fcrResolved: number;
    mrr: number;
    hasRevenue: boolean;
    open: number;
  };
  const accounts = new Map<string, Acc>();
  for (const c of data.companies) {
    accounts.set(c.id, {
      nps: [],
      csatPositive: 0,
      csatResponses: 0,
      fcrSolved: 0,
      fcrResolved: 0,
      mrr: 0,
      hasRevenue: false,
      open: 0,
    });
  }
  const acc = (id: string | null) => (id ? accounts.get(id) : undefined);

  const inWindow = (at: number | null, days: number) =>
    at !== null && at >= now.getTime() - days * DAY_MS && at < now.getTime();
  const metrics = new Map(data.metricSets.map((m) => [m.ticket_id, m]));
  const ticketCompany = new Map<number, string | null>();
  for (const t of data.tickets) {
    if (t.status === 'deleted') continue;
    const company = zendeskTicketCompany(t);
    ticketCompany.set(t.id, company);
    const a = acc(company);
    if (!a) continue;
    if (OPEN.has(t.status)) a.open += 1;
    const m = metrics.get(t.id);
    const solvedAt = dateMs(m?.solved_at ?? null);
    if (
      m &&
      (t.status === 'solved' || t.status === 'closed') &&
      m.replies >= 1 &&
      inWindow(solvedAt, FCR_DAYS)
    ) {
      a.fcrSolved += 1;
      if (m.replies === 1 && m.reopens === 0) a.fcrResolved += 1;
    }
  }
  for (const t of data.hubspotTickets) {
    if (t.archived) continue;
    const company = primary(t, 'companies') ?? contactCompany.get(primary(t, 'contacts') ?? '') ?? null;
    const a = acc(company);
    const stage = t.properties.hs_pipeline_stage;
    const open = stage ? HUBSPOT_OPEN_STAGES.has(stage) : !t.properties.closed_date;
    if (a && open) a.open += 1;
  }
  for (const f of data.feedbackSubmissions) {
    const type = f.properties.hs_survey_type;
    const value = Number(f.properties.hs_value);
    const contact = primary(f, 'contacts');
    const a = acc(contact ? (contactCompany.get(contact) ?? null) : null);
    if (!a) continue;
    const at = dateMs(f.properties.hs_submission_timestamp);
    if (type === 'NPS' && inWindow(at, NPS_DAYS)) a.nps.push(value);
    if (type === 'CSAT' && inWindow(at, CSAT_DAYS)) {
      a.csatResponses += 1;
      if (value === 2) a.csatPositive += 1;
    }
  }
  for (const r of data.satisfactionRatings) {
    if (r.score !== 'good' && r.score !== 'bad') continue;
    // A legacy rating counts by its updated_at: the time of the answer.
    if (!inWindow(dateMs(r.updated_at ?? r.created_at), CSAT_DAYS)) continue;
    const a = acc(ticketCompany.get(r.ticket_id) ?? null);
    if (!a) continue;
    a.csatResponses += 1;
    if (r.score === 'good') a.csatPositive += 1;
  }
  const t = now.getTime();
  for (const d of data.deals) {
    if (d.properties.hs_is_closed_won !== 'true') continue;
    const a = acc(primary(d, 'companies'));
    const start = dateMs(d.properties.closedate);
    const mrr = d.properties.hs_mrr
      ? Number(d.properties.hs_mrr)
      : d.properties.amount
        ? Number(d.properties.amount) / 12
        : null;
    if (!a || start === null || mrr === null) continue;
    a.hasRevenue = true;
    const end = dateMs(d.properties.csm_contract_end_date);
    if (start <= t && (end === null || t < end)) a.mrr += mrr;
  }

  return data.companies
    .slice()
    .sort((x, y) => numeric(x.id, y.id))
    .map((c) => {
      const a = accounts.get(c.id)!;
      const promoters = a.nps.filter((v) => v >= 9).length;
      const detractors = a.nps.filter((v) => v <= 6).length;
      const mrr = a.hasRevenue ? a.mrr : null;
      return {
        hubspotCompanyId: c.id,
        name: c.properties.name?.trim() || null,
        domain: domainOf(c.properties.domain),
        nps: {
          score: a.nps.length ? ((promoters - detractors) / a.nps.length) * 100 : null,
          responses: a.nps.length,
        },
        csat: {
          score: a.csatResponses ? (a.csatPositive / a.csatResponses) * 100 : null,
          responses: a.csatResponses,
        },
        fcr: {
          rate: a.fcrSolved ? (a.fcrResolved / a.fcrSolved) * 100 : null,
          firstContactResolved: a.fcrResolved,
          solved: a.fcrSolved,
        },
        mrr,
        arr: mrr === null ? null : mrr * 12,
        openTickets: a.open,
      };
    });
}
