/**
 * Reading CRM objects: the list endpoint (`after` paging, 100 at most a page, `properties`,
 * `associations`), one object by id, and batch read (100 ids).
 * https://developers.hubspot.com/docs/api/crm/companies
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { apiPath, publicBase } from '../runtime/runtime.ts';
import { hubspotError, readJson, validationError, zodValidationError } from './errors.ts';
import { associationTypes, listParam, nextLink, objectTable } from './request.ts';
import { objectJson, selectProperties } from './shapes.ts';

const listQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be at least 1')
    .max(100, 'limit must be at most 100')
    .default(10),
  after: z.string().regex(/^\d+$/, 'after must be a paging cursor returned by a previous page').optional(),
  archived: z.enum(['true', 'false']).default('false'),
});

const batchRead = z.object({
  inputs: z
    .array(z.object({ id: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String) }))
    .min(1)
    .max(100),
  properties: z.array(z.string()).default([]),
});

export function objectReadRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { state } = runtime;

  app.get('/crm/v3/objects/:type', (c) => {
    const found = objectTable(c, runtime, c.req.param('type'), 'read');
    if ('error' in found) return found.error;
    const { table } = found;
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return zodValidationError(c, runtime, query.error, 'query');
    const related = associationTypes(c, table.type);
    if ('bad' in related)
      return validationError(c, runtime, `Unable to infer object type from: ${related.bad}`);
    // The sandbox never archives records: the archived listing is empty.
    if (query.data.archived === 'true') return c.json({ results: [] });
    const properties = listParam(c, 'properties');
    const start = query.data.after === undefined ? 0 : table.indexAfter(Number(query.data.after));
    const rows = table.rows.slice(start, start + query.data.limit);
    const results = rows.map((row) =>
      objectJson(state.hubspot, table, row, selectProperties(state.hubspot, table, row, properties), related),
    );
    const last = rows.at(-1);
    if (!last || start + rows.length >= table.rows.length) return c.json({ results });
    const after = String(last.id);
    const link = nextLink(c, publicBase(c, 'hubspot'), apiPath(c, 'hubspot'), after);
    return c.json({ results, paging: { next: { after, link } } });
  });

  app.get('/crm/v3/objects/:type/:id', (c) => {
    const found = objectTable(c, runtime, c.req.param('type'), 'read');
    if ('error' in found) return found.error;
    const { table } = found;
    const related = associationTypes(c, table.type);
    if ('bad' in related)
      return validationError(c, runtime, `Unable to infer object type from: ${related.bad}`);
    const row = /^\d+$/.test(c.req.param('id')) ? table.byId.get(Number(c.req.param('id'))) : undefined;
    if (!row) {
      return hubspotError(
        c,
        runtime,
        404,
        'OBJECT_NOT_FOUND',
        'Object not found.  objectId are usually numeric.',
        {
          context: { id: [c.req.param('id')] },
        },
      );
    }
    return c.json(
      objectJson(
        state.hubspot,
        table,
        row,
        selectProperties(state.hubspot, table, row, listParam(c, 'properties')),
        related,
      ),
    );
  });

  app.post('/crm/v3/objects/:type/batch/read', async (c) => {
    const found = objectTable(c, runtime, c.req.param('type'), 'read');
    if ('error' in found) return found.error;
    const { table } = found;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = batchRead.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const startedAt = new Date(runtime.clock.now()).toISOString();
    const missing: string[] = [];
    const results = [];
    for (const { id } of body.data.inputs) {
      const row = table.byId.get(Number(id));
      if (!row) missing.push(id);
      else
        results.push(
          objectJson(
            state.hubspot,
            table,
            row,
            selectProperties(state.hubspot, table, row, body.data.properties),
          ),
        );
    }
    const answer = {
      status: 'COMPLETE',
      results,
      startedAt,
      completedAt: new Date(runtime.clock.now()).toISOString(),
    };
    if (!missing.length) return c.json(answer);
    const message = `Could not get some ${table.type} objects, they may be deleted or not exist. Check that ids are valid.`;
    return c.json(
      {
        ...answer,
        numErrors: 1,
        errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message, context: { ids: missing } }],
      },
      207,
    );
  });
}
