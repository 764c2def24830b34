/**
 * v4 associations: batch read (1,000 ids), one record's associations, and the labels of a pair.
 * Ids without associations come back as errors (`NO_ASSOCIATIONS_FOUND`) with status 207.
 * https://developers.hubspot.com/docs/api/crm/associations/associations-v4
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import type { HubSpotObjectType } from '../state/model.ts';
import { linksOf, typeIds, v4Types } from './associations.ts';
import { missingScope } from './auth.ts';
import { hubspotError, readJson, validationError, zodValidationError } from './errors.ts';
import { objectScope, resolveType } from './object-types.ts';

const batchRead = z.object({
  inputs: z
    .array(z.object({ id: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String) }))
    .min(1)
    .max(1000),
});

function pair(
  c: SandboxContext,
  runtime: Runtime,
): { from: HubSpotObjectType; to: HubSpotObjectType } | Response {
  const from = resolveType(c.req.param('from'));
  const to = resolveType(c.req.param('to'));
  if (!from || !to)
    return validationError(
      c,
      runtime,
      `Unable to infer object type from: ${!from ? c.req.param('from') : c.req.param('to')}`,
    );
  return missingScope(c, runtime, objectScope(from, 'read')) ?? { from, to };
}

export function associationRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { hubspot } = runtime.state;

  app.post('/crm/v4/associations/:from/:to/batch/read', async (c) => {
    const types = pair(c, runtime);
    if (types instanceof Response) return types;
    const { from, to } = types;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = batchRead.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'inputs');
    const startedAt = new Date(runtime.clock.now()).toISOString();
    const results = [];
    const errors = [];
    for (const { id } of body.data.inputs) {
      const row = hubspot.tables[from].byId.get(Number(id));
      const links = row ? linksOf(hubspot, from, row, to) : [];
      if (links.length) {
        results.push({
          from: { id },
          to: links.map((link) => ({ toObjectId: link.id, associationTypes: v4Types(from, to, link) })),
        });
      } else {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: row ? 'crm.associations.NO_ASSOCIATIONS_FOUND' : 'crm.associations.OBJECT_NOT_FOUND',
          message: row ? `No ${to} is associated with ${from} ${id}.` : `${from} ${id} does not exist.`,
          context: { fromObjectId: [id] },
        });
      }
    }
    const answer = {
      status: 'COMPLETE',
      results,
      startedAt,
      completedAt: new Date(runtime.clock.now()).toISOString(),
    };
    return errors.length ? c.json({ ...answer, numErrors: errors.length, errors }, 207) : c.json(answer);
  });

  app.get('/crm/v4/associations/:from/:to/labels', (c) => {
    const types = pair(c, runtime);
    if (types instanceof Response) return types;
    const ids = typeIds(types.from, types.to);
    if (!ids) return c.json({ results: [] });
    const results: { category: string; typeId: number; label: string | null }[] = [
      { category: 'HUBSPOT_DEFINED', typeId: ids.unlabeled, label: null },
    ];
    if (ids.primary !== undefined)
      results.push({ category: 'HUBSPOT_DEFINED', typeId: ids.primary, label: 'Primary' });
    return c.json({ results });
  });

  app.get('/crm/v4/objects/:from/:id/associations/:to', (c) => {
    const types = pair(c, runtime);
    if (types instanceof Response) return types;
    const { from, to } = types;
    const row = hubspot.tables[from].byId.get(Number(c.req.param('id')));
    if (!row)
      return hubspotError(
        c,
        runtime,
        404,
        'OBJECT_NOT_FOUND',
        `${from} ${c.req.param('id')} does not exist.`,
      );
    const results = linksOf(hubspot, from, row, to).map((link) => ({
      toObjectId: link.id,
      associationTypes: v4Types(from, to, link),
    }));
    return c.json({ results });
  });
}
