import { createHash, randomBytes } from 'node:crypto';
import type { Tenant } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { errorSchema } from '../cards/card-schemas.ts';
import { AppError, invalidInput } from '../http/errors.ts';
import { verifyHubSpotSignature } from '../http/hubspot-signature.ts';
import { createRouter } from '../http/router.ts';
import { hubspotBatchSchema, hubspotDeletionOf, hubspotStreamsOf } from './hubspot-events.ts';
import { zendeskStreamsOf, zendeskWebhookSchema } from './webhook-events.ts';
import { verifyZendeskWebhookSignature } from './zendesk-webhook-signature.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const accepted = z
  .object({
    received: z.number().int().openapi({ description: 'Events in the delivery' }),
    fresh: z.number().int().openapi({ description: 'Events not seen before (redeliveries are not)' }),
    ignored: z.number().int().openapi({ description: 'Events of unknown or paused portals / tenants' }),
    syncs: z.array(z.object({ tenant: z.string(), streams: z.array(z.string()) })),
  })
  .openapi('WebhookAccepted');
const refusals = {
  400: json(errorSchema, 'Malformed JSON or a payload that is not the documented shape (the field is named)'),
  401: json(
    errorSchema,
    'Missing, wrong or stale signature (for Zendesk also: no such tenant, no secret set)',
  ),
  413: json(errorSchema, 'Body over 1 MB'),
};

const hubspotRoute = createRoute({
  method: 'post',
  path: '/hubspot',
  tags: ['Webhooks'],
  summary: 'HubSpot change notifications (a batch of events)',
  description:
    'Verified by the v3 signature (client secret), deduplicated on `eventId`, and turned into one incremental sync per portal of the streams that changed (not awaited: HubSpot gets its 200 at once). Deletions of companies, contacts, deals and tickets (`*.deletion`, `object.deletion`) remove the record from the store before the 200 (unless the stored version is newer: restored since), and the sync after them recomputes the figures. Events of portals without an active tenant are acknowledged and ignored, so HubSpot stops retrying them.',
  security: [{ hubspotSignature: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: hubspotBatchSchema } } } },
  responses: {
    200: json(accepted, 'Accepted'),
    503: json(errorSchema, 'HUBSPOT_CLIENT_SECRET is not set'),
    ...refusals,
  },
});
const zendeskRoute = createRoute({
  method: 'post',
  path: '/zendesk/{tenant}',
  tags: ['Webhooks'],
  summary: 'Zendesk webhook deliveries of one tenant',
  description:
    'Verified with the tenant’s signing secret (`X-Zendesk-Webhook-Signature` = base64 HMAC-SHA256 over `X-Zendesk-Webhook-Signature-Timestamp` + raw body; stored when the Zendesk connect creates the webhook, or set with `PUT /api/v1/tenants/{tenant}/zendesk/webhook-secret` for one made by hand); an unknown tenant answers like a wrong signature. Deduplicated on what the signature covers (a replay is acknowledged and ignored whatever its invocation id) and on `X-Zendesk-Webhook-Invocation-Id`, then turned into an incremental sync of the Zendesk streams the event type names (all of them for trigger bodies).',
  request: {
    params: z.object({
      tenant: z
        .string()
        .min(1)
        .openapi({ param: { name: 'tenant', in: 'path' } }),
    }),
    body: { required: true, content: { 'application/json': { schema: zendeskWebhookSchema } } },
  },
  responses: { 200: json(accepted, 'Accepted'), ...refusals },
});

type ZendeskEnv = { Variables: { tenant: Tenant; delivery: string } };

/** How long delivery ids are remembered: redeliveries stop after about a day. */
export const WEBHOOK_ID_RETENTION_MS = 3 * 86_400_000;

/** The raw body parsed as JSON, or a 400 that says so (signatures are checked on the raw text first). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'body: malformed JSON', { field: 'body' });
  }
}

/**
 * Change notifications (docs/installs-webhooks.md). Each verified delivery enqueues incremental syncs of
 * what changed and answers at once; the scheduler merges what arrives while a sync runs, and the
 * delivery ids are remembered, so duplicates and out-of-order deliveries are harmless (the sync
 * reads current state from the API; it applies no event's payload but a deletion's, which the API
 * can no longer show).
 */
