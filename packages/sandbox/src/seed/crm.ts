/**
 * One company's HubSpot records: the company, its contacts, its deals (from a revenue plan), the
 * survey answers its contacts gave, and now and then a HubSpot ticket.
 */
import { isoDate, isoMs } from '../clock.ts';
import { chance, int, pick, type Rng, weighted } from '../random.ts';
import type { HubRow, Props } from '../state/model.ts';
import { between, DAY, type GenContext, HOUR, MINUTE } from './context.ts';
import {
  CITIES,
  companyName,
  domainFor,
  emailLocal,
  FREE_MAIL,
  HS_TICKET_SUBJECTS,
  INDUSTRIES,
  JOB_TITLES,
  personName,
  SURVEY_COMMENTS,
} from './names.ts';
import { planRevenue, type RevenueScenario } from './revenue.ts';
import { feedbackFor } from './surveys.ts';

export interface CompanySeed {
  index: number;
  row: HubRow;
  name: string;
  /** Bare domain, null for the few companies without one. */
  domain: string | null;
  scenario: RevenueScenario;
  contacts: HubRow[];
  /** When its last closed-won contract ended with none after it (a churn), or null. */
  churnedAt: number | null;
  /** The next end of a running contract (its renewal), or null. */
  renewalAt: number | null;
}

function ownerOf(ctx: GenContext, rng: Rng): string {
  return String(pick(rng, ctx.owners).id);
}

/** How the `domain` property is typed in: mostly bare, sometimes with `www.` or a URL. */
function domainProperty(rng: Rng, domain: string): string {
  const roll = rng();
  if (roll < 0.015) return `www.${domain}`;
  if (roll < 0.025) return `https://www.${domain}/`;
  return domain;
}

export function contactRow(
  ctx: GenContext,
  rng: Rng,
  company: { id: number; created: number } | null,
  email: string | null,
  person: { first: string; last: string },
): HubRow {
  const created = between(rng, company?.created ?? ctx.anchor - 900 * DAY, ctx.latest - DAY);
  const p: Props = {
    email,
    firstname: person.first,
    lastname: person.last,
    jobtitle: pick(rng, JOB_TITLES),
    associatedcompanyid: company ? String(company.id) : null,
    lifecyclestage: company ? 'customer' : 'lead',
    hubspot_owner_id: ownerOf(ctx, rng),
  };
  const row: HubRow = { id: ctx.ids.contact(), created, updated: between(rng, created, ctx.latest), p };
  if (company) row.links = { companies: { ids: [company.id], primary: true } };
  return row;
}

