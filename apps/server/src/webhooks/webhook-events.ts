import { zendeskStreams } from '@csm/zendesk';
import { z } from '@hono/zod-openapi';

const EVENT_TYPE = /^zen:event-type[:/]([a-z_]+)\./;

/**
 * A Zendesk event delivery, as the connector's webhook receives them
 * (https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/): the
 * event `type`, the `subject` it is about (`zen:ticket:35436`), the record in `detail`, what
 * changed in `event`. Fields past these pass through.
 */
export const zendeskEventSchema = z
  .object({
    type: z.string().regex(EVENT_TYPE),
    subject: z.string().min(1),
    detail: z.record(z.string(), z.unknown()),
    event: z.record(z.string(), z.unknown()).optional(),
    id: z.string().optional(),
    account_id: z.number().int().optional(),
    time: z.string().optional(),
    zendesk_event_version: z.string().optional(),
  })
  .loose();

/**
 * A Zendesk webhook body: an event delivery (above), or a trigger / automation body whose shape the
 * admin chose (any JSON object).
 */
export const zendeskWebhookSchema = z
  .union([
    zendeskEventSchema,
    z
      .object({ type: z.string().optional() })
      .loose()
      .refine((b) => !EVENT_TYPE.test(b.type ?? ''), {
        message: 'an event delivery needs its subject and detail',
        path: ['subject'],
      }),
  ])
  .openapi('ZendeskWebhookBody', {
    example: {
      account_id: 12514403,
      detail: { id: '35436', status: 'SOLVED', organization_id: '8447346622462' },
      event: { current: 'SOLVED', previous: 'OPEN' },
      id: 'cbe4028c-7239-495d-b020-f22348516046',
      subject: 'zen:ticket:35436',
      time: '2025-01-08T10:12:07.672Z',
      type: 'zen:event-type:ticket.status_changed',
      zendesk_event_version: '2022-11-06',
    },
  });

const allZendesk = () => zendeskStreams.map((s) => s.name);

/**
 * The Zendesk streams a delivery makes stale: by event type
 * (https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/) when it
 * has one; every Zendesk stream for trigger and automation bodies, whose shape the admin chose.
 */
export function zendeskStreamsOf(type: string | undefined): string[] {
  const kind = EVENT_TYPE.exec(type ?? '')?.[1];
  if (kind === 'ticket')
    return ['zendesk.tickets', 'zendesk.satisfaction_ratings', 'zendesk.survey_responses'];
  if (kind === 'user') return ['zendesk.users'];
  if (kind === 'organization') return ['zendesk.organizations'];
  return allZendesk();
}
