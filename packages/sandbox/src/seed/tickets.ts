/**
 * A Zendesk ticket with its metric set and, for some solved tickets, a satisfaction rating. The
 * lifecycle is consistent: first reply <= first resolution <= full resolution, `solved_at` =
 * created + full resolution, closed tickets were solved at least four days before they closed
 * (Zendesk's default automation), and nothing is later than an hour before the anchor.
 */
import { chance, pick, type Rng, skewed, weighted } from '../random.ts';
import type { RatingRow, TicketRow, TicketStatus, UserRow } from '../state/model.ts';
import { between, DAY, type GenContext, HOUR, MINUTE, toSecond } from './context.ts';
import { RATING_COMMENTS, RATING_REASONS, TICKET_DESCRIPTIONS, TICKET_SUBJECTS, tagsFor } from './names.ts';

type LiveStatus = Exclude<TicketStatus, 'deleted'>;

/** How the rich history shapes a ticket; the base seed passes nothing. */
export interface TicketShape {
  strain?: number;
  createdAfter?: number;
  createdBefore?: number;
  priority?: TicketRow['priority'];
}

function statusFor(rng: Rng, ageDays: number): LiveStatus {
  if (ageDays > 30)
    return weighted(rng, [
      ['closed', 75],
      ['solved', 10],
      ['open', 5],
      ['pending', 5],
      ['hold', 3],
      ['new', 2],
    ] as const);
  if (ageDays > 7)
    return weighted(rng, [
      ['solved', 45],
      ['closed', 20],
      ['open', 15],
      ['pending', 10],
      ['hold', 5],
      ['new', 5],
    ] as const);
  return weighted(rng, [
    ['new', 20],
    ['open', 35],
    ['pending', 15],
    ['hold', 5],
    ['solved', 25],
  ] as const);
}

/** Business minutes for `calendar` minutes: working hours only, so a share of them. */
function business(rng: Rng, calendar: number | null): number | null {
  return calendar === null ? null : Math.floor(calendar * (0.3 + 0.6 * rng()));
}

