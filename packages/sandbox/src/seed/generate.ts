/**
 * Seeds both APIs deterministically from (seed, companies, now). Each company draws from its own
 * random stream, so company 7 looks the same whatever the total (but for its owner: the number of
 * owners grows with the total). Ticket and rating ids are handed out last, in creation order, as
 * Zendesk numbers them.
 */
import { chance, int, pick, streamRng } from '../random.ts';
import type { OwnerRow, UserRow } from '../state/model.ts';
import { between, DAY, type GenContext, HOUR, idSequence, type Seeded, toSecond } from './context.ts';
import { type CompanySeed, contactRow, generateCompany } from './crm.ts';
import { stampMoneyAndRecency } from './money-recency.ts';
import {
  companyName,
  domainFor,
  emailLocal,
  FIRST_NAMES,
  FREE_MAIL,
  LAST_NAMES,
  personName,
} from './names.ts';
import type { RevenueScenario } from './revenue.ts';
import { enrichCompany, staleTouches } from './rich-history.ts';
import { endUser, generateSupport, orgRow, ticketsFrom } from './support.ts';
import { feedbackFor } from './surveys.ts';

export interface SeedOptions {
  seed: number;
  companies: number;
  /** Epoch ms; every seeded timestamp is at least an hour before it. */
  anchor: number;
  /** The Zendesk admin behind the API token (`credentials.zendeskEmail`). */
  adminEmail: string;
  /** The portal's company currency (ISO 4217), carried by every deal. Default USD. */
  currency?: string;
  /** A believable portfolio's history on top (seed/rich-history.ts): the demo's. Default off. */
  richHistory?: boolean;
}

/** The first companies cover every revenue scenario, so even a tiny sandbox shows each movement. */
const FIRST_SCENARIOS: readonly RevenueScenario[] = [
  'steady',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'new',
  'prospect',
];

function owners(seed: number, count: number, anchor: number): OwnerRow[] {
  const rng = streamRng(seed, 'owners');
  const nextId = idSequence(50_000_000);
  const nextUser = idSequence(7_000_000);
  return Array.from({ length: count }, (_, index) => {
    const first = pick(rng, FIRST_NAMES);
    const last = pick(rng, LAST_NAMES);
    const created = anchor - between(rng, 400 * DAY, 1500 * DAY);
    return {
      id: nextId(),
      userId: nextUser(),
      email: `${first}.${last}@sandbox-csm.example`.toLowerCase(),
      firstName: first,
      lastName: last,
      created,
      updated: between(rng, created, anchor - DAY),
      // Every fifth owner has left the company: deactivated, yet still the owner of its records.
      archived: index % 5 === 4,
    };
  });
}

function staff(ctx: GenContext, adminEmail: string): { admin: UserRow; agents: UserRow[] } {
  const rng = streamRng(ctx.seed, 'agents');
  const make = (name: string, email: string, role: UserRow['role']): UserRow => {
    ctx.zendeskEmails.add(email.toLowerCase());
    const created = toSecond(ctx.anchor - between(rng, 800 * DAY, 1200 * DAY));
    const user: UserRow = {
      id: ctx.ids.user(),
      name,
      email,
      role,
      orgId: null,
      active: true,
      timeZone: 'UTC',
      created,
      updated: toSecond(between(rng, created, ctx.latest)),
      lastLogin: toSecond(between(rng, ctx.latest - 7 * DAY, ctx.latest)),
    };
    ctx.out.zendesk.users.push(user);
    return user;
  };
  const admin = make('Sandbox Admin', adminEmail, 'admin');
  const count = Math.min(400, Math.max(3, Math.ceil(ctx.companies / 25)));
  const agents = [admin];
  for (let a = 0; a < count; a++) {
    const { first, last } = personName(rng);
    agents.push(
      make(
        `${first} ${last}`,
        `${first}.${last}.${a + 1}@support.sandbox-csm.example`.toLowerCase(),
        'agent',
      ),
    );
  }
  return { admin, agents };
}

