import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../http/errors.ts';
import { recordIdSchema } from '../http/ids.ts';
import { createRouter } from '../http/router.ts';
import { refreshTenantFigures } from '../sync-jobs/refresh-figures.ts';
import { common, refusals } from './account-routes.ts';
import type { DashboardEnv } from './dashboard-access.ts';
import { tenantParam } from './dashboard-schemas.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const item = z.object({ count: z.number().int(), sample: z.array(z.string()) });
const organization = z.object({
  zendeskOrgId: z.string(),
  name: z.string().nullable(),
  domainNames: z.array(z.string()),
  tickets: z.number().int(),
  domainMatches: z.number().int(),
  linkedCompanyId: z.string().nullable(),
  linkedCompanyName: z.string().nullable(),
  explicit: z.boolean(),
});
const coverageAnswer = z
  .object({
    counts: z.object({
      unmatchedOrganizations: item,
      unmatchedTickets: item,
      contactsWithoutCompany: item,
      companiesWithoutRevenue: item,
      ambiguousEmails: item,
      ambiguousOrganizations: item,
      quarantined: item,
    }),
    organizations: z.array(organization),
  })
  .openapi('DashboardCoverage', {
    description:
      'What the identity rules could not place (counts and up to 20 ids each), and the organizations to review: matching no company, matching several (the smallest id won), or linked by hand.',
  });

const orgParam = tenantParam.extend({
  orgId: recordIdSchema('orgId').openapi({ param: { name: 'orgId', in: 'path' }, example: '360000100000' }),
});
const linkAnswer = z
  .object({
    zendeskOrgId: z.string(),
    hubspotCompanyId: z.string().nullable(),
    explicit: z.boolean(),
    tickets: z
      .number()
      .int()
      .openapi({ description: 'The organization’s tickets, which now count for that account' }),
    refreshed: z.number().int(),
  })
  .openapi('OrganizationLink');

const coverageRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/coverage',
  summary: 'Unmatched organizations and tickets, contacts without company, ambiguous matches',
  request: { params: tenantParam },
  responses: { 200: json(coverageAnswer, 'The coverage'), ...refusals },
});

const companiesRoute = createRoute({
  ...common,
  method: 'get',
  path: '/tenants/{tenant}/companies',
  summary: 'Companies whose name, domain or id contains the query (to pick a link target)',
  request: { params: tenantParam, query: z.object({ query: z.string().trim().min(1).max(200) }) },
  responses: {
    200: json(
      z.object({
        companies: z.array(
          z.object({ companyId: z.string(), name: z.string().nullable(), domain: z.string().nullable() }),
        ),
      }),
      'Up to 20 companies',
    ),
    ...refusals,
  },
});

const linkRoute = createRoute({
  ...common,
  method: 'put',
  path: '/tenants/{tenant}/organizations/{orgId}/link',
  summary: 'Links a Zendesk organization to a company by hand (it wins over the domain rule)',
  request: {
    params: orgParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ companyId: recordIdSchema('companyId') })
            .strict()
            .openapi('OrganizationLinkBody'),
        },
      },
    },
  },
  responses: { 200: json(linkAnswer, 'Linked; the cards were recomputed'), ...refusals },
});

const unlinkRoute = createRoute({
  ...common,
  method: 'delete',
  path: '/tenants/{tenant}/organizations/{orgId}/link',
  summary: 'Removes a hand link: the domain rule applies again',
  request: { params: orgParam },
  responses: { 200: json(linkAnswer, 'Unlinked; the cards were recomputed'), ...refusals },
});

/**
 * The coverage page's API: what could not be matched, and hand links of organizations to companies
 * (stored links win over the domain rule). A link or an unlink recomputes the tenant's cards, so the
 * organization's tickets count for their account at once.
 */
export function coverageRoutes({ store, now, logger }: { store: Store; now: () => Date; logger: Logger }) {
  const app = createRouter<DashboardEnv>();

  app.openapi(coverageRoute, async (c) => {
    const tenant = c.get('tenant');
    const [counts, organizations] = await Promise.all([
      store.coverage(tenant.id),
      store.dashboardReads.organizationsToReview(tenant.id),
    ]);
    const names = new Map<string, string | null>();
    for (const id of new Set(organizations.flatMap((o) => (o.linkedCompanyId ? [o.linkedCompanyId] : []))))
      names.set(id, (await store.dashboardReads.company(tenant.id, id))?.name ?? null);
    return c.json(
      {
        counts,
        organizations: organizations.map((o) => ({
          ...o,
          linkedCompanyName: o.linkedCompanyId ? (names.get(o.linkedCompanyId) ?? null) : null,
        })),
      },
      200,
    );
  });

  app.openapi(companiesRoute, async (c) => {
    const { query } = c.req.valid('query');
    return c.json({ companies: await store.dashboardReads.searchCompanies(c.get('tenant').id, query) }, 200);
  });

  const answer = async (tenantId: number, orgId: string) => {
    const { accounts } = await refreshTenantFigures({ store, logger, now }, tenantId);
    const link = await store.resolveOrganization(tenantId, orgId);
    const { tickets } = await store.cardReads.organizationTickets(tenantId, orgId);
    return {
      zendeskOrgId: orgId,
      hubspotCompanyId: link.hubspotCompanyId,
      explicit: link.explicit,
      tickets: tickets.length,
      refreshed: accounts,
    };
  };

  app.openapi(linkRoute, async (c) => {
    const tenant = c.get('tenant');
    const { orgId } = c.req.valid('param');
    const { companyId } = c.req.valid('json');
    const [org, company] = await Promise.all([
      store.cardReads.zendeskOrganization(tenant.id, orgId),
      store.dashboardReads.company(tenant.id, companyId),
    ]);
    if (!org) throw new AppError('not_found', `no Zendesk organization ${orgId} for tenant ${tenant.name}`);
    if (!company) throw new AppError('not_found', `no company ${companyId} for tenant ${tenant.name}`);
    await store.linkOrganization(tenant.id, orgId, companyId);
    return c.json(await answer(tenant.id, orgId), 200);
  });

  app.openapi(unlinkRoute, async (c) => {
    const tenant = c.get('tenant');
    const { orgId } = c.req.valid('param');
    if (!(await store.cardReads.zendeskOrganization(tenant.id, orgId)))
      throw new AppError('not_found', `no Zendesk organization ${orgId} for tenant ${tenant.name}`);
    await store.unlinkOrganization(tenant.id, orgId);
    return c.json(await answer(tenant.id, orgId), 200);
  });

  return app;
}
