import { type CompanyAnswer, dealRenewalRisk, personFcr, readAccountCard, ticketView } from '@csm/accounts';
import type { Store } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { mintLinkToken } from '../dashboard/dashboard-tokens.ts';
import { AppError } from '../http/errors.ts';
import { verifyHubSpotSignature } from '../http/hubspot-signature.ts';
import { portalIdSchema, recordIdSchema } from '../http/ids.ts';
import { jsonText } from '../http/json-text.ts';
import { createRouter } from '../http/router.ts';
import { coverageView, freshnessView, readFreshness } from './card-answers.ts';
import { companyAnswerSchema, contactAnswerSchema, dealAnswerSchema, errorSchema } from './card-schemas.ts';
import { dashboardLinkOf, storedCompanyAnswer } from './stored-answer.ts';

export interface HubSpotCardOptions {
  store: Store;
  /** The app's client secret: the key of HubSpot's v3 signatures. Unset: every card request is refused (503). */
  clientSecret: string | undefined;
  /** The origin HubSpot calls (PUBLIC_URL); the signed URI is rebuilt from it behind proxies. */
  publicUrl: string;
  now?: () => Date;
}

const query = z.object({
  portalId: portalIdSchema.openapi({ description: 'Appended and signed by HubSpot', type: 'string' }),
  userId: z.string().optional(),
  userEmail: z.string().optional(),
  appId: z.string().optional(),
});
const hubspotId = (name: string) =>
  recordIdSchema(name).openapi({ param: { name, in: 'path' }, example: '1234' });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const refusals = {
  400: json(errorSchema, 'Invalid id or query (the field is named)'),
  401: json(errorSchema, 'Missing, wrong or stale HubSpot signature'),
  404: json(errorSchema, 'No such record for this portal (another portal’s ids answer the same)'),
};
const common = { method: 'get' as const, tags: ['HubSpot cards'], security: [{ hubspotSignature: [] }] };

const companyRoute = createRoute({
  ...common,
  path: '/companies/{companyId}',
  summary: 'Company health card',
  request: { params: z.object({ companyId: hubspotId('companyId') }), query },
  responses: { 200: json(companyAnswerSchema, 'The card'), ...refusals },
});
const dealRoute = createRoute({
  ...common,
  path: '/deals/{dealId}',
  summary: 'Deal card: the company’s health and renewal risk',
  request: { params: z.object({ dealId: hubspotId('dealId') }), query },
  responses: { 200: json(dealAnswerSchema, 'The card'), ...refusals },
});
const contactRoute = createRoute({
  ...common,
  path: '/contacts/{contactId}',
  summary: 'Contact card: this person’s answers and tickets',
  request: { params: z.object({ contactId: hubspotId('contactId') }), query },
  responses: { 200: json(contactAnswerSchema, 'The card'), ...refusals },
});

const dashboardLinkRoute = createRoute({
  method: 'post',
  path: '/dashboard-link',
  tags: ['HubSpot cards'],
  security: [{ hubspotSignature: [] }],
  summary: 'A sign-in link to the dashboard for the HubSpot user of the card',
  description:
    'The company card’s "Open dashboard" calls this through `hubspot.fetch` (signed, with `portalId` and `userId` appended). The answer’s `url` opens a dashboard session for this portal’s tenant only; it is valid for 5 minutes and opens once.',
  request: {
    query: query.extend({ userId: recordIdSchema('userId') }),
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z
            .object({ companyId: recordIdSchema('companyId').optional() })
            .openapi('DashboardLinkRequest'),
        },
      },
    },
  },
  responses: {
    200: json(
      z.object({ url: z.string(), expiresAt: z.string() }).openapi('DashboardLink'),
      'The sign-in link (a JWT bound to the portal and the user, 5 minutes)',
    ),
    ...refusals,
  },
});

const notFound = (what: string, id: string) => new AppError('not_found', `no ${what} ${id} for this portal`);

/**
 * The card API that HubSpot UI-extension cards call through `hubspot.fetch` (docs/card-api.md). Every request is verified by HubSpot's v3 signature; the tenant is the signed
 * `portalId`; a record of another portal is a 404, like one that does not exist.
 */
