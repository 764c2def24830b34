/**
 * HubSpot's webhooks journal, where an app's install and uninstall events are written
 * (https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide): the app's
 * client-credentials token, the per-portal `APP_LIFECYCLE_EVENT` subscription, and reading the
 * journal entry by entry (`earliest`, then `offset/{offset}/next`; each answer names a file to
 * download). Version 13 of `@hubspot/api-client` has no methods for these: our client sends them.
 */
import { type ApiClient, type AuthProvider, createApiClient } from '@csm/http';
import { z } from 'zod';
import type { HubSpotApp } from './oauth.ts';
import { hubspotPaths } from './paths.ts';
import { hubspotBudgets, hubspotRetryPolicy } from './policy.ts';

/** The scopes the journal and its subscriptions need. */
export const JOURNAL_SCOPES = [
  'developer.webhooks_journal.read',
  'developer.webhooks_journal.subscriptions.read',
  'developer.webhooks_journal.subscriptions.write',
] as const;

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

/**
 * The app's own token (`grant_type=client_credentials`), fetched when first needed and again
 * ahead of its expiry: the auth of every journal call.
 *
 * @example
 * const journal = createApiClient({ ..., auth: clientCredentialsAuth(tokenClient, app) });
 */
export function clientCredentialsAuth(
  tokenClient: ApiClient,
  app: Pick<HubSpotApp, 'clientId' | 'clientSecret'>,
  options: { marginMs?: number; now?: () => number } = {},
): AuthProvider {
  const now = options.now ?? Date.now;
  const margin = options.marginMs ?? 5 * 60_000;
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async () => {
    const { body } = await tokenClient.request({
      path: hubspotPaths.token,
      anonymous: true,
      form: {
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: JOURNAL_SCOPES.join(' '),
      },
    });
    const parsed = tokenAnswer.parse(body);
    token = { value: parsed.access_token, expiresAt: now() + parsed.expires_in * 1000 };
    return token.value;
  };
  return {
    async header() {
      if (!token || token.expiresAt - margin <= now()) {
        pending ??= fetchToken().finally(() => {
          pending = undefined;
        });
        return `Bearer ${await pending}`;
      }
      return `Bearer ${token.value}`;
    },
  };
}

/** The journal client of the app: HUBSPOT_API_BASE_URL, the app's client-credentials token. */
export function journalClient(
  baseUrl: string,
  app: Pick<HubSpotApp, 'clientId' | 'clientSecret'>,
): ApiClient {
  const common = { baseUrl, policy: hubspotRetryPolicy, budgets: hubspotBudgets('oauth') };
  const tokenClient = createApiClient({ name: 'HubSpot', ...common });
  return createApiClient({
    name: 'HubSpot journal',
    ...common,
    auth: clientCredentialsAuth(tokenClient, app),
  });
}

const subscriptionList = z.object({
  results: z.array(
    z
      .object({
        id: z.coerce.number(),
        subscriptionType: z.string(),
        portalId: z.number().optional(),
        actions: z.array(z.string()).default([]),
      })
      .loose(),
  ),
});

/** The lifecycle actions the app follows. */
export const LIFECYCLE_ACTIONS = ['APP_INSTALL', 'APP_UNINSTALL'] as const;

/**
 * Makes sure the journal receives the portal's install and uninstall events: an
 * `APP_LIFECYCLE_EVENT` subscription of the portal with both actions (created, or updated in
 * place: the create endpoint upserts). One read when it is there already.
 */
export async function ensureLifecycleSubscription(
  journal: ApiClient,
  portalId: number,
): Promise<'exists' | 'created'> {
  const { body } = await journal.request({ path: hubspotPaths.journalSubscriptions });
  const found = subscriptionList
    .parse(body)
    .results.find((s) => s.subscriptionType === 'APP_LIFECYCLE_EVENT' && s.portalId === portalId);
  if (found && LIFECYCLE_ACTIONS.every((a) => found.actions.includes(a))) return 'exists';
  await journal.request({
    method: 'POST',
    path: hubspotPaths.journalSubscriptions,
    json: { subscriptionType: 'APP_LIFECYCLE_EVENT', portalId, actions: [...LIFECYCLE_ACTIONS] },
  });
  return 'created';
}

const entryAnswer = z.object({
  url: z.url(),
  expiresAt: z.string().optional(),
  currentOffset: z.string().min(1),
});
export type JournalEntryRef = z.infer<typeof entryAnswer>;

/**
 * One journal entry: the earliest (`after` null) or the one after `after`. Null when there is
 * none yet (HubSpot answers 204, or 404 for `earliest` of an empty journal); `expired` when the
 * offset is no longer kept (404: entries live 3 days), so the reader must start again.
 */
export async function readJournalEntry(
  journal: ApiClient,
  after: string | null,
): Promise<JournalEntryRef | null | 'expired'> {
  const path = after === null ? hubspotPaths.journalEarliest : hubspotPaths.journalNext(after);
  try {
    const { status, body } = await journal.request({ path });
    if (status === 204 || body === null) return null;
    return entryAnswer.parse(body);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return after === null ? null : 'expired';
    throw error;
  }
}

/** A journal file: its events, as JSON (the URL is presigned; no token goes with it). */
export async function downloadJournalFile(url: string): Promise<unknown> {
  const target = new URL(url);
  const files = createApiClient({
    name: 'HubSpot journal file',
    baseUrl: target.origin,
    policy: hubspotRetryPolicy,
    budgets: hubspotBudgets('oauth'),
  });
  const { body } = await files.request({
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    anonymous: true,
  });
  return body;
}

/** An install or uninstall, as the journal files carry them. */
export interface LifecycleEvent {
  portalId: number;
  action: (typeof LIFECYCLE_ACTIONS)[number];
  occurredAt: Date;
  eventId: string | null;
}

const lifecycleEvent = z
  .object({
    portalId: z.coerce.number().int().positive(),
    subscriptionType: z.literal('APP_LIFECYCLE_EVENT'),
    action: z.enum(LIFECYCLE_ACTIONS),
    occurredAt: z.union([z.number(), z.iso.datetime({ offset: true })]),
    eventId: z.union([z.string(), z.number()]).optional(),
  })
  .loose();

/**
 * The lifecycle events of a journal file, oldest first; other events (object changes, if the app
 * ever subscribes to them) and items that are not lifecycle events are left out. A file is an array
 * of events, or an object holding them in `events` or `results`.
 */
export function lifecycleEventsOf(file: unknown): LifecycleEvent[] {
  const items = Array.isArray(file)
    ? file
    : ((file as { events?: unknown[]; results?: unknown[] } | null)?.events ??
      (file as { results?: unknown[] } | null)?.results ??
      []);
  const events: LifecycleEvent[] = [];
  for (const item of items) {
    const parsed = lifecycleEvent.safeParse(item);
    if (!parsed.success) continue;
    const e = parsed.data;
    events.push({
      portalId: e.portalId,
      action: e.action,
      occurredAt: new Date(e.occurredAt),
      eventId: e.eventId === undefined ? null : String(e.eventId),
    });
  }
  return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
