import type { DeletableHubSpotObject, HubSpotDeletion } from '@csm/store';
import { z } from '@hono/zod-openapi';

/**
 * One HubSpot change notification; a delivery is a JSON array of up to 100 of them, signed v3.
 * Both payloads HubSpot sends are accepted: the generic one of a 2025.2 project's `crmObjects`
 * subscriptions (`object.creation`, `object.propertyChange`, ... with `objectTypeId` such as
 * `0-3`), and the classic one of `legacyCrmObjects` (`deal.creation`, no `objectTypeId`).
 * https://developers.hubspot.com/docs/apps/developer-platform/add-features/configure-webhooks
 * `eventId` is a number in HubSpot's payloads; kept as text for deduplication.
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
    objectTypeId: z
      .string()
      .regex(/^\d+-\d+$/, 'an object type id such as 0-3')
      .optional()
      .openapi({ description: 'Generic (`object.*`) events: the object type, e.g. `0-3` for deals' }),
    propertyName: z.string().optional(),
    propertyValue: z.string().nullable().optional(),
    changeSource: z.string().optional(),
    changeFlag: z.string().optional(),
    sourceId: z.string().optional(),
    fromObjectTypeId: z.string().optional(),
    toObjectTypeId: z.string().optional(),
  })
  .loose()
  .openapi('HubSpotWebhookEvent');
export const hubspotBatchSchema = z.array(hubspotEventSchema).min(1).max(1000).openapi('HubSpotWebhookBatch');
export type HubSpotEvent = z.infer<typeof hubspotEventSchema>;

/** Classic object names and HubSpot's object type ids, to the stream that reads the object. */
const streamOf: Record<string, string> = {
  company: 'hubspot.companies',
  '0-2': 'hubspot.companies',
  contact: 'hubspot.contacts',
  '0-1': 'hubspot.contacts',
  deal: 'hubspot.deals',
  '0-3': 'hubspot.deals',
  ticket: 'hubspot.tickets',
  '0-5': 'hubspot.tickets',
  feedback_submission: 'hubspot.feedback_submissions',
  '0-19': 'hubspot.feedback_submissions',
};

/**
 * The streams an event makes stale: its object's stream (`deal.propertyChange` or
 * `object.propertyChange` of `0-3` -> `hubspot.deals`), and for an association change both ends'.
 * Objects no stream reads (products, conversations) name none and are ignored.
 */
export function hubspotStreamsOf(
  event: Pick<HubSpotEvent, 'subscriptionType' | 'objectTypeId'> & {
    fromObjectTypeId?: string | undefined;
    toObjectTypeId?: string | undefined;
  },
): string[] {
  const object = event.subscriptionType.split('.')[0] ?? '';
  const types =
    object === 'object'
      ? [event.objectTypeId, event.fromObjectTypeId, event.toObjectTypeId]
      : [object, event.toObjectTypeId];
  return [...new Set(types.flatMap((t) => (t && streamOf[t] ? [streamOf[t]] : [])))];
}

/** Classic object names and object type ids of the records whose deletion the store applies. */
const deletable: Record<string, DeletableHubSpotObject> = {
  company: 'company',
  '0-2': 'company',
  contact: 'contact',
  '0-1': 'contact',
  deal: 'deal',
  '0-3': 'deal',
  ticket: 'ticket',
  '0-5': 'ticket',
};

/**
 * The record an event says was deleted: `company.deletion` (classic; `contact.privacyDeletion`
 * too) or `object.deletion` with its `objectTypeId`, and `objectId`
 * (https://developers.hubspot.com/docs/apps/developer-platform/add-features/configure-webhooks).
 * Null for any other event, and for objects the store does not keep.
 */
export function hubspotDeletionOf(
  event: Pick<HubSpotEvent, 'subscriptionType' | 'objectTypeId' | 'objectId' | 'occurredAt'>,
): HubSpotDeletion | null {
  const [name, action] = event.subscriptionType.split('.');
  if (action !== 'deletion' && action !== 'privacyDeletion') return null;
  const object = deletable[(name === 'object' ? event.objectTypeId : name) ?? ''];
  if (!object || event.objectId === undefined) return null;
  return { object, id: String(event.objectId), occurredAt: new Date(event.occurredAt) };
}
