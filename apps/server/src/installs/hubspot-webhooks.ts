import { createApiClient } from '@csm/http';
import { hubspotBudgets, hubspotRetryPolicy } from '@csm/hubspot';
import { z } from 'zod';
import type { Config } from '../config.ts';

/**
 * The change notifications the app subscribes to, through HubSpot's Webhooks API for public apps
 * (https://developers.hubspot.com/docs/api/webhooks): settings and subscriptions belong to the
 * app, not to one account, and every account that installs it receives them. propertyChange
 * subscriptions name one property each: those the figures are computed from.
 */
export const WEBHOOK_SUBSCRIPTIONS: readonly { eventType: string; propertyName?: string }[] = [
  ...['company', 'contact', 'deal', 'ticket'].flatMap((object) =>
    ['creation', 'deletion'].map((change) => ({ eventType: `${object}.${change}` })),
  ),
  ...['company', 'contact', 'deal'].map((object) => ({ eventType: `${object}.associationChange` })),
  ...['company', 'contact', 'deal'].map((object) => ({ eventType: `${object}.merge` })),
  ...(
    [
      ['company', ['name', 'domain', 'hubspot_owner_id']],
      ['contact', ['email', 'associatedcompanyid']],
      ['deal', ['amount', 'hs_mrr', 'dealstage', 'closedate', 'csm_contract_end_date']],
      ['ticket', ['hs_pipeline_stage', 'hs_ticket_priority']],
    ] as const
  ).flatMap(([object, names]) =>
    names.map((propertyName) => ({ eventType: `${object}.propertyChange`, propertyName })),
  ),
];

const subscriptionList = z.object({
  results: z.array(
    z.object({
      id: z.coerce.string(),
      eventType: z.string(),
      propertyName: z.string().optional(),
      active: z.boolean(),
    }),
  ),
});
const settingsAnswer = z.object({ targetUrl: z.string() }).loose();

export type WebhookSetup =
  | { status: 'skipped'; reason: string }
  | { status: 'registered'; targetUrl: string; created: number; activated: number };

/**
 * Points the app's webhooks at `PUBLIC_URL/webhooks/hubspot` and makes every subscription of
 * {@link WEBHOOK_SUBSCRIPTIONS} exist and be active; already-correct settings are left alone, so
 * each install after the first costs two reads. Authenticated with the developer API key
 * (`hapikey`), which never leaves this function (error messages name paths, not URLs).
 */
export async function ensureWebhookSubscriptions(config: Config, publicUrl: string): Promise<WebhookSetup> {
  const appId = config.HUBSPOT_APP_ID;
  const hapikey = config.HUBSPOT_DEVELOPER_API_KEY;
  if (!appId || !hapikey)
    return { status: 'skipped', reason: 'HUBSPOT_APP_ID and HUBSPOT_DEVELOPER_API_KEY are not set' };
  const client = createApiClient({
    name: 'HubSpot Webhooks API',
    baseUrl: config.HUBSPOT_API_BASE_URL,
    policy: hubspotRetryPolicy,
    budgets: hubspotBudgets('oauth'),
  });
  const base = `/webhooks/v3/${appId}`;
  const query = { hapikey };
  const targetUrl = `${publicUrl.replace(/\/+$/, '')}/webhooks/hubspot`;

  const current = await client.request({ path: `${base}/settings`, query }).then(
    (r) => settingsAnswer.parse(r.body).targetUrl,
    (error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    },
  );
  if (current !== targetUrl) {
    await client.request({
      method: 'PUT',
      path: `${base}/settings`,
      query,
      json: { targetUrl, throttling: { maxConcurrentRequests: 10, period: 'SECONDLY' } },
    });
  }

  const { results } = subscriptionList.parse(
    (await client.request({ path: `${base}/subscriptions`, query })).body,
  );
  const key = (s: { eventType: string; propertyName?: string | undefined }) =>
    `${s.eventType} ${s.propertyName ?? ''}`;
  const existing = new Map(results.map((s) => [key(s), s]));
  let created = 0;
  for (const wanted of WEBHOOK_SUBSCRIPTIONS) {
    if (existing.has(key(wanted))) continue;
    await client.request({ path: `${base}/subscriptions`, query, json: { ...wanted, active: true } });
    created += 1;
  }
  const paused = WEBHOOK_SUBSCRIPTIONS.flatMap((w) => {
    const found = existing.get(key(w));
    return found && !found.active ? [{ id: Number(found.id), active: true }] : [];
  });
  for (let i = 0; i < paused.length; i += 100) {
    await client.request({
      path: `${base}/subscriptions/batch/update`,
      query,
      json: { inputs: paused.slice(i, i + 100) },
    });
  }
  return { status: 'registered', targetUrl, created, activated: paused.length };
}
