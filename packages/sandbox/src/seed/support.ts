/**
 * One company's Zendesk side: an organization whose `domain_names` hold the company's domain (for
 * about 70% of companies), end-users for most of its contacts (same email), and tickets.
 */
import { chance, int, pick, type Rng } from '../random.ts';
import type { HubRow, OrgRow, UserRow } from '../state/model.ts';
import { between, DAY, type GenContext, toSecond } from './context.ts';
import type { CompanySeed } from './crm.ts';
import { emailLocal, personName } from './names.ts';
import { generateTicket, type TicketShape } from './tickets.ts';

const TIME_ZONES = ['Eastern Time (US & Canada)', 'London', 'Berlin', 'Pacific Time (US & Canada)', 'Sydney'];

export function orgRow(
  ctx: GenContext,
  rng: Rng,
  name: string,
  domains: string[],
  notBefore: number,
): OrgRow {
  const created = toSecond(between(rng, notBefore, ctx.latest - DAY));
  return {
    id: ctx.ids.org(),
    name,
    domains,
    details: chance(rng, 0.2) ? 'Key account' : null,
    notes: null,
    tags: chance(rng, 0.1) ? ['enterprise'] : [],
    groupId: null,
    created,
    updated: toSecond(between(rng, created, ctx.latest)),
  };
}

export function endUser(
  ctx: GenContext,
  rng: Rng,
  name: string,
  email: string,
  orgId: number | null,
  notBefore: number,
): UserRow | null {
  const key = email.toLowerCase();
  if (ctx.zendeskEmails.has(key)) return null;
  ctx.zendeskEmails.add(key);
  const created = toSecond(between(rng, notBefore, ctx.latest - DAY));
  const user: UserRow = {
    id: ctx.ids.user(),
    name,
    email,
    role: 'end-user',
    orgId,
    active: true,
    timeZone: pick(rng, TIME_ZONES),
    created,
    updated: toSecond(between(rng, created, ctx.latest)),
    lastLogin: chance(rng, 0.5) ? toSecond(between(rng, created, ctx.latest)) : null,
  };
  ctx.out.zendesk.users.push(user);
  return user;
}

function userFromContact(ctx: GenContext, rng: Rng, contact: HubRow, orgId: number | null): UserRow | null {
  const email = contact.p.email;
  if (!email) return null;
  return endUser(ctx, rng, `${contact.p.firstname} ${contact.p.lastname}`, email, orgId, contact.created);
}

/** Tickets from `users`; most carry the requester's organization. */
export function ticketsFrom(
  ctx: GenContext,
  rng: Rng,
  users: UserRow[],
  count: number,
  /** The rich history's strained accounts (seed/tickets.ts, TicketShape). */
  shape?: TicketShape,
): void {
  for (let t = 0; t < count && users.length; t++) {
    const requester = pick(rng, users);
    const orgId = requester.orgId !== null && chance(rng, 0.97) ? requester.orgId : null;
    const { ticket, rating } = generateTicket(ctx, rng, requester, orgId, shape);
    ctx.out.zendesk.tickets.push(ticket);
    if (rating) ctx.out.zendesk.ratings.push(rating);
  }
}

/** Generates the company's Zendesk side; returns its end-users (the rich history adds tickets from them). */
export function generateSupport(
  ctx: GenContext,
  rng: Rng,
  company: CompanySeed,
  previous?: CompanySeed,
): UserRow[] {
  const hasOrg = company.domain !== null && (company.index < 4 || chance(rng, 0.7));
  let org: OrgRow | null = null;
  if (hasOrg && company.domain) {
    const domains = [company.domain];
    if (chance(rng, 0.15)) domains.push(`mail.${company.domain}`);
    org = orgRow(
      ctx,
      rng,
      chance(rng, 0.2) ? `${company.name} Inc.` : company.name,
      domains,
      company.row.created,
    );
    ctx.out.zendesk.orgs.push(org);
  }
  // Company 3 shares an organization with company 2: one org whose domains match two companies.
  if (company.index === 3 && previous?.domain && company.domain) {
    const shared = orgRow(
      ctx,
      rng,
      `${previous.name} & ${company.name} Group`,
      [previous.domain, company.domain],
      company.row.created,
    );
    ctx.out.zendesk.orgs.push(shared);
  }

  const users: UserRow[] = [];
  for (const contact of company.contacts) {
    if (!chance(rng, org ? 0.85 : 0.5)) continue;
    const user = userFromContact(ctx, rng, contact, org && chance(rng, 0.9) ? org.id : null);
    if (user) users.push(user);
  }
  if (org && company.domain && chance(rng, 0.4)) {
    const person = personName(rng);
    const email = `${emailLocal(person.first, person.last, rng)}@${company.domain}`;
    const user = endUser(ctx, rng, `${person.first} ${person.last}`, email, org.id, org.created);
    if (user) users.push(user);
  }
  ticketsFrom(ctx, rng, users, int(rng, 0, 12));
  return users;
}
