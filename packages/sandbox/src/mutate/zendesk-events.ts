/**
 * The webhook events Zendesk sends for the changes `sandbox.mutate` makes: a new ticket, a ticket's
 * status, priority, organization or requester changed, a ticket deleted; an organization renamed;
 * a user's email (identity) or organization changed. Payloads follow the reference's examples: a
 * `detail` with the record (ids as strings), an `event` with `current` / `previous`, the subject's
 * resource name. Domain names of an organization have no event (Zendesk sends none).
 * https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/
 * https://developer.zendesk.com/api-reference/webhooks/event-types/organization-events/
 * https://developer.zendesk.com/api-reference/webhooks/event-types/user-events/
 */
import { isoSeconds } from '../clock.ts';
import type { OrgRow, TicketRow, UserRow } from '../state/model.ts';
import type { SandboxState } from '../state/state.ts';
import type { ZendeskEvent } from '../zendesk/webhook-registry.ts';
import type { SandboxMutations } from './mutations.ts';

const str = (id: number | null) => (id === null ? null : String(id));
const upper = (value: string | null) => (value === null ? null : value.toUpperCase());

function ticketDetail(t: TicketRow, actorId: number) {
  return {
    actor_id: String(actorId),
    assignee_id: str(t.assigneeId),
    brand_id: null,
    created_at: isoSeconds(t.created),
    custom_status: null,
    description: t.description,
    external_id: null,
    form_id: null,
    group_id: str(t.groupId),
    id: String(t.id),
    is_public: true,
    organization_id: str(t.orgId),
    priority: upper(t.priority),
    requester_id: String(t.requesterId),
    status: upper(t.status),
    subject: t.subject,
    submitter_id: String(t.submitterId),
    tags: [...t.tags],
    type: upper(t.type),
    updated_at: isoSeconds(t.updated),
    via: { channel: t.channel },
  };
}

const orgDetail = (o: OrgRow) => ({
  created_at: isoSeconds(o.created),
  external_id: null,
  group_id: str(o.groupId),
  id: String(o.id),
  name: o.name,
  shared_comments: false,
  shared_tickets: false,
  updated_at: isoSeconds(o.updated),
});

const userDetail = (u: UserRow) => ({
  created_at: isoSeconds(u.created),
  default_group_id: null,
  email: u.email,
  external_id: null,
  id: String(u.id),
  organization_id: str(u.orgId),
  role: u.role,
  updated_at: isoSeconds(u.updated),
});

const TICKET_VERSION = '2022-11-06';
const ORGANIZATION_VERSION = '2022-06-20';
const USER_VERSION = '2022-11-06';

/** `mutations`, each Zendesk change also handed to `emit` as the events Zendesk would send. */
export function withZendeskEvents(
  mutations: SandboxMutations,
  state: SandboxState,
  emit: (events: ZendeskEvent[]) => void,
): SandboxMutations {
  const z = state.zendesk;
  const ticket = (t: TicketRow, kind: string, event: Record<string, unknown> = {}): ZendeskEvent => ({
    type: `zen:event-type:ticket.${kind}`,
    subject: `zen:ticket:${t.id}`,
    detail: ticketDetail(t, z.adminUserId),
    event,
    zendeskEventVersion: TICKET_VERSION,
  });
  const change = (previous: unknown, current: unknown) => ({ current, previous });

  return {
    ...mutations,
    addTicket(input) {
      const json = mutations.addTicket(input);
      emit([ticket(z.tickets.byId.get(json.id)!, 'created')]);
      return json;
    },
    updateTicket(id, patch) {
      const before = z.tickets.byId.get(id);
      const was = before && {
        status: before.status,
        priority: before.priority,
        orgId: before.orgId,
        requesterId: before.requesterId,
      };
      const json = mutations.updateTicket(id, patch);
      const t = z.tickets.byId.get(id)!;
      const events: ZendeskEvent[] = [];
      if (was && was.status !== t.status)
        events.push(ticket(t, 'status_changed', change(upper(was.status), upper(t.status))));
      if (was && was.priority !== t.priority)
        events.push(ticket(t, 'priority_changed', change(upper(was.priority), upper(t.priority))));
      if (was && was.orgId !== t.orgId)
        events.push(ticket(t, 'organization_changed', change(str(was.orgId), str(t.orgId))));
      if (was && was.requesterId !== t.requesterId)
        events.push(ticket(t, 'requester_changed', change(String(was.requesterId), String(t.requesterId))));
      emit(events);
      return json;
    },
    deleteTicket(id) {
      const json = mutations.deleteTicket(id);
      emit([ticket(z.tickets.byId.get(id)!, 'soft_deleted')]);
      return json;
    },
    updateOrganization(id, patch) {
      const name = z.orgs.byId.get(id)?.name;
      const json = mutations.updateOrganization(id, patch);
      const o = z.orgs.byId.get(id)!;
      if (name !== undefined && name !== o.name)
        emit([
          {
            type: 'zen:event-type:organization.name_changed',
            subject: `zen:organization:${o.id}`,
            detail: orgDetail(o),
            event: change(name, o.name),
            zendeskEventVersion: ORGANIZATION_VERSION,
          },
        ]);
      return json;
    },
    updateUser(id, patch) {
      const before = z.users.byId.get(id);
      const was = before && { email: before.email, orgId: before.orgId };
      const json = mutations.updateUser(id, patch);
      const u = z.users.byId.get(id)!;
      const user = (kind: string, event: Record<string, unknown>): ZendeskEvent => ({
        type: `zen:event-type:user.${kind}`,
        subject: `zen:user:${u.id}`,
        detail: userDetail(u),
        event,
        zendeskEventVersion: USER_VERSION,
      });
      const events: ZendeskEvent[] = [];
      if (was && was.email !== u.email)
        events.push(
          user('identity_changed', {
            current: { type: 'email', value: u.email },
            previous: { type: 'email', value: was.email },
          }),
        );
      if (was && was.orgId !== u.orgId && u.orgId !== null)
        events.push(
          user('organization_membership_created', { current: { organization_id: String(u.orgId) } }),
        );
      emit(events);
      return json;
    },
  };
}