export function generateTicket(
  ctx: GenContext,
  rng: Rng,
  requester: UserRow,
  orgId: number | null,
  /**
   * The rich history's knobs: `strain` (0-1) makes urgent tickets likelier and ratings worse;
   * `createdAfter` / `createdBefore` bound when it was opened; `priority` sets it.
   */
  shape: TicketShape = {},
): { ticket: TicketRow; rating: RatingRow | null } {
  const { strain } = shape;
  const created = toSecond(
    between(
      rng,
      Math.max(requester.created, shape.createdAfter ?? ctx.anchor - 540 * DAY),
      Math.min(shape.createdBefore ?? ctx.latest, ctx.latest) - HOUR,
    ),
  );
  const availableMin = Math.floor((ctx.latest - created) / MINUTE);
  let status: TicketStatus = statusFor(rng, (ctx.latest - created) / DAY);
  const solvedLike = status === 'solved' || status === 'closed';

  const replies =
    status === 'new'
      ? 0
      : solvedLike
        ? weighted(rng, [
            [0, 6],
            [1, 46],
            [2, 24],
            [3, 12],
            [4, 7],
            [5, 5],
          ] as const)
        : weighted(rng, [
            [0, 15],
            [1, 45],
            [2, 25],
            [3, 15],
          ] as const);
  const reopens = solvedLike
    ? weighted(rng, [
        [0, 80],
        [1, 15],
        [2, 5],
      ] as const)
    : status === 'open'
      ? weighted(rng, [
          [0, 90],
          [1, 10],
        ] as const)
      : 0;
  const replyCal = replies > 0 ? Math.min(availableMin, 1 + Math.round(skewed(rng, 90, 4320))) : null;

  let solvedAt: number | null = null;
  let fullCal: number | null = null;
  let firstCal: number | null = null;
  if (solvedLike) {
    fullCal = Math.min(availableMin, (replyCal ?? 0) + Math.round(skewed(rng, 600, 20000)) + 5);
    firstCal = reopens > 0 ? Math.max(replyCal ?? 0, Math.round(fullCal * (0.2 + 0.5 * rng()))) : fullCal;
    solvedAt = toSecond(created + fullCal * MINUTE);
    if (status === 'closed' && solvedAt + 4 * DAY > ctx.latest) status = 'solved';
  }

  let updated: number;
  if (status === 'closed')
    updated = between(rng, solvedAt! + 4 * DAY, Math.min(ctx.latest, solvedAt! + 28 * DAY));
  else if (status === 'solved') updated = between(rng, solvedAt!, Math.min(ctx.latest, solvedAt! + 2 * HOUR));
  else if (status === 'new') updated = between(rng, created, Math.min(ctx.latest, created + HOUR));
  else updated = between(rng, created + (replyCal ?? 0) * MINUTE, ctx.latest);
  updated = toSecond(Math.min(updated, ctx.latest));

  const openMin = Math.floor((updated - created) / MINUTE);
  const waitTotal = fullCal ?? openMin;
  const onHoldCal = status === 'hold' || chance(rng, 0.05) ? Math.round(waitTotal * 0.2 * rng()) : 0;
  const agentWaitCal = Math.round((waitTotal - onHoldCal) * (0.2 + 0.4 * rng()));
  const assigneeId = status === 'new' && chance(rng, 0.5) ? null : pick(rng, ctx.agents).id;
  const assignedAt =
    assigneeId === null
      ? null
      : toSecond(between(rng, created + MINUTE, Math.min(updated, created + 2 * HOUR)));

  const ticket: TicketRow = {
    id: 0,
    subject: pick(rng, TICKET_SUBJECTS),
    description: pick(rng, TICKET_DESCRIPTIONS),
    type: weighted(rng, [
      ['question', 40],
      ['incident', 35],
      ['problem', 10],
      ['task', 10],
      [null, 5],
    ] as const),
    priority:
      shape.priority ??
      weighted(rng, [
        ['low', 20],
        ['normal', 50],
        ['high', 20],
        ['urgent', strain === undefined ? 7 : 4 + 26 * strain],
        [null, 3],
      ] as const),
    status,
    requesterId: requester.id,
    submitterId: requester.id,
    assigneeId,
    orgId,
    groupId: pick(rng, ctx.groupIds),
    tags: tagsFor(rng),
    channel: weighted(rng, [
      ['email', 60],
      ['web', 30],
      ['api', 10],
    ] as const),
    created,
    updated,
    metrics: {
      id: ctx.ids.metricSet(),
      replies,
      reopens,
      replyCal,
      replyBus: business(rng, replyCal),
      firstResolutionCal: firstCal,
      firstResolutionBus: business(rng, firstCal),
      fullResolutionCal: fullCal,
      fullResolutionBus: business(rng, fullCal),
      agentWaitCal,
      agentWaitBus: business(rng, agentWaitCal)!,
      requesterWaitCal: waitTotal - onHoldCal - agentWaitCal,
      requesterWaitBus: business(rng, waitTotal - onHoldCal - agentWaitCal)!,
      onHoldCal,
      onHoldBus: business(rng, onHoldCal)!,
      solvedAt,
      assignedAt,
      initiallyAssignedAt: assignedAt,
      statusUpdatedAt: status === 'solved' ? solvedAt! : updated,
      latestCommentAt: solvedAt ?? updated,
      updated,
    },
    rating: null,
  };

  const rating = solvedAt === null ? null : ratingFor(ctx, rng, ticket, solvedAt, strain);
  if (rating) {
    ticket.rating = rating;
    ticket.updated = Math.max(ticket.updated, rating.updated);
    ticket.metrics.updated = ticket.updated;
  }
  // A few tickets were deleted after the fact; they stay in the export with status "deleted".
  if (chance(rng, 0.005)) {
    ticket.status = 'deleted';
    ticket.updated = toSecond(between(rng, ticket.updated, Math.min(ctx.latest, ticket.updated + 2 * DAY)));
    ticket.metrics.updated = ticket.updated;
  }
  return { ticket, rating };
}

function ratingFor(
  ctx: GenContext,
  rng: Rng,
  ticket: TicketRow,
  solvedAt: number,
  strain?: number,
): RatingRow | null {
  const kind = weighted(rng, [
    [null, 45],
    ['unoffered', 5],
    ['offered', 20],
    ['answered', 30],
  ] as const);
  if (kind === null) return null;
  const created = toSecond(solvedAt + between(rng, 5 * MINUTE, DAY));
  if (created > ctx.latest) return null;
  const good = strain === undefined ? 0.78 : 0.95 - 0.6 * strain;
  const score = kind === 'answered' ? (chance(rng, good) ? 'good' : 'bad') : kind;
  const answered = score === 'good' || score === 'bad';
  const updated = answered
    ? toSecond(Math.min(ctx.latest, created + between(rng, 10 * MINUTE, 72 * HOUR)))
    : created;
  return {
    id: ctx.ids.rating(),
    ticket,
    score,
    comment: answered && chance(rng, score === 'bad' ? 0.5 : 0.3) ? pick(rng, RATING_COMMENTS) : null,
    reason: score === 'bad' && chance(rng, 0.6) ? pick(rng, RATING_REASONS) : null,
    requesterId: ticket.requesterId,
    assigneeId: ticket.assigneeId,
    groupId: ticket.groupId,
    created,
    updated,
  };
}
