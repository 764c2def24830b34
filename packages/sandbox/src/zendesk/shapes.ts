/**
 * Zendesk API shapes built from the compact rows: numeric ids, ISO timestamps to the second with
 * `Z`, `url` fields under the base URL the client called.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/
 */
import { isoSeconds } from '../clock.ts';
import type { OrgRow, RatingRow, TicketRow, UserRow } from '../state/model.ts';

const iso = (ms: number | null) => (ms === null ? null : isoSeconds(ms));
const minutes = (calendar: number | null, business: number | null) => ({ calendar, business });

export function ticketJson(t: TicketRow, base: string) {
  return {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
    created_at: isoSeconds(t.created),
    updated_at: isoSeconds(t.updated),
    generated_timestamp: Math.floor(t.updated / 1000),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: null,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.orgId,
    group_id: t.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...t.tags],
    custom_fields: [],
    satisfaction_rating: t.rating
      ? { id: t.rating.id, score: t.rating.score, comment: t.rating.comment, reason: t.rating.reason }
      : null,
    sharing_agreement_ids: [],
    fields: [],
    followup_ids: [],
    brand_id: 360_000_000_001,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function metricSetJson(t: TicketRow, base: string) {
  const m = t.metrics;
  return {
    url: `${base}/api/v2/ticket_metrics/${m.id}.json`,
    id: m.id,
    ticket_id: t.id,
    created_at: isoSeconds(t.created),
    updated_at: isoSeconds(m.updated),
    group_stations: t.groupId === null ? 0 : 1,
    assignee_stations: t.assigneeId === null ? 0 : 1,
    reopens: m.reopens,
    replies: m.replies,
    assignee_updated_at: iso(m.assignedAt),
    requester_updated_at: isoSeconds(t.created),
    status_updated_at: isoSeconds(m.statusUpdatedAt),
    initially_assigned_at: iso(m.initiallyAssignedAt),
    assigned_at: iso(m.assignedAt),
    solved_at: iso(m.solvedAt),
    latest_comment_added_at: isoSeconds(m.latestCommentAt),
    reply_time_in_minutes: minutes(m.replyCal, m.replyBus),
    first_resolution_time_in_minutes: minutes(m.firstResolutionCal, m.firstResolutionBus),
    full_resolution_time_in_minutes: minutes(m.fullResolutionCal, m.fullResolutionBus),
    agent_wait_time_in_minutes: minutes(m.agentWaitCal, m.agentWaitBus),
    requester_wait_time_in_minutes: minutes(m.requesterWaitCal, m.requesterWaitBus),
    on_hold_time_in_minutes: minutes(m.onHoldCal, m.onHoldBus),
  };
}

export function organizationJson(o: OrgRow, base: string) {
  return {
    url: `${base}/api/v2/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: null,
    created_at: isoSeconds(o.created),
    updated_at: isoSeconds(o.updated),
    deleted_at: null,
    domain_names: [...o.domains],
    details: o.details,
    notes: o.notes,
    group_id: o.groupId,
    tags: [...o.tags],
    organization_fields: {},
  };
}

export function userJson(u: UserRow, base: string) {
  return {
    id: u.id,
    url: `${base}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: isoSeconds(u.created),
    updated_at: isoSeconds(u.updated),
    time_zone: u.timeZone,
    iana_time_zone: 'Etc/UTC',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: u.orgId,
    role: u.role,
    verified: true,
    external_id: null,
    tags: [],
    alias: null,
    active: u.active,
    shared: false,
    shared_agent: false,
    last_login_at: iso(u.lastLogin),
    two_factor_auth_enabled: null,
    signature: null,
    details: null,
    notes: null,
    role_type: null,
    custom_role_id: null,
    moderator: u.role !== 'end-user',
    ticket_restriction: u.role === 'end-user' ? 'requested' : null,
    only_private_comments: false,
    restricted_agent: u.role === 'agent' ? false : u.role === 'end-user',
    suspended: false,
    default_group_id: null,
    report_csv: u.role !== 'end-user',
    user_fields: {},
  };
}

export function satisfactionRatingJson(r: RatingRow, base: string) {
  return {
    url: `${base}/api/v2/satisfaction_ratings/${r.id}.json`,
    id: r.id,
    assignee_id: r.assigneeId,
    group_id: r.groupId,
    requester_id: r.requesterId,
    ticket_id: r.ticket.id,
    score: r.score,
    comment: r.comment,
    reason: r.reason,
    reason_code: r.reason ? 5 : null,
    created_at: isoSeconds(r.created),
    updated_at: isoSeconds(r.updated),
  };
}

export type ZendeskTicketJson = ReturnType<typeof ticketJson>;
export type ZendeskMetricSetJson = ReturnType<typeof metricSetJson>;
export type ZendeskOrganizationJson = ReturnType<typeof organizationJson>;
export type ZendeskUserJson = ReturnType<typeof userJson>;
export type ZendeskSatisfactionRatingJson = ReturnType<typeof satisfactionRatingJson>;
