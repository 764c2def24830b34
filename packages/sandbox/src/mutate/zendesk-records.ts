/**
 * Changes to Zendesk records, as an agent or end-user would make them. Each takes the next Zendesk
 * data-clock stamp (a minute before the sandbox clock's now, later than anything before) as
 * `updated_at`, which moves the record to the end of the export order: a client holding an earlier
 * `after_cursor` sees it on its next call.
 */
import type {
  RatingRow,
  RatingScore,
  TicketPriority,
  TicketRow,
  TicketStatus,
  TicketType,
  UserRow,
} from '../state/model.ts';
import type { SandboxState } from '../state/state.ts';
import { RecordError } from './hubspot-records.ts';

export interface TicketMetricsPatch {
  replies?: number;
  reopens?: number;
  replyTimeMinutes?: number | null;
  fullResolutionMinutes?: number | null;
}

export interface TicketPatch {
  subject?: string;
  status?: Exclude<TicketStatus, 'deleted'>;
  priority?: TicketPriority | null;
  type?: TicketType | null;
  organization_id?: number | null;
  requester_id?: number;
  assignee_id?: number | null;
  tags?: string[];
  metrics?: TicketMetricsPatch;
}

export interface NewTicket extends TicketPatch {
  requester_id: number;
}

function requireTicket(state: SandboxState, id: number): TicketRow {
  const ticket = state.zendesk.tickets.byId.get(id);
  if (!ticket) throw new RecordError(`ticket ${id} does not exist`, 'not_found');
  return ticket;
}

export function requireUser(state: SandboxState, id: number): UserRow {
  const user = state.zendesk.users.byId.get(id);
  if (!user) throw new RecordError(`user ${id} does not exist`, 'not_found');
  return user;
}

function applyPatch(state: SandboxState, t: TicketRow, patch: TicketPatch, stamp: number): void {
  if (patch.subject !== undefined) t.subject = patch.subject;
  if (patch.priority !== undefined) t.priority = patch.priority;
  if (patch.type !== undefined) t.type = patch.type;
  if (patch.organization_id !== undefined) {
    if (patch.organization_id !== null && !state.zendesk.orgs.byId.has(patch.organization_id))
      throw new RecordError(`organization ${patch.organization_id} does not exist`, 'not_found');
    t.orgId = patch.organization_id;
  }
  if (patch.requester_id !== undefined) t.requesterId = requireUser(state, patch.requester_id).id;
  if (patch.assignee_id !== undefined) t.assigneeId = patch.assignee_id;
  if (patch.tags !== undefined) t.tags = [...patch.tags];
  const m = t.metrics;
  if (patch.status !== undefined && patch.status !== t.status) {
    const wasSolved = t.status === 'solved' || t.status === 'closed';
    const solved = patch.status === 'solved' || patch.status === 'closed';
    if (solved && !wasSolved) {
      m.solvedAt = stamp;
      const minutes = Math.max(1, Math.round((stamp - t.created) / 60_000));
      m.fullResolutionCal = minutes;
      m.fullResolutionBus = minutes;
      m.firstResolutionCal ??= minutes;
      m.firstResolutionBus ??= minutes;
    }
    if (!solved && wasSolved) m.reopens += 1;
    t.status = patch.status;
    m.statusUpdatedAt = stamp;
  }
  const mp = patch.metrics;
  if (mp?.replies !== undefined) m.replies = mp.replies;
  if (mp?.reopens !== undefined) m.reopens = mp.reopens;
  // Business minutes follow calendar minutes here: a patch gives one figure for both.
  if (mp?.replyTimeMinutes !== undefined)
    [m.replyCal, m.replyBus] = [mp.replyTimeMinutes, mp.replyTimeMinutes];
  if (mp?.fullResolutionMinutes !== undefined) {
    [m.fullResolutionCal, m.fullResolutionBus] = [mp.fullResolutionMinutes, mp.fullResolutionMinutes];
  }
  m.latestCommentAt = stamp;
  m.updated = stamp;
  t.updated = stamp;
}

