/**
 * `POST /crm/v3/objects/{type}/search`: up to 200 a page, `after` an offset, `total` the full match
 * count, no associations in results, and no result past the 10,000th: a request whose
 * `after + limit` passes 10,000 is refused with 400, as HubSpot does.
 * https://developers.hubspot.com/docs/api/crm/search#limitations
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { readJson, validationError, zodValidationError } from './errors.ts';
import { objectTable } from './request.ts';
import { OPERATORS, type SearchQuery, search } from './search-engine.ts';
import { objectJson, selectProperties } from './shapes.ts';

export const SEARCH_RESULT_CAP = 10_000;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const filter = z
  .object({
    propertyName: z.string().min(1),
    operator: z.enum(OPERATORS),
    value: scalar.optional(),
    highValue: scalar.optional(),
    values: z.array(scalar).optional(),
  })
  .superRefine((f, ctx) => {
    const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(f.operator);
    if (needsValue && f.value === undefined)
      ctx.addIssue({ code: 'custom', message: `operator ${f.operator} needs a value` });
    if (f.operator === 'BETWEEN' && f.highValue === undefined)
      ctx.addIssue({ code: 'custom', message: 'BETWEEN needs a highValue' });
    if ((f.operator === 'IN' || f.operator === 'NOT_IN') && !f.values?.length)
      ctx.addIssue({ code: 'custom', message: `operator ${f.operator} needs values` });
  });
const sort = z.union([
  z
    .string()
    .min(1)
    .transform((s) => ({
      propertyName: s.replace(/^-/, ''),
      direction: s.startsWith('-') ? ('DESCENDING' as const) : ('ASCENDING' as const),
    })),
  z.object({
    propertyName: z.string().min(1),
    direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
  }),
]);
const searchBody = z.object({
  filterGroups: z
    .array(z.object({ filters: z.array(filter).max(6, 'at most 6 filters per group') }))
    .max(5, 'at most 5 filter groups')
    .default([]),
  sorts: z.array(sort).default([]),
  properties: z.array(z.string()).default([]),
  query: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200, 'limit must be at most 200').default(10),
  after: z
    .union([z.string().regex(/^\d+$/, 'after must be a number'), z.number().int().nonnegative()])
    .transform(Number)
    .optional(),
});

export function searchRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { state } = runtime;
  app.post('/crm/v3/objects/:type/search', async (c) => {
    const found = objectTable(c, runtime, c.req.param('type'), 'read');
    if ('error' in found) return found.error;
    const { table } = found;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = searchBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const { filterGroups, sorts, limit, properties } = body.data;
    if (filterGroups.reduce((n, g) => n + g.filters.length, 0) > 18) {
      return validationError(c, runtime, 'at most 18 filters in all filter groups');
    }
    for (const name of [
      ...filterGroups.flatMap((g) => g.filters.map((f) => f.propertyName)),
      ...sorts.map((s) => s.propertyName),
    ]) {
      if (!state.hubspot.catalog.has(table.type, name)) {
        return validationError(
          c,
          runtime,
          `There was a problem with the request: property "${name}" does not exist on ${table.type}.`,
        );
      }
    }
    const after = body.data.after ?? 0;
    if (after + limit > SEARCH_RESULT_CAP) {
      return validationError(
        c,
        runtime,
        `Search results are limited to ${SEARCH_RESULT_CAP} per query: after (${after}) + limit (${limit}) passes it. Narrow the query (for example by modification date) instead of paging further.`,
      );
    }
    const query: SearchQuery = { filterGroups, sorts, query: body.data.query };
    const matches = search(table, state.hubspot.catalog, query);
    const page = matches.slice(after, after + limit);
    const requested = properties.length ? properties : null;
    const results = page.map((row) =>
      objectJson(state.hubspot, table, row, selectProperties(state.hubspot, table, row, requested)),
    );
    const next = after + page.length;
    return c.json(
      next < matches.length
        ? { total: matches.length, results, paging: { next: { after: String(next) } } }
        : { total: matches.length, results },
    );
  });
}
