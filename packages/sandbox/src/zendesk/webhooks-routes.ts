/**
 * The Webhooks API: `POST /api/v2/webhooks` (`{ webhook: { name, endpoint, http_method,
 * request_format, status, subscriptions } }`; event types, or only `conditional_ticket_events`),
 * `GET /api/v2/webhooks`, `GET|DELETE /api/v2/webhooks/{id}`, `GET|POST
 * /api/v2/webhooks/{id}/signing_secret`. Writing needs an admin (the API token) or an OAuth token
 * with `write` or `webhooks:write`.
 * https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { isoSeconds } from '../clock.ts';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { allowed } from './auth.ts';
import { zodInvalid } from './errors.ts';
import { CONDITIONAL_TICKET_EVENTS, EVENT_TYPES } from './event-types.ts';
import type { WebhookRow } from './webhook-registry.ts';

const webhookInput = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    endpoint: z.url(),
    http_method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    request_format: z.enum(['json', 'xml', 'form_encoded']),
    status: z.enum(['active', 'inactive']),
    subscriptions: z.array(z.string()).default([]),
  })
  .loose()
  .superRefine((w, ctx) => {
    const conditional = w.subscriptions.includes(CONDITIONAL_TICKET_EVENTS);
    if (conditional && w.subscriptions.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['subscriptions'],
        message: 'conditional_ticket_events cannot be combined with event types',
      });
    const unknown = w.subscriptions.filter((s) => s !== CONDITIONAL_TICKET_EVENTS && !EVENT_TYPES.has(s));
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        path: ['subscriptions'],
        message: `unknown event types: ${unknown.join(', ')}`,
      });
    if (!conditional && w.subscriptions.length && (w.http_method !== 'POST' || w.request_format !== 'json'))
      ctx.addIssue({
        code: 'custom',
        path: ['http_method'],
        message: 'a webhook subscribed to events must use POST and json',
      });
  });
const body = z.object({ webhook: webhookInput });

export function webhookJson(w: WebhookRow) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    status: w.status,
    subscriptions: w.subscriptions,
    created_at: isoSeconds(w.created),
    created_by: String(w.createdBy),
    endpoint: w.endpoint,
    http_method: w.http_method,
    request_format: w.request_format,
    updated_at: isoSeconds(w.updated),
    updated_by: String(w.createdBy),
  };
}

const forbidden = (c: SandboxContext) =>
  c.json(
    {
      error: 'Forbidden',
      description: 'You do not have access to this page. Please contact the account owner.',
    },
    403,
  );
const notFound = (c: SandboxContext) =>
  c.json({ errors: [{ code: 'WebhookNotFound', title: 'Webhook not found' }] }, 404);

export function webhooksRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const registry = () => runtime.zendeskAccount.webhooks;
  const may = (c: SandboxContext) => allowed(c.get('zendeskScopes'), 'webhooks', c.req.method);

  app.post('/api/v2/webhooks', async (c) => {
    if (!may(c)) return forbidden(c);
    const parsed = body.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return zodInvalid(c, parsed.error);
    const w = parsed.data.webhook;
    const row = registry().create({
      name: w.name,
      description: w.description ?? '',
      endpoint: w.endpoint,
      http_method: w.http_method,
      request_format: w.request_format,
      status: w.status,
      subscriptions: w.subscriptions,
      createdBy: c.get('zendeskUserId'),
    });
    runtime.state.writes.push({
      api: 'zendesk',
      method: 'POST',
      path: '/api/v2/webhooks',
      body: parsed.data,
      at: runtime.clock.now(),
    });
    return c.json({ webhook: webhookJson(row) }, 201);
  });
  app.get('/api/v2/webhooks', (c) => {
    if (!may(c)) return forbidden(c);
    return c.json({ webhooks: registry().list().map(webhookJson), meta: { has_more: false } });
  });
  app.get('/api/v2/webhooks/:id', (c) => {
    if (!may(c)) return forbidden(c);
    const row = registry().get(c.req.param('id'));
    return row ? c.json({ webhook: webhookJson(row) }) : notFound(c);
  });
  app.delete('/api/v2/webhooks/:id', (c) => {
    if (!may(c)) return forbidden(c);
    if (!registry().delete(c.req.param('id'))) return notFound(c);
    runtime.state.writes.push({
      api: 'zendesk',
      method: 'DELETE',
      path: `/api/v2/webhooks/${c.req.param('id')}`,
      body: null,
      at: runtime.clock.now(),
    });
    return c.body(null, 204);
  });
  app.get('/api/v2/webhooks/:id/signing_secret', (c) => {
    if (!may(c)) return forbidden(c);
    const row = registry().get(c.req.param('id'));
    return row ? c.json({ signing_secret: { algorithm: 'SHA256', secret: row.secret } }) : notFound(c);
  });
  app.post('/api/v2/webhooks/:id/signing_secret', (c) => {
    if (!may(c)) return forbidden(c);
    const row = registry().resetSecret(c.req.param('id'));
    return row ? c.json({ signing_secret: { algorithm: 'SHA256', secret: row.secret } }) : notFound(c);
  });
}
