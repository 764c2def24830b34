/**
 * The sandbox's compact, internal records. They hold numbers (epoch ms) and pooled strings, not the
 * API's JSON: a 100k-company sandbox keeps ~2M records, and the API shapes are built per page
 * (`hubspot/shapes.ts`, `zendesk/shapes.ts`).
 */

export const HUBSPOT_OBJECT_TYPES = [
  'companies',
  'contacts',
  'deals',
  'tickets',
  'feedback_submissions',
  'tasks',
] as const;
export type HubSpotObjectType = (typeof HUBSPOT_OBJECT_TYPES)[number];

/** HubSpot property values, always strings or null, as the API returns them. */
export type Props = Record<string, string | null>;

/** Associations from one record to records of one type; `primary` means `ids[0]` is the primary one. */
export interface Link {
  ids: number[];
  primary: boolean;
}
export type Links = Partial<Record<HubSpotObjectType, Link>>;

/**
 * A HubSpot CRM record. `createdate`, `hs_lastmodifieddate` (contacts: `lastmodifieddate`) and
 * `hs_object_id` are derived from `id`, `created` and `updated` when served.
 */
export interface HubRow {
  id: number;
  created: number;
  updated: number;
  p: Props;
  links?: Links;
}

export interface OwnerRow {
  id: number;
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  created: number;
  updated: number;
  /** A deactivated user: listed with `archived=true` only, still the owner of the records it had. */
  archived: boolean;
}

export interface OrgRow {
  id: number;
  name: string;
  domains: string[];
  details: string | null;
  notes: string | null;
  tags: readonly string[];
  groupId: number | null;
  created: number;
  updated: number;
}

export type ZendeskRole = 'end-user' | 'agent' | 'admin';

export interface UserRow {
  id: number;
  name: string;
  email: string | null;
  role: ZendeskRole;
  orgId: number | null;
  active: boolean;
  timeZone: string;
  created: number;
  updated: number;
  lastLogin: number | null;
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | 'deleted';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';

/**
 * The ticket's metric set (`include=metric_sets`), kept on the ticket row. Durations are calendar
 * and business minutes, flat (not `{ calendar, business }` objects: half a million tickets would
 * carry three million of them); null when the event has not happened (no reply, not solved).
 */
export interface TicketMetrics {
  id: number;
  replies: number;
  reopens: number;
  replyCal: number | null;
  replyBus: number | null;
  firstResolutionCal: number | null;
  firstResolutionBus: number | null;
  fullResolutionCal: number | null;
  fullResolutionBus: number | null;
  agentWaitCal: number;
  agentWaitBus: number;
  requesterWaitCal: number;
  requesterWaitBus: number;
  onHoldCal: number;
  onHoldBus: number;
  solvedAt: number | null;
  assignedAt: number | null;
  initiallyAssignedAt: number | null;
  statusUpdatedAt: number;
  latestCommentAt: number;
  updated: number;
}

export interface TicketRow {
  id: number;
  subject: string;
  description: string;
  type: TicketType | null;
  priority: TicketPriority | null;
  status: TicketStatus;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  orgId: number | null;
  groupId: number | null;
  tags: readonly string[];
  channel: string;
  created: number;
  updated: number;
  metrics: TicketMetrics;
  rating: RatingRow | null;
}

export type RatingScore = 'offered' | 'unoffered' | 'good' | 'bad';

export interface RatingRow {
  id: number;
  ticket: TicketRow;
  score: RatingScore;
  /** The 1-5 answer on the current CSAT (`sandbox.mutate.answerSurvey`); else derived from `score`. */
  csatRating?: number;
  comment: string | null;
  reason: string | null;
  requesterId: number;
  assigneeId: number | null;
  groupId: number | null;
  created: number;
  updated: number;
}