export function webhookRoutes(deps: AppDeps) {
  const routes = createRouter<ZendeskEnv>();
  // Verifies signatures for tenants that have no secret, so that they fail after the same work.
  const decoySecret = randomBytes(32).toString('base64');
  const origin = new URL(deps.publicUrl).origin;
  const now = () => deps.now().getTime();

  // Delivery ids are needed while a sender may redeliver (HubSpot: about a day); pruned hourly.
  let prunedAt = 0;
  const pruneNow = () => {
    if (now() - prunedAt < 3_600_000) return;
    prunedAt = now();
    deps.store.webhooks
      .pruneEvents(new Date(prunedAt - WEBHOOK_ID_RETENTION_MS))
      .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'webhook id pruning failed'));
  };

  const enqueue = (tenant: Tenant, streams: readonly string[]) => {
    pruneNow();
    // Not awaited: the sender wants its 200 within seconds; failures are logged by the scheduler.
    void deps.scheduler.enqueue({ tenantId: tenant.id, only: streams, reason: 'webhook' });
    return { tenant: tenant.name, streams: [...streams] };
  };

  // Signature first, over the raw body, before anything is parsed.
  // Deliveries are POSTs; other methods find no route (404) without a signature being checked.
  routes.on('POST', '/hubspot', async (c, next) => {
    const secret = deps.config.HUBSPOT_CLIENT_SECRET;
    if (!secret)
      throw new AppError(
        'unavailable',
        'HUBSPOT_CLIENT_SECRET is not set: HubSpot webhooks cannot be verified',
      );
    const url = new URL(c.req.url);
    const body = await c.req.text();
    const check = verifyHubSpotSignature({
      clientSecret: secret,
      method: c.req.method,
      uri: `${origin}${url.pathname}${url.search}`,
      body,
      signature: c.req.header('x-hubspot-signature-v3'),
      timestamp: c.req.header('x-hubspot-request-timestamp'),
      now: now(),
    });
    if (!check.ok) throw new AppError('unauthorized', `HubSpot signature refused: ${check.reason}`);
    parseJson(body);
    await next();
  });

  routes.openapi(hubspotRoute, async (c) => {
    const parsed = hubspotBatchSchema.safeParse(parseJson(await c.req.text()));
    if (!parsed.success) throw invalidInput(parsed.error, 'body');
    const events = parsed.data;
    const byPortal = new Map<number, typeof events>();
    for (const e of events) byPortal.set(e.portalId, [...(byPortal.get(e.portalId) ?? []), e]);
    let fresh = 0;
    let ignored = 0;
    const syncs = [];
    for (const [portalId, portalEvents] of byPortal) {
      const tenant = await deps.store.tenants.byPortalId(portalId);
      if (tenant?.status !== 'active') {
        ignored += portalEvents.length;
        continue;
      }
      const claimed = new Set(
        await deps.store.webhooks.claimEvents(
          tenant.id,
          'hubspot',
          portalEvents.map((e) => e.eventId),
        ),
      );
      const news = portalEvents.filter((e) => claimed.has(e.eventId));
      fresh += news.length;
      // A sync cannot see a deletion (the API no longer returns the record): applied from the event.
      const deletions = news.flatMap((e) => hubspotDeletionOf(e) ?? []);
      if (deletions.length) await deps.store.hubspotDeletions.apply(tenant.id, deletions);
      const streams = [...new Set(news.flatMap((e) => hubspotStreamsOf(e)))].sort();
      if (streams.length) syncs.push(enqueue(tenant, streams));
    }
    return c.json({ received: events.length, fresh, ignored, syncs }, 200);
  });

  // Unknown tenant, no secret and a wrong signature answer the same 401, after the same work:
  // tenant names cannot be enumerated through this route.
  routes.on('POST', '/zendesk/:tenant', async (c: Context<ZendeskEnv>, next) => {
    const body = await c.req.text();
    const tenant = await deps.store.tenants.get(c.req.param('tenant') ?? '');
    const secret = tenant ? await deps.store.webhooks.zendeskSecret(tenant.id) : null;
    const signature = c.req.header('x-zendesk-webhook-signature');
    const timestamp = c.req.header('x-zendesk-webhook-signature-timestamp');
    const check = verifyZendeskWebhookSignature({
      signingSecret: secret ?? decoySecret,
      body,
      signature,
      timestamp,
      now: now(),
    });
    if (!check.ok || !tenant || !secret)
      throw new AppError(
        'unauthorized',
        `Zendesk signature refused: ${check.ok ? 'signature does not match' : check.reason}`,
      );
    parseJson(body);
    c.set('tenant', tenant);
    // What the signature covers, so a captured delivery replayed with another (or no) invocation id
    // is still recognized.
    c.set('delivery', `signed:${createHash('sha256').update(`${timestamp}${body}`).digest('hex')}`);
    await next();
  });

  routes.openapi(zendeskRoute, async (c) => {
    const parsed = zendeskWebhookSchema.safeParse(parseJson(await c.req.text()));
    if (!parsed.success) throw invalidInput(parsed.error, 'body');
    const tenant = c.get('tenant');
    const empty = { received: 1, fresh: 0, ignored: 0, syncs: [] };
    if (tenant.status !== 'active' || !tenant.credentials.zendesk || tenant.zendeskPaused)
      return c.json({ ...empty, ignored: 1 }, 200);
    // A delivery is handled once: by the signed content (replays), then by Zendesk's invocation id
    // (its own retries, which it may sign anew).
    const [delivery] = await deps.store.webhooks.claimEvents(tenant.id, 'zendesk', [c.get('delivery')]);
    if (!delivery) return c.json(empty, 200);
    const invocation = c.req.header('x-zendesk-webhook-invocation-id');
    if (invocation) {
      const claimed = await deps.store.webhooks.claimEvents(tenant.id, 'zendesk', [
        `invocation:${invocation}`,
      ]);
      if (claimed.length === 0) return c.json(empty, 200);
    }
    return c.json({ ...empty, fresh: 1, syncs: [enqueue(tenant, zendeskStreamsOf(parsed.data.type))] }, 200);
  });

  return routes;
}
