/**
 * Everything the sandbox serves and remembers: the seeded tables, the data clock, OAuth grants and
 * the write log. One instance per sandbox; the HTTP handlers and `mutate` both work on it.
 */
import { DataClock } from '../clock.ts';
import type { SandboxCredentials } from '../credentials.ts';
import { PropertyCatalog } from '../hubspot/property-catalog.ts';
import { idSequence, type Seeded } from '../seed/context.ts';
import { HubTable } from './hub-table.ts';
import {
  HUBSPOT_OBJECT_TYPES,
  type HubSpotObjectType,
  type OrgRow,
  type OwnerRow,
  type RatingRow,
  type TicketRow,
  type UserRow,
} from './model.ts';
import { OrderedTable } from './ordered-table.ts';

/** A write request the sandbox accepted (for tests: `sandbox.writes()`). */
export interface WriteRecord {
  api: 'hubspot' | 'zendesk';
  method: string;
  path: string;
  body: unknown;
  /** Epoch ms on the sandbox clock. */
  at: number;
}

export interface HubSpotState {
  portalId: number;
  /** `companyCurrency` of `/account-info/v3/details` (ISO 4217). */
  companyCurrency: string;
  tables: Record<HubSpotObjectType, HubTable>;
  owners: OwnerRow[];
  catalog: PropertyCatalog;
}

export interface ZendeskState {
  orgs: OrderedTable<OrgRow>;
  users: OrderedTable<UserRow>;
  tickets: OrderedTable<TicketRow>;
  /** In creation order: the list endpoint filters and pages on `created_at`. */
  ratings: OrderedTable<RatingRow>;
  adminUserId: number;
  groupIds: number[];
  nextId: {
    ticket: () => number;
    metricSet: () => number;
    rating: () => number;
    org: () => number;
    user: () => number;
  };
}

export interface SandboxState {
  seed: number;
  /** The `now` anchor, epoch ms. */
  anchor: number;
  /** Stamps changes: HubSpot at the sandbox clock's now, Zendesk a minute earlier (see `DataClock`). */
  dataClock: { hubspot: DataClock; zendesk: DataClock };
  credentials: SandboxCredentials;
  hubspot: HubSpotState;
  zendesk: ZendeskState;
  writes: WriteRecord[];
}

const FIRST_IDS: Record<HubSpotObjectType, number> = {
  companies: 9_000_000_000,
  contacts: 100_000,
  deals: 12_000_000_000,
  tickets: 2_000_000_000,
  feedback_submissions: 300_000_000,
  tasks: 40_000_000_000,
};

function maxId(rows: { id: number }[], floor: number): number {
  let max = floor;
  for (const row of rows) if (row.id > max) max = row.id;
  return max;
}

export function createState(
  seeded: Seeded,
  options: {
    seed: number;
    anchor: number;
    credentials: SandboxCredentials;
    now: () => number;
    companyCurrency?: string;
  },
): SandboxState {
  const tables = {} as Record<HubSpotObjectType, HubTable>;
  for (const type of HUBSPOT_OBJECT_TYPES) {
    tables[type] = new HubTable(
      type,
      type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate',
      FIRST_IDS[type],
    );
  }
  const { hubspot, zendesk } = seeded;
  tables.companies.load(hubspot.companies);
  tables.contacts.load(hubspot.contacts);
  tables.deals.load(hubspot.deals);
  tables.tickets.load(hubspot.tickets);
  tables.feedback_submissions.load(hubspot.feedback_submissions);

  const orgs = new OrderedTable<OrgRow>((r) => r.updated);
  orgs.load(zendesk.orgs);
  const users = new OrderedTable<UserRow>((r) => r.updated);
  users.load(zendesk.users);
  const tickets = new OrderedTable<TicketRow>((r) => r.updated);
  tickets.load(zendesk.tickets);
  const ratings = new OrderedTable<RatingRow>((r) => r.created);
  ratings.load(zendesk.ratings);

  let nextTicket = maxId(zendesk.tickets, 0);
  const metricSets = zendesk.tickets.map((t) => t.metrics);
  return {
    seed: options.seed,
    anchor: options.anchor,
    dataClock: {
      hubspot: new DataClock(options.anchor, 1, options.now),
      zendesk: new DataClock(options.anchor, 1000, () => options.now() - 60_000),
    },
    credentials: options.credentials,
    hubspot: {
      portalId: options.credentials.hubspotPortalId,
      companyCurrency: options.companyCurrency ?? 'USD',
      tables,
      owners: hubspot.owners,
      catalog: new PropertyCatalog(new Date(options.anchor - 1000 * 86_400_000).toISOString()),
    },
    zendesk: {
      orgs,
      users,
      tickets,
      ratings,
      adminUserId: zendesk.adminUserId,
      groupIds: zendesk.groupIds,
      nextId: {
        ticket: () => {
          nextTicket += 1;
          return nextTicket;
        },
        metricSet: idSequence(maxId(metricSets, 380_000_100_000) + 10),
        rating: idSequence(maxId(zendesk.ratings, 390_000_100_000) + 10),
        org: idSequence(maxId(zendesk.orgs, 360_000_100_000) + 10),
        user: idSequence(maxId(zendesk.users, 370_000_100_000) + 10),
      },
    },
    writes: [],
  };
}