export function generateSeed(options: SeedOptions): Seeded {
  const { seed, anchor } = options;
  const out: Seeded = {
    hubspot: { companies: [], contacts: [], deals: [], tickets: [], feedback_submissions: [], owners: [] },
    zendesk: { orgs: [], users: [], tickets: [], ratings: [], adminUserId: 0, groupIds: [] },
  };
  const ctx: GenContext = {
    seed,
    companies: options.companies,
    anchor,
    latest: anchor - HOUR,
    ids: {
      company: idSequence(9_000_000_000),
      contact: idSequence(100_000),
      deal: idSequence(12_000_000_000),
      hsTicket: idSequence(2_000_000_000),
      feedback: idSequence(300_000_000),
      org: idSequence(360_000_100_000),
      user: idSequence(370_000_100_000),
      metricSet: idSequence(380_000_100_000),
      rating: idSequence(390_000_100_000),
    },
    domains: new Set(),
    zendeskEmails: new Set(),
    owners: owners(seed, Math.min(200, Math.max(3, Math.ceil(options.companies / 40))), anchor),
    agents: [],
    groupIds: [360_100_000_001, 360_100_000_002, 360_100_000_003],
    out,
  };
  out.hubspot.owners = ctx.owners;
  out.zendesk.groupIds = ctx.groupIds;
  const { admin, agents } = staff(ctx, options.adminEmail);
  out.zendesk.adminUserId = admin.id;
  ctx.agents = agents;

  let previous: CompanySeed | undefined;
  const souring: number[] = [];
  for (let i = 0; i < options.companies; i++) {
    const rng = streamRng(seed, 'company', i);
    const company = generateCompany(ctx, i, rng, previous, FIRST_SCENARIOS[i]);
    const users = generateSupport(ctx, streamRng(seed, 'support', i), company, previous);
    if (options.richHistory) {
      const { atRisk } = enrichCompany(ctx, streamRng(seed, 'rich', i), {
        company,
        users,
        churnedAt: company.churnedAt,
      });
      if (atRisk) souring.push(company.row.id);
    }
    previous = company;
  }
  generateStrays(ctx);
  stampMoneyAndRecency(out, { seed, latest: ctx.latest, currency: options.currency ?? 'USD' });
  if (options.richHistory) staleTouches(ctx, souring);
  finalize(out);
  return out;
}

/**
 * Records that belong to no company: organizations matching no company domain, contacts without a
 * company (some of them Zendesk requesters without an organization), and requesters unknown to HubSpot.
 */
function generateStrays(ctx: GenContext): void {
  const n = ctx.companies;
  for (let k = 0; k < Math.max(1, Math.round(n * 0.05)); k++) {
    const rng = streamRng(ctx.seed, 'stray-org', k);
    const name = companyName(rng);
    const domains = chance(rng, 0.3) ? [] : [domainFor(rng, name, ctx.domains)];
    const org = orgRow(ctx, rng, name, domains, ctx.anchor - 900 * DAY);
    ctx.out.zendesk.orgs.push(org);
    const users: UserRow[] = [];
    for (let u = int(rng, 1, 3); u > 0; u--) {
      const { first, last } = personName(rng);
      const email = `${emailLocal(first, last, rng)}@${domains[0] ?? pick(rng, FREE_MAIL)}`;
      const user = endUser(ctx, rng, `${first} ${last}`, email, org.id, org.created);
      if (user) users.push(user);
    }
    ticketsFrom(ctx, rng, users, int(rng, 0, 4));
  }
  for (let k = 0; k < Math.max(1, Math.round(n * 0.03)); k++) {
    const rng = streamRng(ctx.seed, 'stray-contact', k);
    const person = personName(rng);
    const email = `${emailLocal(person.first, person.last, rng)}.${k}@${pick(rng, FREE_MAIL)}`;
    const contact = contactRow(ctx, rng, null, email, person);
    ctx.out.hubspot.contacts.push(contact);
    ctx.out.hubspot.feedback_submissions.push(...feedbackFor(ctx, rng, contact));
    if (k % 2 === 0) {
      const user = endUser(ctx, rng, `${person.first} ${person.last}`, email, null, contact.created);
      if (user) ticketsFrom(ctx, rng, [user], int(rng, 1, 2));
    }
  }
  for (let k = 0; k < Math.max(1, Math.round(n * 0.03)); k++) {
    const rng = streamRng(ctx.seed, 'stray-requester', k);
    const { first, last } = personName(rng);
    const email = `${emailLocal(first, last, rng)}.z${k}@${pick(rng, FREE_MAIL)}`;
    const user = endUser(ctx, rng, `${first} ${last}`, email, null, ctx.anchor - 600 * DAY);
    if (user) ticketsFrom(ctx, rng, [user], 1);
  }
}

/** Ticket ids 1..n and rating ids in creation order, as Zendesk assigns them. */
function finalize(out: Seeded): void {
  const tickets = out.zendesk.tickets;
  // Array sort is stable: tickets created in the same second keep their generation order.
  tickets.sort((a, b) => a.created - b.created);
  for (let i = 0; i < tickets.length; i++) tickets[i]!.id = i + 1;
  const ratings = out.zendesk.ratings;
  ratings.sort((a, b) => a.created - b.created || a.ticket.id - b.ticket.id);
  const ratingId = idSequence(390_000_100_000);
  for (const r of ratings) r.id = ratingId();
}
