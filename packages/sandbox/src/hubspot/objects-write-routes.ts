/**
 * Writing CRM objects: batch update (100 inputs, `{ id, properties }`) and create (tasks with an
 * association to a company, as the app's playbooks do). Accepted writes are logged for tests.
 * https://developers.hubspot.com/docs/api/crm/tasks
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { checkProperties, createRecord, updateRecord } from '../mutate/hubspot-records.ts';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { apiPath } from '../runtime/runtime.ts';
import type { Links } from '../state/model.ts';
import { targetOfTypeId } from './associations.ts';
import { readJson, validationError, zodValidationError } from './errors.ts';
import { objectTable } from './request.ts';
import { allProperties, objectJson } from './shapes.ts';

const propertyValues = z.record(z.string(), z.unknown());
const batchUpdate = z.object({
  inputs: z
    .array(
      z.object({
        id: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String),
        properties: propertyValues,
      }),
    )
    .min(1)
    .max(100, 'at most 100 inputs per batch'),
});
const create = z.object({
  properties: propertyValues,
  associations: z
    .array(
      z.object({
        to: z.object({ id: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number) }),
        types: z
          .array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() }))
          .min(1),
      }),
    )
    .default([]),
});

export function objectWriteRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { state } = runtime;
  const log = (method: string, path: string, body: unknown) =>
    state.writes.push({ api: 'hubspot', method, path, body, at: runtime.clock.now() });

  app.post('/crm/v3/objects/:type/batch/update', async (c) => {
    const found = objectTable(c, runtime, c.req.param('type'), 'write');
    if ('error' in found) return found.error;
    const { table } = found;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = batchUpdate.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'inputs');
    // Validate everything before writing anything: a refused batch changes nothing.
    const checked = body.data.inputs.map((input) => ({
      id: input.id,
      ...checkProperties(state, table.type, input.properties),
    }));
    const problems = checked.flatMap((i) => i.problems);
    if (problems.length) {
      return validationError(c, runtime, problems[0]!, {
        errors: problems.map((message) => ({ message, code: 'PROPERTY_DOESNT_EXIST' })),
      });
    }
    const startedAt = new Date(runtime.clock.now()).toISOString();
    const missing = checked.filter((i) => !table.byId.has(Number(i.id))).map((i) => i.id);
    const results = checked
      .filter((i) => table.byId.has(Number(i.id)))
      .map((i) => {
        const row = updateRecord(state, table.type, i.id, i.properties);
        return objectJson(state.hubspot, table, row, allProperties(table, row));
      });
    log('POST', apiPath(c, 'hubspot'), json.value);
    const answer = {
      status: 'COMPLETE',
      results,
      startedAt,
      completedAt: new Date(runtime.clock.now()).toISOString(),
    };
    if (!missing.length) return c.json(answer);
    return c.json(
      {
        ...answer,
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: `Could not find ${table.type}`,
            context: { ids: missing },
          },
        ],
      },
      207,
    );
  });

  app.post('/crm/v3/objects/:type', async (c) => {
    const found = objectTable(c, runtime, c.req.param('type'), 'write');
    if ('error' in found) return found.error;
    const { table } = found;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = create.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const { properties, problems } = checkProperties(state, table.type, body.data.properties);
    if (problems.length)
      return validationError(c, runtime, problems[0]!, { errors: problems.map((message) => ({ message })) });
    const links: Links = {};
    for (const association of body.data.associations) {
      const typeId = association.types[0]!.associationTypeId;
      const to = targetOfTypeId(table.type, typeId);
      if (!to)
        return validationError(c, runtime, `association type ${typeId} is not defined from ${table.type}`);
      if (!state.hubspot.tables[to].byId.has(association.to.id)) {
        return validationError(c, runtime, `${to} ${association.to.id} does not exist`);
      }
      const link = links[to] ?? { ids: [], primary: false };
      link.ids.push(association.to.id);
      links[to] = link;
    }
    const row = createRecord(state, table.type, properties, links);
    log('POST', apiPath(c, 'hubspot'), json.value);
    return c.json(objectJson(state.hubspot, table, row, allProperties(table, row)), 201);
  });
}
