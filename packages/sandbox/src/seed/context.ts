import type { Rng } from '../random.ts';
import type { HubRow, OrgRow, OwnerRow, RatingRow, TicketRow, UserRow } from '../state/model.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MONTH = 30.44 * DAY;

/** Everything the generator produces, before it is loaded into the sandbox's tables. */
export interface Seeded {
  hubspot: {
    companies: HubRow[];
    contacts: HubRow[];
    deals: HubRow[];
    tickets: HubRow[];
    feedback_submissions: HubRow[];
    owners: OwnerRow[];
  };
  zendesk: {
    orgs: OrgRow[];
    users: UserRow[];
    tickets: TicketRow[];
    ratings: RatingRow[];
    adminUserId: number;
    groupIds: number[];
  };
}

/** Ascending ids with small gaps (real ids are not contiguous): base, base+3, base+7, ... */
export function idSequence(base: number): () => number {
  let k = 0;
  return () => {
    const id = base + 3 * k + (k % 2);
    k += 1;
    return id;
  };
}

export interface GenContext {
  seed: number;
  companies: number;
  /** The anchor (`now`), epoch ms. */
  anchor: number;
  /** The latest a seeded timestamp may be: an hour before the anchor. */
  latest: number;
  ids: {
    company: () => number;
    contact: () => number;
    deal: () => number;
    hsTicket: () => number;
    feedback: () => number;
    org: () => number;
    user: () => number;
    metricSet: () => number;
    /** Provisional: ratings are renumbered in creation order once all exist. */
    rating: () => number;
  };
  /** Company domains and org domains handed out (unique). */
  domains: Set<string>;
  /** Zendesk emails are unique per account. */
  zendeskEmails: Set<string>;
  owners: OwnerRow[];
  agents: UserRow[];
  groupIds: number[];
  out: Seeded;
}

/** Uniform time in [from, to] (ms), clamped so that `to < from` yields `from`. */
export function between(rng: Rng, from: number, to: number): number {
  if (to <= from) return from;
  return from + Math.floor(rng() * (to - from));
}

/** Whole seconds (Zendesk's precision). */
export function toSecond(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}

/** Midnight UTC of the day `ms` falls in (HubSpot date properties). */
export function toUtcDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** `ms` moved by whole calendar months (UTC), day of month kept where it exists. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}
