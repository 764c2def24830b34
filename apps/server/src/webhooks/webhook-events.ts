import { zendeskStreams } from '@csm/zendesk';
import { z } from '@hono/zod-openapi';

/**
 * One HubSpot change notification (https://developers.hubspot.com/docs/api/webhooks, "Webhook
 * payloads"); a delivery is a JSON array of up to 100 of them. `eventId` is a number in HubSpot's
 * payloads; kept as text for deduplication.
 */
export const hubspotEventSchema = z
  .object({
    eventId: z.union([z.number().int(), z.string().min(1)]).transform(String),
    subscriptionId: z.number().int().optional(),
    portalId: z.number().int().positive(),
    appId: z.number().int().optional(),
    occurredAt: z.number().int(),
    subscriptionType: z.string().min(1),
    attemptNumber: z.number().int().optional(),
    objectId: z.number().int().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.string().nullable().optional(),
    changeSource: z.string().optional(),
  })
  .loose()
  .openapi('HubSpotWebhookEvent');
export const hubspotBatchSchema = z.array(hubspotEventSchema).min(1).max(1000).openapi('HubSpotWebhookBatch');
export type HubSpotEvent = z.infer<typeof hubspotEventSchema>;

const hubspotStreamOf: Record<string, string> = {
  company: 'hubspot.companies',
  contact: 'hubspot.contacts',
  deal: 'hubspot.deals',
  ticket: 'hubspot.tickets',
};

/**
 * The streams an event makes stale: its object's stream (`deal.propertyChange` ->
 * `hubspot.deals`). Unknown objects (products, conversations) name none and are ignored.
 */
export function hubspotStreamsOf(subscriptionType: string): string[] {
  const stream = hubspotStreamOf[subscriptionType.split('.')[0] ?? ''];
  return stream ? [stream] : [];
}

/** A Zendesk webhook body: Zendesk event payloads have `type`; trigger bodies are the admin's JSON. */
export const zendeskWebhookSchema = z
  .object({ type: z.string().optional() })
  .loose()
  .openapi('ZendeskWebhookBody', {
    example: { type: 'zen:event-type:ticket.status_changed', detail: { id: '35436' } },
  });

const allZendesk = () => zendeskStreams.map((s) => s.name);

/**
 * The Zendesk streams a delivery makes stale: by event type
 * (https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/) when it
 * has one; every Zendesk stream for trigger and automation bodies, whose shape the admin chose.
 */
export function zendeskStreamsOf(type: string | undefined): string[] {
  const kind = /^zen:event-type:([a-z_]+)\./.exec(type ?? '')?.[1];
  if (kind === 'ticket')
    return ['zendesk.tickets', 'zendesk.satisfaction_ratings', 'zendesk.survey_responses'];
  if (kind === 'user') return ['zendesk.users'];
  if (kind === 'organization') return ['zendesk.organizations'];
  return allZendesk();
}
