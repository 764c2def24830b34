/**
 * The Zendesk event types a webhook may subscribe to (the reference's ticket, organization and
 * user event pages), and the special `conditional_ticket_events` of trigger-connected webhooks.
 * https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/
 */
const TICKET = [
  'agent_assignment_changed',
  'attachment_linked_to_comment',
  'attachment_redacted_from_comment',
  'brand_changed',
  'comment_added',
  'comment_made_private',
  'comment_redacted',
  'custom_field_changed',
  'custom_status_changed',
  'description_changed',
  'external_id_changed',
  'email_ccs_changed',
  'followers_changed',
  'form_changed',
  'group_assignment_changed',
  'organization_changed',
  'priority_changed',
  'problem_link_changed',
  'requester_changed',
  'status_changed',
  'subject_changed',
  'submitter_changed',
  'tags_changed',
  'task_due_at_changed',
  'created',
  'marked_as_spam',
  'merged',
  'permanently_deleted',
  'soft_deleted',
  'type_changed',
  'undeleted',
];
const ORGANIZATION = [
  'created',
  'custom_field_changed',
  'deleted',
  'external_id_changed',
  'name_changed',
  'tags_changed',
];
const USER = [
  'alias_changed',
  'created',
  'custom_field_changed',
  'custom_role_changed',
  'default_group_changed',
  'details_changed',
  'external_id_changed',
  'group_membership_created',
  'group_membership_deleted',
  'identity_changed',
  'identity_created',
  'identity_deleted',
  'active_changed',
  'last_login_changed',
  'merged',
  'name_changed',
  'notes_changed',
  'only_private_comments_changed',
  'organization_membership_created',
  'organization_membership_deleted',
  'organization_membership_switched',
  'photo_changed',
  'role_changed',
  'tags_changed',
  'time_zone_changed',
  'deleted',
];

export const EVENT_TYPES: ReadonlySet<string> = new Set([
  ...TICKET.map((t) => `zen:event-type:ticket.${t}`),
  ...ORGANIZATION.map((t) => `zen:event-type:organization.${t}`),
  ...USER.map((t) => `zen:event-type:user.${t}`),
]);

export const CONDITIONAL_TICKET_EVENTS = 'conditional_ticket_events';
