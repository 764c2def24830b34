import { personFcr, readAccountCard, ticketView } from '@csm/accounts';
import type { Store, Tenant } from '@csm/store';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../http/errors.ts';
import { recordIdSchema } from '../http/ids.ts';
import { createRouter } from '../http/router.ts';
import { currentAsOf, freshnessView, organizationAnswer, readFreshness } from './card-answers.ts';
import { errorSchema, organizationAnswerSchema, requesterAnswerSchema } from './card-schemas.ts';

export interface ZendeskCardOptions {
  store: Store;
  now?: () => Date;
}

const zendeskId = (name: string) =>
  recordIdSchema(name).openapi({ param: { name, in: 'path' }, example: '360001' });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const refusals = {
  400: json(errorSchema, 'Invalid id (the field is named)'),
  401: json(errorSchema, 'Missing or wrong app token'),
  404: json(errorSchema, 'No such organization or user for this tenant'),
};

/**
 * The sidebar routes the Zendesk app calls through ZAF's `client.request` with `secure: true`
 * (docs/card-api.md): `Authorization: Bearer <app token>`, the token alone choosing the tenant. The
 * token is looked up on every request, so a rotated token takes effect at once.
 */
export function zendeskCardRoutes(options: ZendeskCardOptions) {
  const now = options.now ?? (() => new Date());
  const { store } = options;
  const app = createRouter<{ Variables: { tenant: Tenant } }>();

  app.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw new AppError('unauthorized', 'Authorization: Bearer <app token> is required');
    const tenant = await store.tenants.byZendeskAppToken(token);
    if (tenant?.status !== 'active') throw new AppError('unauthorized', 'the app token is not valid');
    c.set('tenant', tenant);
    await next();
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{orgId}',
      tags: ['Zendesk sidebar'],
      summary: 'An organization’s account health and its own ticket figures',
      security: [{ zendeskAppToken: [] }],
      request: { params: z.object({ orgId: zendeskId('orgId') }) },
      responses: { 200: json(organizationAnswerSchema, 'The organization'), ...refusals },
    }),
    async (c) => {
      const tenant = c.get('tenant');
      const { orgId } = c.req.valid('param');
      // The freshness does not depend on the organization: read at the same time.
      const [answer, freshness] = await Promise.all([
        organizationAnswer(store, tenant.id, orgId, now()),
        store.freshness(tenant.id),
      ]);
      if (!answer) throw new AppError('not_found', `no organization ${orgId}`);
      return c.json(
        { ...answer, freshness: freshnessView(freshness, currentAsOf(answer.card, freshness)) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/requesters/{userId}',
      tags: ['Zendesk sidebar'],
      summary: 'A requester’s organization (or own account) and recent one-touch history',
      security: [{ zendeskAppToken: [] }],
      request: { params: z.object({ userId: zendeskId('userId') }) },
      responses: { 200: json(requesterAnswerSchema, 'The requester'), ...refusals },
    }),
    async (c) => {
      const tenant = c.get('tenant');
      const { userId } = c.req.valid('param');
      const user = await store.cardReads.zendeskUser(tenant.id, userId);
      if (!user) throw new AppError('not_found', `no requester ${userId}`);
      const organization = user.organizationId
        ? await organizationAnswer(store, tenant.id, user.organizationId, now())
        : null;
      // Without an organization, the requester's tickets count for the account of their email (identity rules).
      const companyId =
        organization?.link?.companyId ??
        (!user.organizationId && user.email
          ? await store.cardReads.accountOfEmail(tenant.id, user.email)
          : null);
      const card = organization
        ? organization.card
        : companyId
          ? await readAccountCard(store, tenant.id, companyId, now())
          : null;
      const activity = await store.cardReads.personActivity(
        tenant.id,
        { zendeskUserId: user.id, email: user.email },
        10,
      );
      const tickets = activity.tickets.filter((t) => t.source === 'zendesk');
      return c.json(
        {
          requester: { id: user.id, email: user.email, organizationId: user.organizationId },
          account: card?.account ?? null,
          card,
          organization,
          recentTickets: tickets.map(ticketView),
          fcr: personFcr(tickets),
          freshness: await readFreshness(store, tenant.id, card),
        },
        200,
      );
    },
  );

  return app;
}
