/**
 * HubSpot's Webhooks API for public apps (https://developers.hubspot.com/docs/api/webhooks): the
 * app's target URL (`/webhooks/v3/{appId}/settings`) and its event subscriptions
 * (`/webhooks/v3/{appId}/subscriptions`, one, batch update), authenticated with the developer API
 * key in `hapikey`, as the reference documents. Settings and subscriptions belong to the app, not
 * to an installed account; every change is logged in `writes()`.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { apiPath } from '../runtime/runtime.ts';
import type { SandboxState } from '../state/state.ts';
import { hubspotError, readJson, validationError, zodValidationError } from './errors.ts';

const OBJECTS = ['contact', 'company', 'deal', 'ticket', 'product', 'line_item'] as const;
const CHANGES = ['creation', 'deletion', 'propertyChange', 'associationChange', 'merge', 'restore'] as const;
/** The legacy subscription types a public app can subscribe to (CRM objects and privacy deletion). */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  ...OBJECTS.flatMap((o) => CHANGES.map((c) => `${o}.${c}`)),
  'contact.privacyDeletion',
];

export interface WebhookSettings {
  targetUrl: string;
  throttling: { maxConcurrentRequests: number; period: string };
  createdAt: string;
  updatedAt: string;
}

export interface WebhookSubscription {
  id: string;
  eventType: string;
  propertyName?: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

interface AppWebhooks {
  settings: WebhookSettings | null;
  subscriptions: Map<string, WebhookSubscription>;
  nextId: number;
}

const apps = new WeakMap<SandboxState, AppWebhooks>();

/** The webhook settings and subscriptions the sandbox's app holds (for tests and `serve`). */
export function appWebhooks(state: SandboxState): AppWebhooks {
  let found = apps.get(state);
  if (!found) {
    found = { settings: null, subscriptions: new Map(), nextId: 1 };
    apps.set(state, found);
  }
  return found;
}

const settingsBody = z.object({
  targetUrl: z.url({ protocol: /^https?$/ }),
  throttling: z.object({
    maxConcurrentRequests: z.number().int().min(5).max(100),
    period: z.enum(['SECONDLY', 'ROLLING_MINUTE']).default('SECONDLY'),
  }),
});
const subscriptionBody = z
  .object({
    eventType: z.string().refine((t) => WEBHOOK_EVENT_TYPES.includes(t), 'unknown eventType'),
    propertyName: z.string().min(1).optional(),
    active: z.boolean().default(false),
  })
  .refine((s) => !s.eventType.endsWith('.propertyChange') || s.propertyName, {
    message: 'propertyName is required for propertyChange subscriptions',
    path: ['propertyName'],
  });
const activeBody = z.object({ active: z.boolean() });
const batchBody = z.object({
  inputs: z
    .array(z.object({ id: z.coerce.number().int(), active: z.boolean() }))
    .min(1)
    .max(100),
});

export function webhooksRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { state } = runtime;
  const iso = () => new Date(runtime.clock.now()).toISOString();
  const log = (c: SandboxContext, body: unknown) =>
    state.writes.push({
      api: 'hubspot',
      method: c.req.method,
      path: apiPath(c, 'hubspot'),
      body,
      at: runtime.clock.now(),
    });

  app.use('/webhooks/v3/:appId/*', async (c, next) => {
    if (c.req.query('hapikey') !== state.credentials.hubspotDeveloperApiKey) {
      return hubspotError(
        c,
        runtime,
        401,
        'INVALID_AUTHENTICATION',
        'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/',
      );
    }
    if (c.req.param('appId') !== String(state.credentials.hubspotAppId)) {
      return hubspotError(
        c,
        runtime,
        404,
        'OBJECT_NOT_FOUND',
        `No app ${c.req.param('appId')} for this API key.`,
      );
    }
    await next();
    return undefined;
  });

  app.get('/webhooks/v3/:appId/settings', (c) => {
    const { settings } = appWebhooks(state);
    return settings
      ? c.json(settings)
      : hubspotError(c, runtime, 404, 'OBJECT_NOT_FOUND', 'No webhook settings for this app.');
  });

  app.put('/webhooks/v3/:appId/settings', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = settingsBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const hooks = appWebhooks(state);
    const now = iso();
    hooks.settings = { ...body.data, createdAt: hooks.settings?.createdAt ?? now, updatedAt: now };
    log(c, json.value);
    return c.json(hooks.settings);
  });

  app.delete('/webhooks/v3/:appId/settings', (c) => {
    appWebhooks(state).settings = null;
    log(c, null);
    return c.body(null, 204);
  });

  app.get('/webhooks/v3/:appId/subscriptions', (c) =>
    c.json({ results: [...appWebhooks(state).subscriptions.values()] }),
  );

  app.post('/webhooks/v3/:appId/subscriptions/batch/update', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = batchBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const { subscriptions } = appWebhooks(state);
    const missing = body.data.inputs.find((i) => !subscriptions.has(String(i.id)));
    if (missing) return validationError(c, runtime, `Subscription ${missing.id} does not exist.`);
    const startedAt = iso();
    const results = body.data.inputs.map((i) => {
      const updated = { ...subscriptions.get(String(i.id))!, active: i.active, updatedAt: startedAt };
      subscriptions.set(updated.id, updated);
      return updated;
    });
    log(c, json.value);
    return c.json({ status: 'COMPLETE', results, startedAt, completedAt: iso() });
  });

  app.post('/webhooks/v3/:appId/subscriptions', async (c) => {
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = subscriptionBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const hooks = appWebhooks(state);
    const { eventType, propertyName, active } = body.data;
    const taken = [...hooks.subscriptions.values()].some(
      (s) => s.eventType === eventType && s.propertyName === propertyName,
    );
    if (taken) {
      return hubspotError(
        c,
        runtime,
        409,
        'CONFLICT',
        `A subscription for ${eventType}${propertyName ? ` ${propertyName}` : ''} already exists.`,
      );
    }
    const now = iso();
    const subscription: WebhookSubscription = {
      id: String(hooks.nextId++),
      eventType,
      ...(propertyName ? { propertyName } : {}),
      active,
      createdAt: now,
      updatedAt: now,
    };
    hooks.subscriptions.set(subscription.id, subscription);
    log(c, json.value);
    return c.json(subscription, 201);
  });

  app.get('/webhooks/v3/:appId/subscriptions/:id', (c) => {
    const found = appWebhooks(state).subscriptions.get(c.req.param('id'));
    return found
      ? c.json(found)
      : hubspotError(
          c,
          runtime,
          404,
          'OBJECT_NOT_FOUND',
          `Subscription ${c.req.param('id')} does not exist.`,
        );
  });

  app.patch('/webhooks/v3/:appId/subscriptions/:id', async (c) => {
    const { subscriptions } = appWebhooks(state);
    const found = subscriptions.get(c.req.param('id'));
    if (!found)
      return hubspotError(
        c,
        runtime,
        404,
        'OBJECT_NOT_FOUND',
        `Subscription ${c.req.param('id')} does not exist.`,
      );
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = activeBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const updated = { ...found, active: body.data.active, updatedAt: iso() };
    subscriptions.set(updated.id, updated);
    log(c, json.value);
    return c.json(updated);
  });

  app.delete('/webhooks/v3/:appId/subscriptions/:id', (c) => {
    const { subscriptions } = appWebhooks(state);
    if (!subscriptions.delete(c.req.param('id')))
      return hubspotError(
        c,
        runtime,
        404,
        'OBJECT_NOT_FOUND',
        `Subscription ${c.req.param('id')} does not exist.`,
      );
    log(c, null);
    return c.body(null, 204);
  });
}