export function generateCompany(
  ctx: GenContext,
  index: number,
  rng: Rng,
  previous: CompanySeed | undefined,
  forcedScenario?: RevenueScenario,
): CompanySeed {
  const name = companyName(rng);
  // The first four always have a domain: two of them share a Zendesk organization.
  const domain = index >= 4 && chance(rng, 0.03) ? null : domainFor(rng, name, ctx.domains);
  const plan = planRevenue(rng, ctx.anchor, ctx.latest, forcedScenario);
  const dealCreated = plan.deals.map(
    (d) =>
      Math.min(d.stage === 'open' ? ctx.latest - DAY : d.close, ctx.latest) - between(rng, 7 * DAY, 60 * DAY),
  );
  const created = Math.min(ctx.latest - 30 * DAY, ...dealCreated) - between(rng, DAY, 120 * DAY);
  const id = ctx.ids.company();
  const company: HubRow = {
    id,
    created,
    updated: between(rng, created, ctx.latest),
    p: {
      name,
      domain: domain ? domainProperty(rng, domain) : null,
      industry: pick(rng, INDUSTRIES),
      city: pick(rng, CITIES),
      numberofemployees: String(int(rng, 5, 2000)),
      lifecyclestage: plan.deals.some((d) => d.stage === 'closedwon') ? 'customer' : 'opportunity',
      hubspot_owner_id: ownerOf(ctx, rng),
    },
  };
  ctx.out.hubspot.companies.push(company);

  const contacts: HubRow[] = [];
  const count = int(rng, 1, 5);
  for (let c = 0; c < count; c++) {
    const person = personName(rng);
    const email = `${emailLocal(person.first, person.last, rng)}@${domain ?? pick(rng, FREE_MAIL)}`;
    const row = contactRow(ctx, rng, company, email, person);
    // A few contacts also belong to a second company (an unlabeled association).
    if (previous && chance(rng, 0.05)) row.links!.companies!.ids.push(previous.row.id);
    contacts.push(row);
  }
  // Every 50th company (from the second) has a contact whose email is also a contact's of the
  // company before it: the ambiguous email match identity resolution must handle.
  const sharedFrom = previous?.contacts[0]?.p.email;
  if (index % 50 === 1 && sharedFrom) {
    const person = personName(rng);
    contacts.push(contactRow(ctx, rng, company, sharedFrom, person));
  }
  ctx.out.hubspot.contacts.push(...contacts);

  plan.deals.forEach((d, k) => {
    const dealCreatedAt = Math.max(created, dealCreated[k]!);
    const closed = d.stage !== 'open';
    const row: HubRow = {
      id: ctx.ids.deal(),
      created: dealCreatedAt,
      updated: between(
        rng,
        closed ? d.close : dealCreatedAt,
        Math.min(ctx.latest, (closed ? d.close : dealCreatedAt) + 60 * DAY),
      ),
      p: {
        dealname: `${name} - ${d.label}`,
        amount: String(d.mrr * 12),
        hs_mrr: d.withMrr ? String(d.mrr) : null,
        dealstage: d.stage === 'open' ? pick(rng, OPEN_STAGES) : d.stage,
        pipeline: 'default',
        closedate: isoMs(d.close),
        hs_is_closed_won: d.stage === 'closedwon' ? 'true' : 'false',
        hs_is_closed: closed ? 'true' : 'false',
        csm_contract_end_date: d.end === null ? null : isoDate(d.end),
        dealtype: d.dealtype,
        hubspot_owner_id: company.p.hubspot_owner_id ?? null,
      },
    };
    // Most deals belong to their company alone; a few also to a partner company, a very few to none.
    if (!chance(rng, 0.01)) {
      row.links = { companies: { ids: [id], primary: true } };
      if (previous && chance(rng, 0.03)) row.links.companies!.ids.push(previous.row.id);
    }
    ctx.out.hubspot.deals.push(row);
  });

  for (const contact of contacts)
    ctx.out.hubspot.feedback_submissions.push(...feedbackFor(ctx, rng, contact));

  if (chance(rng, 0.2)) {
    const tickets = int(rng, 1, 2);
    for (let t = 0; t < tickets; t++)
      ctx.out.hubspot.tickets.push(hubspotTicket(ctx, rng, company, pick(rng, contacts)));
  }
  const won = plan.deals.filter((d) => d.stage === 'closedwon');
  const churnedAt =
    won.length > 0 && won.every((d) => d.end !== null && d.end <= ctx.latest)
      ? Math.max(...won.map((d) => d.end!))
      : null;
  const renewals = won.flatMap((d) => (d.end !== null && d.end > ctx.latest ? [d.end] : []));
  const renewalAt = renewals.length ? Math.min(...renewals) : null;
  return { index, row: company, name, domain, scenario: plan.scenario, contacts, churnedAt, renewalAt };
}

const OPEN_STAGES = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
];

function hubspotTicket(ctx: GenContext, rng: Rng, company: HubRow, contact: HubRow | undefined): HubRow {
  const created = between(rng, Math.max(company.created, ctx.anchor - 365 * DAY), ctx.latest - HOUR);
  const stage = weighted(rng, [
    ['1', 20],
    ['2', 15],
    ['3', 15],
    ['4', 50],
  ] as const);
  const closedAt =
    stage === '4' ? between(rng, created + 10 * MINUTE, Math.min(ctx.latest, created + 10 * DAY)) : null;
  const row: HubRow = {
    id: ctx.ids.hsTicket(),
    created,
    updated: closedAt ?? between(rng, created, ctx.latest),
    p: {
      subject: pick(rng, HS_TICKET_SUBJECTS),
      content: pick(rng, SURVEY_COMMENTS),
      hs_pipeline: '0',
      hs_pipeline_stage: stage,
      hs_ticket_priority: weighted(rng, [
        ['LOW', 30],
        ['MEDIUM', 40],
        ['HIGH', 22],
        ['URGENT', 8],
      ] as const),
      closed_date: closedAt === null ? null : isoMs(closedAt),
      hubspot_owner_id: company.p.hubspot_owner_id ?? null,
    },
  };
  // One in ten is filed against the contact only (its company comes through the contact).
  row.links = chance(rng, 0.9) ? { companies: { ids: [company.id], primary: true } } : {};
  if (contact) row.links.contacts = { ids: [contact.id], primary: false };
  return row;
}
