/**
 * HubSpot's webhooks journal and its subscription management (2026-03), authorized by the app's
 * client-credentials token (https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide):
 * - `GET|POST /webhooks-journal/subscriptions/2026-03`, `DELETE .../{id}` (create or update by
 *   type, portal and object type);
 * - `GET /webhooks-journal/journal/2026-03/earliest|latest` and `.../offset/{offset}/next`, each
 *   `{ url, expiresAt, currentOffset }` of one entry, whose `url` serves the entry's file;
 *   `next` of an offset that expired or never existed answers 404, of the newest entry 204;
 * - the files themselves (`url`), as a presigned download needs no token.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { publicBase } from '../runtime/runtime.ts';
import {
  appInstall,
  appToken,
  type JournalEntry,
  type JournalSubscription,
  pruneJournal,
} from './app-install.ts';
import { bearerToken } from './auth.ts';
import { hubspotError, readJson, validationError, zodValidationError } from './errors.ts';

const ACTIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'MERGE',
  'RESTORE',
  'ASSOCIATION_ADDED',
  'ASSOCIATION_REMOVED',
  'SNAPSHOT',
  'APP_INSTALL',
  'APP_UNINSTALL',
  'ADDED_TO_LIST',
  'REMOVED_FROM_LIST',
] as const;
const LIFECYCLE = new Set(['APP_INSTALL', 'APP_UNINSTALL']);

const subscriptionBody = z
  .object({
    subscriptionType: z
      .enum(['OBJECT', 'ASSOCIATION', 'EVENT', 'APP_LIFECYCLE_EVENT', 'LIST_MEMBERSHIP'])
      .default('OBJECT'),
    portalId: z.number().int().positive(),
    actions: z.array(z.enum(ACTIONS)).min(1),
    objectTypeId: z.string().min(1).optional(),
    objectIds: z.array(z.number().int()).default([]),
    properties: z.array(z.string()).default([]),
  })
  .refine((s) => s.subscriptionType === 'APP_LIFECYCLE_EVENT' || s.objectTypeId, {
    message: 'objectTypeId is required',
    path: ['objectTypeId'],
  })
  .refine(
    (s) => s.actions.every((a) => LIFECYCLE.has(a) === (s.subscriptionType === 'APP_LIFECYCLE_EVENT')),
    {
      message: 'APP_INSTALL and APP_UNINSTALL go with APP_LIFECYCLE_EVENT subscriptions, and only there',
      path: ['actions'],
    },
  );

const BASE = '/webhooks-journal/subscriptions/2026-03';
const JOURNAL = '/webhooks-journal/journal/2026-03';
const FILES = '/webhooks-journal/files';
/** How long a journal file's URL works. */
const URL_TTL_MS = 3_600_000;

export function journalRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { state } = runtime;
  const iso = (ms = runtime.clock.now()) => new Date(ms).toISOString();

  const authorize = (c: SandboxContext, scope: string): Response | null => {
    const token = bearerToken(c.req.header('authorization'));
    const found = token ? appToken(runtime, token) : undefined;
    if (!found || found === 'expired')
      return hubspotError(
        c,
        runtime,
        401,
        found ? 'EXPIRED_AUTHENTICATION' : 'INVALID_AUTHENTICATION',
        'The webhooks journal API takes the app’s client-credentials token.',
      );
    if (!found.scopes.includes(scope))
      return hubspotError(c, runtime, 403, 'MISSING_SCOPES', 'The token lacks a required scope.', {
        errors: [
          {
            message: 'One or more of the following scopes are required.',
            context: { requiredGranularScopes: [scope] },
          },
        ],
      });
    return null;
  };

  const entryJson = (c: SandboxContext, entry: JournalEntry) => ({
    url: `${publicBase(c, 'hubspot')}${FILES}/${entry.offset}`,
    expiresAt: iso(runtime.clock.now() + URL_TTL_MS),
    currentOffset: entry.offset,
  });
  const none = (c: SandboxContext) =>
    hubspotError(c, runtime, 404, 'OBJECT_NOT_FOUND', 'The journal has no entries.');

  app.get(BASE, (c) => {
    const denied = authorize(c, 'developer.webhooks_journal.subscriptions.read');
    if (denied) return denied;
    return c.json({ results: [...appInstall(state).subscriptions.values()] });
  });

  app.post(BASE, async (c) => {
    const denied = authorize(c, 'developer.webhooks_journal.subscriptions.write');
    if (denied) return denied;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = subscriptionBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    if (body.data.portalId !== state.hubspot.portalId)
      return hubspotError(
        c,
        runtime,
        403,
        'FORBIDDEN',
        `The app is not installed in portal ${body.data.portalId}.`,
      );
    const install = appInstall(state);
    const same = [...install.subscriptions.values()].find(
      (s) =>
        s.subscriptionType === body.data.subscriptionType &&
        s.portalId === body.data.portalId &&
        s.objectTypeId === body.data.objectTypeId,
    );
    const now = iso();
    const subscription: JournalSubscription = {
      id: same?.id ?? install.nextSubscriptionId++,
      appId: state.credentials.hubspotAppId,
      subscriptionType: body.data.subscriptionType,
      portalId: body.data.portalId,
      actions: [...body.data.actions],
      ...(body.data.objectTypeId ? { objectTypeId: body.data.objectTypeId } : {}),
      objectIds: body.data.objectIds,
      properties: body.data.properties,
      createdAt: same?.createdAt ?? now,
      updatedAt: now,
    };
    install.subscriptions.set(subscription.id, subscription);
    state.writes.push({
      api: 'hubspot',
      method: 'POST',
      path: BASE,
      body: json.value,
      at: runtime.clock.now(),
    });
    return c.json(subscription, same ? 200 : 201);
  });

  app.delete(`${BASE}/:id`, (c) => {
    const denied = authorize(c, 'developer.webhooks_journal.subscriptions.write');
    if (denied) return denied;
    if (!appInstall(state).subscriptions.delete(Number(c.req.param('id'))))
      return hubspotError(
        c,
        runtime,
        404,
        'OBJECT_NOT_FOUND',
        `Subscription ${c.req.param('id')} does not exist.`,
      );
    return c.body(null, 204);
  });

  app.get(`${JOURNAL}/earliest`, (c) => {
    const denied = authorize(c, 'developer.webhooks_journal.read');
    if (denied) return denied;
    const first = pruneJournal(runtime)[0];
    return first ? c.json(entryJson(c, first)) : none(c);
  });

  app.get(`${JOURNAL}/latest`, (c) => {
    const denied = authorize(c, 'developer.webhooks_journal.read');
    if (denied) return denied;
    const last = pruneJournal(runtime).at(-1);
    return last ? c.json(entryJson(c, last)) : none(c);
  });

  app.get(`${JOURNAL}/offset/:offset/next`, (c) => {
    const denied = authorize(c, 'developer.webhooks_journal.read');
    if (denied) return denied;
    const journal = pruneJournal(runtime);
    const at = journal.findIndex((e) => e.offset === c.req.param('offset'));
    if (at < 0)
      return hubspotError(c, runtime, 404, 'OBJECT_NOT_FOUND', 'The offset has expired or does not exist.');
    const next = journal[at + 1];
    return next ? c.json(entryJson(c, next)) : c.body(null, 204);
  });

  app.get(`${FILES}/:offset`, (c) => {
    const entry = pruneJournal(runtime).find((e) => e.offset === c.req.param('offset'));
    return entry ? c.json(entry.events) : c.text('NoSuchKey', 404);
  });
}