export function hubspotCardRoutes(options: HubSpotCardOptions) {
  const now = options.now ?? (() => new Date());
  const origin = new URL(options.publicUrl).origin;
  const { store } = options;
  const app = createRouter();

  app.use('*', async (c, next) => {
    if (!options.clientSecret)
      throw new AppError(
        'unavailable',
        'HUBSPOT_CLIENT_SECRET is not set: HubSpot card requests cannot be verified',
      );
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
    if (!check.ok) throw new AppError('unauthorized', `HubSpot signature refused: ${check.reason}`);
    await next();
  });

  const tenantOf = async (portalId: number) => {
    const tenant = await store.tenants.byPortalId(portalId);
    return tenant?.status === 'active' ? tenant : null;
  };

  app.openapi(companyRoute, async (c) => {
    const { companyId } = c.req.valid('param');
    const { portalId } = c.req.valid('query');
    // One statement: tenant by portal, the stored card as text, freshness and coverage.
    const bundle = await store.accountMetrics.cardBundle(portalId, companyId);
    if (!bundle?.tenantActive) throw notFound('account', companyId);
    const dashboard = dashboardLinkOf(origin, companyId, portalId);
    const stored = storedCompanyAnswer(bundle, dashboard);
    if (stored !== null) return jsonText<CompanyAnswer>(stored);
    // Not stored yet (first sync under way) or stored before a settings change: computed now.
    const card = await readAccountCard(store, bundle.tenantId, companyId, now());
    if (!card) throw notFound('account', companyId);
    return c.json(
      {
        account: card.account,
        card,
        freshness: freshnessView(bundle.freshness, card.computedAt),
        coverage: coverageView(bundle.coverage),
        links: { dashboard },
      },
      200,
    );
  });

  app.openapi(dashboardLinkRoute, async (c) => {
    const { portalId, userId } = c.req.valid('query');
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
    const tenant = await tenantOf(portalId);
    if (!tenant) throw new AppError('not_found', `no tenant for portal ${portalId}`);
    const companyId = body.companyId;
    if (companyId && !(await store.dashboardReads.company(tenant.id, companyId)))
      throw notFound('account', companyId);
    const { token, expiresAt } = await mintLinkToken(
      options.clientSecret!,
      { tenantId: tenant.id, portalId, userId, ...(companyId ? { companyId } : {}) },
      now(),
    );
    return c.json(
      {
        url: `${origin}/dashboard/auth/link?token=${encodeURIComponent(token)}`,
        expiresAt: expiresAt.toISOString(),
      },
      200,
    );
  });

  app.openapi(dealRoute, async (c) => {
    const { dealId } = c.req.valid('param');
    const tenant = await tenantOf(c.req.valid('query').portalId);
    const deal = tenant ? await store.cardReads.deal(tenant.id, dealId) : null;
    if (!tenant || !deal) throw notFound('deal', dealId);
    const card = deal.companyId ? await readAccountCard(store, tenant.id, deal.companyId, now()) : null;
    return c.json(
      {
        deal: {
          ...deal,
          currency: deal.currency ?? card?.account.currency ?? tenant.currency ?? null,
          closeDate: deal.closeDate?.toISOString() ?? null,
          contractEndDate: deal.contractEndDate?.toISOString() ?? null,
        },
        card,
        renewalRisk: dealRenewalRisk(card, deal.contractEndDate, now()),
        freshness: await readFreshness(store, tenant.id, card),
      },
      200,
    );
  });

  app.openapi(contactRoute, async (c) => {
    const { contactId } = c.req.valid('param');
    const tenant = await tenantOf(c.req.valid('query').portalId);
    const contact = tenant ? await store.cardReads.contact(tenant.id, contactId) : null;
    if (!tenant || !contact) throw notFound('contact', contactId);
    const [activity, card] = await Promise.all([
      store.cardReads.personActivity(tenant.id, { hubspotContactId: contact.id, email: contact.email }),
      contact.companyId ? readAccountCard(store, tenant.id, contact.companyId, now()) : Promise.resolve(null),
    ]);
    return c.json(
      {
        contact,
        surveys: activity.surveys.map(({ scaleMin: _min, scaleMax: _max, ...s }) => ({
          ...s,
          submittedAt: s.submittedAt.toISOString(),
        })),
        tickets: activity.tickets.map(ticketView),
        fcr: personFcr(activity.tickets),
        card,
        freshness: await readFreshness(store, tenant.id, card),
      },
      200,
    );
  });

  return app;
}