export function updateTicket(state: SandboxState, id: number, patch: TicketPatch): TicketRow {
  const ticket = requireTicket(state, id);
  if (ticket.status === 'deleted') throw new RecordError(`ticket ${id} is deleted`, 'invalid');
  const stamp = state.dataClock.zendesk.next();
  state.zendesk.tickets.update(ticket, (t) => applyPatch(state, t, patch, stamp));
  return ticket;
}

export function deleteTicket(state: SandboxState, id: number): TicketRow {
  const ticket = requireTicket(state, id);
  const stamp = state.dataClock.zendesk.next();
  state.zendesk.tickets.update(ticket, (t) => {
    t.status = 'deleted';
    t.updated = stamp;
    t.metrics.updated = stamp;
  });
  return ticket;
}

export function addTicket(state: SandboxState, input: NewTicket): TicketRow {
  const requester = requireUser(state, input.requester_id);
  const stamp = state.dataClock.zendesk.next();
  const z = state.zendesk;
  const ticket: TicketRow = {
    id: z.nextId.ticket(),
    subject: input.subject ?? 'New ticket',
    description: input.subject ?? 'New ticket',
    type: input.type ?? 'question',
    priority: input.priority === undefined ? 'normal' : input.priority,
    status: 'new',
    requesterId: requester.id,
    submitterId: requester.id,
    assigneeId: input.assignee_id ?? null,
    orgId: input.organization_id === undefined ? requester.orgId : input.organization_id,
    groupId: z.groupIds[0] ?? null,
    tags: input.tags ?? [],
    channel: 'web',
    created: stamp,
    updated: stamp,
    metrics: {
      id: z.nextId.metricSet(),
      replies: 0,
      reopens: 0,
      replyCal: null,
      replyBus: null,
      firstResolutionCal: null,
      firstResolutionBus: null,
      fullResolutionCal: null,
      fullResolutionBus: null,
      agentWaitCal: 0,
      agentWaitBus: 0,
      requesterWaitCal: 0,
      requesterWaitBus: 0,
      onHoldCal: 0,
      onHoldBus: 0,
      solvedAt: null,
      assignedAt: input.assignee_id ? stamp : null,
      initiallyAssignedAt: input.assignee_id ? stamp : null,
      statusUpdatedAt: stamp,
      latestCommentAt: stamp,
      updated: stamp,
    },
    rating: null,
  };
  applyPatch(state, ticket, { ...input, requester_id: undefined, organization_id: undefined }, stamp);
  z.tickets.add(ticket);
  return ticket;
}

/** A rating on a ticket (a new one, or the ticket's rating changed, e.g. `offered` -> `good`). */
export function rateTicket(
  state: SandboxState,
  ticketId: number,
  score: RatingScore,
  comment: string | null = null,
  reason: string | null = null,
): RatingRow {
  const ticket = requireTicket(state, ticketId);
  const stamp = state.dataClock.zendesk.next();
  const z = state.zendesk;
  let rating = ticket.rating;
  if (rating) {
    z.ratings.update(rating, (r) => {
      r.score = score;
      delete r.csatRating;
      r.comment = comment;
      r.reason = reason;
      r.updated = stamp;
    });
  } else {
    rating = {
      id: z.nextId.rating(),
      ticket,
      score,
      comment,
      reason,
      requesterId: ticket.requesterId,
      assigneeId: ticket.assigneeId,
      groupId: ticket.groupId,
      created: stamp,
      updated: stamp,
    };
    z.ratings.add(rating);
  }
  const created = rating;
  z.tickets.update(ticket, (t) => {
    t.rating = created;
    t.updated = stamp;
    t.metrics.updated = stamp;
  });
  return rating;
}

/**
 * A current-CSAT answer (1-5) on a ticket: its rating row as Zendesk mirrors it (4-5 good, 1-3 bad)
 * with the 1-5 answer kept for the survey response.
 */
export function answerSurvey(
  state: SandboxState,
  ticketId: number,
  rating: number,
  comment: string | null = null,
  reason: string | null = null,
): RatingRow {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new Error(`answerSurvey: rating must be an integer 1-5, got ${rating}`);
  const row = rateTicket(state, ticketId, rating >= 4 ? 'good' : 'bad', comment, reason);
  row.csatRating = rating;
  return row;
}
