import { type ApiClient, ApiError } from '@csm/http';
import { z } from 'zod';
import { answerOf, zendeskSdk } from './sdk.ts';

/**
 * The Zendesk events the connector's webhook subscribes to: the ticket, organization and user
 * changes that move a figure (status, priority, organization, requester, replies, deletion; an
 * organization's name; a user's email, organization and existence). Zendesk has no event for an
 * organization's domain names: those reach us through the periodic sync.
 * https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/
 */
export const ZENDESK_WEBHOOK_EVENT_TYPES = [
  'zen:event-type:ticket.created',
  'zen:event-type:ticket.status_changed',
  'zen:event-type:ticket.priority_changed',
  'zen:event-type:ticket.organization_changed',
  'zen:event-type:ticket.requester_changed',
  'zen:event-type:ticket.comment_added',
  'zen:event-type:ticket.soft_deleted',
  'zen:event-type:ticket.permanently_deleted',
  'zen:event-type:ticket.merged',
  'zen:event-type:organization.created',
  'zen:event-type:organization.name_changed',
  'zen:event-type:organization.deleted',
  'zen:event-type:user.created',
  'zen:event-type:user.identity_created',
  'zen:event-type:user.identity_changed',
  'zen:event-type:user.identity_deleted',
  'zen:event-type:user.organization_membership_created',
  'zen:event-type:user.active_changed',
] as const;

/**
 * The OAuth scopes the connector asks for: `read` (every GET it makes) and `webhooks:write`
 * (creating and deleting its webhook). https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/
 */
export const ZENDESK_OAUTH_SCOPES = ['read', 'webhooks:write'] as const;

const created = z.object({ webhook: z.object({ id: z.string().min(1) }).loose() });
const secret = z.object({ signing_secret: z.object({ secret: z.string().min(1) }).loose() });

/** A 403 on a webhook call: the scope (OAuth) or the admin role (API token) is missing. */
function lacking(error: unknown, doing: string): never {
  if (error instanceof ApiError && error.code === 'forbidden')
    throw new ApiError(
      'forbidden',
      `Zendesk refused ${doing}: the token lacks scope webhooks:write, or its user is not an admin (${error.message})`,
      { status: error.status, cause: error },
    );
  throw error;
}

/**
 * Creates a webhook subscribed to {@link ZENDESK_WEBHOOK_EVENT_TYPES} (`POST /api/v2/webhooks`,
 * active, POST, JSON) and reads its signing secret (`GET /api/v2/webhooks/{id}/signing_secret`).
 * https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/
 *
 * @example
 * const { id, signingSecret } = await createZendeskWebhook(client, { name: 'Success Metrics', endpoint });
 */
export async function createZendeskWebhook(
  client: ApiClient,
  input: { name: string; endpoint: string; description?: string },
): Promise<{ id: string; signingSecret: string }> {
  const sdk = zendeskSdk(client);
  const webhook = {
    name: input.name,
    description: input.description ?? '',
    endpoint: input.endpoint,
    http_method: 'POST',
    request_format: 'json',
    status: 'active',
    subscriptions: [...ZENDESK_WEBHOOK_EVENT_TYPES],
  };
  const answer = answerOf(
    await sdk.webhooks.create({ webhook }).catch((e) => lacking(e, 'creating a webhook')),
  );
  const parsed = created.safeParse(answer.body);
  if (!parsed.success) throw new ApiError('upstream', 'Zendesk: the created webhook came back without an id');
  const id = parsed.data.webhook.id;
  const signing = secret.safeParse(answerOf(await sdk.webhooks.getSigningSecret(id)).body);
  if (!signing.success)
    throw new ApiError('upstream', `Zendesk: webhook ${id} came back without a signing secret`);
  return { id, signingSecret: signing.data.signing_secret.secret };
}

/**
 * Deletes the webhook (`DELETE /api/v2/webhooks/{id}`); one already gone is fine.
 *
 * @example
 * await deleteZendeskWebhook(client, id); // 'deleted' | 'gone'
 */
export async function deleteZendeskWebhook(client: ApiClient, id: string): Promise<'deleted' | 'gone'> {
  try {
    await zendeskSdk(client).webhooks.delete(id);
    return 'deleted';
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return 'gone';
    return lacking(error, `deleting webhook ${id}`);
  }
}
