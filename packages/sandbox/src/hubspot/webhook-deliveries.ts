/**
 * Webhook deliveries of the installed app, driven by its project's webhooks component
 * (`webhooks/*-hsmeta.json`, platform 2025.2): every change to a HubSpot record that an active
 * subscription names becomes an event, and events go in batches (at most 100) to
 * `settings.targetUrl`, signed with the app's client secret as HubSpot signs them (v3: base64
 * HMAC-SHA256 of method + URL + body + timestamp, `X-HubSpot-Signature-v3` and
 * `X-HubSpot-Request-Timestamp`). `crmObjects` subscriptions (`object.*`, with `objectType`)
 * deliver the generic payload with `objectTypeId`; `legacyCrmObjects` ones (`deal.creation`) the
 * classic payload. Nothing is delivered while the app is not installed.
 * https://developers.hubspot.com/docs/apps/developer-platform/add-features/configure-webhooks
 */
import { createHmac } from 'node:crypto';
import type { Runtime } from '../runtime/runtime.ts';
import { type HubSpotChange, onHubSpotChange } from '../state/hubspot-changes.ts';
import type { HubSpotObjectType } from '../state/model.ts';
import { appInstall } from './app-install.ts';
import { singular } from './property-catalog.ts';

export interface WebhookSubscriptionConfig {
  subscriptionType: string;
  objectType?: string;
  propertyName?: string;
  active: boolean;
}

/** `config` of a webhooks component. */
export interface WebhooksComponentConfig {
  settings: { targetUrl: string; maxConcurrentRequests?: number };
  subscriptions: {
    crmObjects?: WebhookSubscriptionConfig[];
    legacyCrmObjects?: WebhookSubscriptionConfig[];
    hubEvents?: WebhookSubscriptionConfig[];
  };
}

export interface WebhookDelivery {
  /** Sandbox-clock epoch ms. */
  at: number;
  events: Record<string, unknown>[];
  status: number | 'failed';
}

export interface WebhookDeliveries {
  /** Sends what is pending now and waits for every delivery under way. */
  flush(): Promise<WebhookDelivery[]>;
  deliveries(): WebhookDelivery[];
  stop(): void;
}

/** HubSpot's object type ids (https://developers.hubspot.com/docs/api/crm/understanding-the-crm). */
const OBJECT_TYPE_IDS: Record<HubSpotObjectType, string> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
  feedback_submissions: '0-19',
  tasks: '0-27',
};
const BATCH = 100;
const GENERIC: Record<HubSpotChange['kind'], string> = {
  creation: 'object.creation',
  deletion: 'object.deletion',
  propertyChange: 'object.propertyChange',
  associationChange: 'object.associationChange',
};

/** v3 signature over what HubSpot signs. */
export function signV3(secret: string, url: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`POST${url}${body}${timestamp}`).digest('base64');
}

/**
 * Starts delivering the app's webhooks to `deliver` (a fetch, or an app's `request` in tests).
 *
 * @example
 * const hooks = sandbox.hubspotApp.deliverWebhooks({ component: meta.config, deliver: (r) => app.request(r) });
 * sandbox.mutate.updateDeal(id, { amount: '10' });
 * await hooks.flush();
 */
export function deliverWebhooks(
  runtime: Runtime,
  options: { component: WebhooksComponentConfig; deliver: (request: Request) => Promise<Response> },
): WebhookDeliveries {
  const { state } = runtime;
  const { settings, subscriptions } = options.component;
  const all = [
    ...(subscriptions.crmObjects ?? []).map((s) => ({ ...s, generic: true })),
    ...(subscriptions.legacyCrmObjects ?? []).map((s) => ({ ...s, generic: false })),
  ].map((s, i) => ({ ...s, id: 1000 + i }));
  const log: WebhookDelivery[] = [];
  let pending: Record<string, unknown>[] = [];
  const inFlight = new Set<Promise<void>>();
  let nextEventId = 1;
  let timer: NodeJS.Timeout | undefined;

  const eventsOf = (change: HubSpotChange) => {
    const object = singular(change.type);
    const events: Record<string, unknown>[] = [];
    for (const s of all) {
      if (!s.active) continue;
      const type = s.generic ? GENERIC[change.kind] : `${object}.${change.kind}`;
      if (s.subscriptionType !== type || (s.generic && s.objectType !== object)) continue;
      const base = {
        eventId: nextEventId,
        subscriptionId: s.id,
        portalId: state.hubspot.portalId,
        appId: state.credentials.hubspotAppId,
        occurredAt: change.at,
        subscriptionType: s.subscriptionType,
        attemptNumber: 0,
        objectId: change.id,
        ...(s.generic ? { objectTypeId: OBJECT_TYPE_IDS[change.type] } : {}),
        changeSource: 'CRM_UI',
        sourceId: 'userId:7000000',
      };
      if (change.kind === 'propertyChange') {
        if (!s.propertyName || !(s.propertyName in change.properties)) continue;
        events.push({
          ...base,
          propertyName: s.propertyName,
          propertyValue: change.properties[s.propertyName] ?? '',
        });
      } else if (change.kind === 'creation') events.push({ ...base, changeFlag: 'CREATED' });
      else if (change.kind === 'deletion') events.push({ ...base, changeFlag: 'DELETED' });
      else
        events.push({
          ...base,
          associationType: `${object.toUpperCase()}_TO_${singular(change.to).toUpperCase()}`,
          fromObjectId: change.id,
          toObjectId: change.toId,
          ...(s.generic
            ? { fromObjectTypeId: OBJECT_TYPE_IDS[change.type], toObjectTypeId: OBJECT_TYPE_IDS[change.to] }
            : {}),
          associationRemoved: false,
        });
      nextEventId += 1;
    }
    return events;
  };

  const send = (events: Record<string, unknown>[]) => {
    const body = JSON.stringify(events);
    // The receiver compares the timestamp with its own clock: wall time, not the sandbox's.
    const timestamp = String(Date.now());
    const request = new Request(settings.targetUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signV3(
          state.credentials.hubspotClientSecret,
          settings.targetUrl,
          body,
          timestamp,
        ),
        'x-hubspot-request-timestamp': timestamp,
      },
      body,
    });
    const record: WebhookDelivery = { at: runtime.clock.now(), events, status: 'failed' };
    log.push(record);
    const done = options
      .deliver(request)
      .then((response) => {
        record.status = response.status;
      })
      .catch(() => undefined)
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const drain = () => {
    clearTimeout(timer);
    timer = undefined;
    while (pending.length) send(pending.splice(0, BATCH));
  };

  const stop = onHubSpotChange(state, (change) => {
    if (!appInstall(state).installed) return;
    const events = eventsOf(change);
    if (!events.length) return;
    pending.push(...events);
    timer ??= setTimeout(drain, 0);
  });

  return {
    async flush() {
      drain();
      while (inFlight.size) await Promise.all([...inFlight]);
      return [...log];
    },
    deliveries: () => [...log],
    stop() {
      stop();
      clearTimeout(timer);
      pending = [];
    },
  };
}
