/**
 * `sandbox.data`: the raw records as the APIs serve them, complete (every property, every
 * association), for tests that compute expected figures independently. Each list is built on first
 * read and rebuilt only after a change; at benchmark scale that is a lot of objects, so read what
 * you need.
 */
import {
  fullObjectJson,
  type HubSpotObjectJson,
  type HubSpotOwnerJson,
  ownerJson,
} from './hubspot/shapes.ts';
import type { HubSpotObjectType } from './state/model.ts';
import type { OrderedTable, Timed } from './state/ordered-table.ts';
import type { SandboxState } from './state/state.ts';
import {
  metricSetJson,
  organizationJson,
  satisfactionRatingJson,
  ticketJson,
  userJson,
  type ZendeskMetricSetJson,
  type ZendeskOrganizationJson,
  type ZendeskSatisfactionRatingJson,
  type ZendeskTicketJson,
  type ZendeskUserJson,
} from './zendesk/shapes.ts';

export interface SeedData {
  /** The anchor: every seeded timestamp is before it. */
  readonly now: Date;
  readonly companies: readonly HubSpotObjectJson[];
  readonly contacts: readonly HubSpotObjectJson[];
  readonly deals: readonly HubSpotObjectJson[];
  readonly feedbackSubmissions: readonly HubSpotObjectJson[];
  /** HubSpot's `tickets` object. */
  readonly hubspotTickets: readonly HubSpotObjectJson[];
  readonly tasks: readonly HubSpotObjectJson[];
  readonly owners: readonly HubSpotOwnerJson[];
  readonly organizations: readonly ZendeskOrganizationJson[];
  readonly users: readonly ZendeskUserJson[];
  /** Zendesk tickets, deleted ones included (`status: "deleted"`). */
  readonly tickets: readonly ZendeskTicketJson[];
  readonly metricSets: readonly ZendeskMetricSetJson[];
  readonly satisfactionRatings: readonly ZendeskSatisfactionRatingJson[];
}

/** Lets `seedSummary` count without building every record (symbol-keyed, not part of the shape). */
export const COUNTS = Symbol('sandbox.counts');

export interface Counts {
  companies: number;
  contacts: number;
  deals: number;
  closedWonDeals: number;
  feedbackSubmissions: number;
  hubspotTickets: number;
  owners: number;
  organizations: number;
  users: number;
  tickets: number;
  ticketsByStatus: Record<string, number>;
  satisfactionRatings: number;
}

function counts(state: SandboxState): Counts {
  const t = state.hubspot.tables;
  const z = state.zendesk;
  const ticketsByStatus: Record<string, number> = {};
  for (const ticket of z.tickets.order)
    ticketsByStatus[ticket.status] = (ticketsByStatus[ticket.status] ?? 0) + 1;
  return {
    companies: t.companies.rows.length,
    contacts: t.contacts.rows.length,
    deals: t.deals.rows.length,
    closedWonDeals: t.deals.rows.filter((d) => d.p.hs_is_closed_won === 'true').length,
    feedbackSubmissions: t.feedback_submissions.rows.length,
    hubspotTickets: t.tickets.rows.length,
    owners: state.hubspot.owners.length,
    organizations: z.orgs.size,
    users: z.users.size,
    tickets: z.tickets.size,
    ticketsByStatus,
    satisfactionRatings: z.ratings.size,
  };
}

export function dataView(state: SandboxState): SeedData {
  const base = `https://${state.credentials.zendeskSubdomain}.zendesk.com`;
  const cache = new Map<string, { version: number; value: unknown }>();
  function memo<T>(key: string, version: number, build: () => T): T {
    const hit = cache.get(key);
    if (hit && hit.version === version) return hit.value as T;
    const value = build();
    cache.set(key, { version, value });
    return value;
  }
  const hub = (type: HubSpotObjectType) => () => {
    const table = state.hubspot.tables[type];
    // Associations come from other tables too: key on every table's version.
    const version = Object.values(state.hubspot.tables).reduce((sum, t) => sum + t.version, 0);
    return memo(type, version, () => table.rows.map((row) => fullObjectJson(state.hubspot, table, row)));
  };
  const byId = <T extends Timed>(table: OrderedTable<T>) =>
    [...table.byId.values()].sort((a, b) => a.id - b.id);
  const z = state.zendesk;

  const view = {
    now: new Date(state.anchor),
    get owners() {
      return state.hubspot.owners.map(ownerJson);
    },
    get organizations() {
      return memo('organizations', z.orgs.version, () => byId(z.orgs).map((o) => organizationJson(o, base)));
    },
    get users() {
      return memo('users', z.users.version, () => byId(z.users).map((u) => userJson(u, base)));
    },
    get tickets() {
      return memo('tickets', z.tickets.version, () => byId(z.tickets).map((t) => ticketJson(t, base)));
    },
    get metricSets() {
      return memo('metricSets', z.tickets.version, () => byId(z.tickets).map((t) => metricSetJson(t, base)));
    },
    get satisfactionRatings() {
      return memo('ratings', z.ratings.version, () =>
        byId(z.ratings).map((r) => satisfactionRatingJson(r, base)),
      );
    },
  };
  const hubspotGetters: [keyof SeedData, HubSpotObjectType][] = [
    ['companies', 'companies'],
    ['contacts', 'contacts'],
    ['deals', 'deals'],
    ['feedbackSubmissions', 'feedback_submissions'],
    ['hubspotTickets', 'tickets'],
    ['tasks', 'tasks'],
  ];
  for (const [name, type] of hubspotGetters)
    Object.defineProperty(view, name, { get: hub(type), enumerable: true });
  Object.defineProperty(view, COUNTS, { value: () => counts(state), enumerable: false });
  return view as unknown as SeedData;
}
