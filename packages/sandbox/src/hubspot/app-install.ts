/**
 * The public app's life in the sandbox's portal, as HubSpot's webhooks journal reports it
 * (https://developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide): installed
 * when an authorization code is redeemed, uninstalled when the admin removes it (its OAuth tokens
 * die with it). Lifecycle events (`APP_LIFECYCLE_EVENT`, `APP_INSTALL` / `APP_UNINSTALL`) reach
 * the journal for portals with a journal subscription asking for them; journal entries are kept
 * 3 days. Client-credentials tokens (the app's own, not an install's) authorize the journal API.
 */
import { type Rng, randomAlnum, randomUuid, streamRng } from '../random.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { SandboxState } from '../state/state.ts';

/** HubSpot keeps journal entries this long. */
export const JOURNAL_RETENTION_MS = 3 * 86_400_000;
export const JOURNAL_SCOPES = [
  'developer.webhooks_journal.read',
  'developer.webhooks_journal.subscriptions.read',
  'developer.webhooks_journal.subscriptions.write',
] as const;

export type LifecycleAction = 'APP_INSTALL' | 'APP_UNINSTALL';

/** One event in a journal file (the sandbox's rendering; see README). */
export interface JournalEvent {
  eventId: string;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: 'APP_LIFECYCLE_EVENT';
  action: LifecycleAction;
}

export interface JournalEntry {
  offset: string;
  at: number;
  events: JournalEvent[];
}

export interface JournalSubscription {
  id: number;
  appId: number;
  subscriptionType: string;
  portalId: number;
  actions: string[];
  objectTypeId?: string;
  objectIds: number[];
  properties: string[];
  createdAt: string;
  updatedAt: string;
}

interface AppToken {
  scopes: readonly string[];
  expiresAt: number;
}

export interface AppInstall {
  installed: boolean;
  journal: JournalEntry[];
  subscriptions: Map<number, JournalSubscription>;
  nextSubscriptionId: number;
  appTokens: Map<string, AppToken>;
  rng: Rng;
}

const installs = new WeakMap<SandboxState, AppInstall>();

export function appInstall(state: SandboxState): AppInstall {
  let found = installs.get(state);
  if (!found) {
    found = {
      installed: false,
      journal: [],
      subscriptions: new Map(),
      nextSubscriptionId: 1,
      appTokens: new Map(),
      rng: streamRng(state.seed, 'app-journal'),
    };
    installs.set(state, found);
  }
  return found;
}

/** Drops entries past the journal's retention. */
export function pruneJournal(runtime: Runtime): JournalEntry[] {
  const app = appInstall(runtime.state);
  const oldest = runtime.clock.now() - JOURNAL_RETENTION_MS;
  while (app.journal.length && app.journal[0]!.at < oldest) app.journal.shift();
  return app.journal;
}

/** Writes a lifecycle event to the journal when a subscription of the portal asks for it. */
function journal(runtime: Runtime, action: LifecycleAction): void {
  const { state } = runtime;
  const app = appInstall(state);
  const portalId = state.hubspot.portalId;
  const subscription = [...app.subscriptions.values()].find(
    (s) =>
      s.subscriptionType === 'APP_LIFECYCLE_EVENT' && s.portalId === portalId && s.actions.includes(action),
  );
  if (!subscription) return;
  const at = runtime.clock.now();
  app.journal.push({
    offset: randomUuid(app.rng),
    at,
    events: [
      {
        eventId: randomUuid(app.rng),
        subscriptionId: subscription.id,
        portalId,
        appId: state.credentials.hubspotAppId,
        occurredAt: at,
        subscriptionType: 'APP_LIFECYCLE_EVENT',
        action,
      },
    ],
  });
}

/** An install (an authorization code redeemed) while the app was not installed. */
export function markInstalled(runtime: Runtime): void {
  const app = appInstall(runtime.state);
  if (app.installed) return;
  app.installed = true;
  journal(runtime, 'APP_INSTALL');
}

/** The admin uninstalls the app: its install tokens stop working and the journal says so. */
export function uninstall(runtime: Runtime): void {
  const app = appInstall(runtime.state);
  if (!app.installed) return;
  app.installed = false;
  runtime.oauth.revokeAll('hubspot');
  journal(runtime, 'APP_UNINSTALL');
}

/** A client-credentials token for the app. */
export function issueAppToken(
  runtime: Runtime,
  scopes: readonly string[],
): { token: string; expiresIn: number } {
  const app = appInstall(runtime.state);
  const token = `CCT${randomAlnum(app.rng, 60)}`;
  const ttl = runtime.oauth.ttlSeconds;
  app.appTokens.set(token, { scopes, expiresAt: runtime.clock.now() + ttl * 1000 });
  return { token, expiresIn: ttl };
}

/** The scopes of a live client-credentials token, `expired`, or undefined when unknown. */
export function appToken(runtime: Runtime, token: string): AppToken | 'expired' | undefined {
  const found = appInstall(runtime.state).appTokens.get(token);
  if (!found) return undefined;
  return found.expiresAt <= runtime.clock.now() ? 'expired' : found;
}
