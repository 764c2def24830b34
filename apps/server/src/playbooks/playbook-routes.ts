import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { requireContentType } from '../http/content-type.ts';
import { createRouter } from '../http/router.ts';
import { type ApiKeyEnv, apiKeyAuth } from '../ingest/api-key-auth.ts';
import { playbookRuleSchema, playbookRulesSchema, tenantPlaybookRules } from './playbook-rules.ts';

const errorSchema = z
  .object({ error: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .openapi('PlaybooksError');
const answerSchema = z
  .object({
    rules: z.array(playbookRuleSchema),
    isDefault: z.boolean().openapi({ description: 'True while the tenant has not saved rules of its own.' }),
  })
  .openapi('PlaybooksAnswer');
const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const getRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Playbooks'],
  summary: 'The tenant’s playbook rules (the defaults until it saves its own)',
  security: [{ ingestApiKey: [] }],
  responses: {
    200: json(answerSchema, 'The rules'),
    401: json(errorSchema, 'Missing, wrong or revoked API key'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/',
  tags: ['Playbooks'],
  summary: 'Replaces the tenant’s playbook rules (the whole list)',
  description:
    'Each rule creates a HubSpot task for the company owner when it fires: `turned-red`, `score-drop` (more than `points` in `days`), `detractor` (an NPS answer of `maxScore` or less). An empty list turns playbooks off.',
  security: [{ ingestApiKey: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: playbookRulesSchema } } } },
  responses: {
    200: json(answerSchema, 'Saved'),
    400: json(
      errorSchema,
      'Invalid rules: the field is named (`body.rules[1].points: ...`); nothing was changed',
    ),
    401: json(errorSchema, 'Missing, wrong or revoked API key'),
    415: json(errorSchema, 'Content-Type other than application/json; nothing was changed'),
  },
});

/**
 * `GET` / `PUT /api/v1/playbooks`: the tenant's playbook rules, authorized by the tenant's API key
 * (`Authorization: Bearer csm_live_...`), so a key reads and edits its own tenant's rules only.
 */
export function playbookRoutes(deps: Pick<AppDeps, 'store' | 'logger'>) {
  const routes = createRouter<ApiKeyEnv>();
  routes.use('*', apiKeyAuth(deps.store));
  routes.use('*', requireContentType(['application/json']));

  routes.openapi(getRoute, async (c) => {
    const { rules, isDefault } = await tenantPlaybookRules(deps.store, c.get('tenantId'), deps.logger);
    return c.json({ rules, isDefault }, 200);
  });

  routes.openapi(putRoute, async (c) => {
    const { rules } = c.req.valid('json');
    await deps.store.playbooks.saveRules(c.get('tenantId'), rules);
    return c.json({ rules, isDefault: false }, 200);
  });

  return routes;
}
