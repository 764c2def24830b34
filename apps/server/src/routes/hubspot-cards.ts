import type { Store } from '@csm/store';
import { accountReport } from '@csm/sync';
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyHubSpotSignature } from '../http/hubspot-signature.ts';

export interface HubSpotCardOptions {
  store: Store;
  /** The app's client secret: the key of HubSpot's v3 signatures. */
  clientSecret: string;
  /** The origin HubSpot calls (PUBLIC_URL); the signed URI is rebuilt from it behind proxies. */
  publicUrl: string;
  now?: () => Date;
}

const cardQuery = z.object({ portalId: z.coerce.number().int().positive() });
const companyId = z.string().regex(/^\d{1,20}$/, 'companyId: digits only');

/**
 * The card API that HubSpot UI-extension cards call through `hubspot.fetch` (DESIGN.md, card
 * routes). Every request is verified by HubSpot's v3 signature; the tenant is the signed
 * `portalId`; an account of another portal is a 404, like one that does not exist.
 */
export function hubspotCardRoutes(options: HubSpotCardOptions) {
  const now = options.now ?? (() => new Date());
  const origin = new URL(options.publicUrl).origin;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const check = verifyHubSpotSignature({
      clientSecret: options.clientSecret,
      method: c.req.method,
      uri: `${origin}${url.pathname}${url.search}`,
      body: await c.req.text(),
      signature: c.req.header('x-hubspot-signature-v3'),
      timestamp: c.req.header('x-hubspot-request-timestamp'),
      now: now().getTime(),
    });
    if (!check.ok) {
      return c.json({ error: 'unauthorized', message: `HubSpot signature refused: ${check.reason}` }, 401);
    }
    await next();
    return undefined;
  });

  app.get('/companies/:companyId', async (c) => {
    const query = cardQuery.safeParse(c.req.query());
    if (!query.success)
      return c.json({ error: 'invalid_input', message: 'portalId: a positive integer is required' }, 400);
    const id = companyId.safeParse(c.req.param('companyId'));
    if (!id.success) return c.json({ error: 'invalid_input', message: id.error.issues[0]!.message }, 400);
    const tenant = await options.store.tenants.byPortalId(query.data.portalId);
    const facts = tenant ? await options.store.accountFacts(tenant.id, id.data) : [];
    const account = facts[0];
    if (!tenant || !account)
      return c.json({ error: 'not_found', message: `no account ${id.data} for this portal` }, 404);
    const runs = await options.store.lastSyncRuns(tenant.id);
    return c.json({
      account: accountReport(account, now()),
      lastSurveyComments: account.lastSurveyComments,
      freshness: Object.fromEntries(
        runs.map((r) => [r.source, { status: r.status, finishedAt: r.finishedAt }]),
      ),
    });
  });

  return app;
}
