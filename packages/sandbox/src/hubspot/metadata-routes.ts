/**
 * Account details, owners, and property definitions (list, create, groups). Created properties and
 * groups are remembered and become valid in writes and searches; the writes are logged.
 * https://developers.hubspot.com/docs/api/settings/account-information-api
 * https://developers.hubspot.com/docs/api/crm/owners
 * https://developers.hubspot.com/docs/api/crm/properties
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime, SandboxContext, SandboxEnv } from '../runtime/runtime.ts';
import { apiPath, publicBase } from '../runtime/runtime.ts';
import { missingScope } from './auth.ts';
import { hubspotError, readJson, validationError, zodValidationError } from './errors.ts';
import { OWNERS_SCOPE, resolveType, schemaScope } from './object-types.ts';
import type { PropertyType } from './property-catalog.ts';
import { nextLink } from './request.ts';
import { ownerJson } from './shapes.ts';

const ownersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().regex(/^\d+$/).optional(),
  email: z.string().optional(),
  archived: z.enum(['true', 'false']).default('false'),
});

const name = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and underscores, starting with a letter');
const propertyBody = z.object({
  name,
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']),
  fieldType: z.string().min(1),
  groupName: z.string().min(1),
  description: z.string().default(''),
  options: z
    .array(
      z.object({
        label: z.string(),
        value: z.string(),
        displayOrder: z.number().int().default(0),
        hidden: z.boolean().default(false),
      }),
    )
    .default([]),
  displayOrder: z.number().int().default(-1),
  hasUniqueValue: z.boolean().default(false),
  hidden: z.boolean().default(false),
  formField: z.boolean().default(false),
});
const groupBody = z.object({ name, label: z.string().min(1), displayOrder: z.number().int().default(-1) });

export function metadataRoutes(app: Hono<SandboxEnv>, runtime: Runtime): void {
  const { state } = runtime;
  const log = (path: string, body: unknown) =>
    state.writes.push({ api: 'hubspot', method: 'POST', path, body, at: runtime.clock.now() });

  app.get('/account-info/v3/details', (c) =>
    c.json({
      portalId: state.hubspot.portalId,
      accountType: 'STANDARD',
      timeZone: 'Etc/UTC',
      companyCurrency: state.hubspot.companyCurrency,
      additionalCurrencies: [],
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    }),
  );

  // The SDK calls `/crm/v3/owners/`; HubSpot answers both spellings.
  const listOwners = (c: SandboxContext) => {
    const denied = missingScope(c, runtime, OWNERS_SCOPE);
    if (denied) return denied;
    const query = ownersQuery.safeParse(c.req.query());
    if (!query.success) return zodValidationError(c, runtime, query.error, 'query');
    // `archived=true` lists only the archived (deactivated) owners, as HubSpot's does.
    const archived = query.data.archived === 'true';
    const email = query.data.email?.toLowerCase();
    const owners = state.hubspot.owners.filter(
      (o) => o.archived === archived && (!email || o.email === email),
    );
    const start = Number(query.data.after ?? 0);
    const page = owners.slice(start, start + query.data.limit);
    const results = page.map(ownerJson);
    const next = start + page.length;
    if (next >= owners.length) return c.json({ results });
    const after = String(next);
    const link = nextLink(c, publicBase(c, 'hubspot'), apiPath(c, 'hubspot'), after);
    return c.json({ results, paging: { next: { after, link } } });
  };
  app.get('/crm/v3/owners', listOwners);
  app.get('/crm/v3/owners/', listOwners);

  app.get('/crm/v3/properties/:type', (c) => {
    const type = resolveType(c.req.param('type'));
    if (!type) return validationError(c, runtime, `Unable to infer object type from: ${c.req.param('type')}`);
    return (
      missingScope(c, runtime, schemaScope(type, 'read')) ??
      c.json({ results: state.hubspot.catalog.list(type) })
    );
  });

  app.get('/crm/v3/properties/:type/groups', (c) => {
    const type = resolveType(c.req.param('type'));
    if (!type) return validationError(c, runtime, `Unable to infer object type from: ${c.req.param('type')}`);
    return (
      missingScope(c, runtime, schemaScope(type, 'read')) ??
      c.json({ results: state.hubspot.catalog.listGroups(type) })
    );
  });

  app.post('/crm/v3/properties/:type/groups', async (c) => {
    const type = resolveType(c.req.param('type'));
    if (!type) return validationError(c, runtime, `Unable to infer object type from: ${c.req.param('type')}`);
    const denied = missingScope(c, runtime, schemaScope(type, 'write'));
    if (denied) return denied;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = groupBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    if (state.hubspot.catalog.hasGroup(type, body.data.name)) {
      return hubspotError(
        c,
        runtime,
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property group named ${body.data.name} already exists.`,
      );
    }
    const group = { ...body.data, archived: false as const };
    state.hubspot.catalog.addGroup(type, group);
    log(apiPath(c, 'hubspot'), json.value);
    return c.json(group, 201);
  });

  app.post('/crm/v3/properties/:type', async (c) => {
    const type = resolveType(c.req.param('type'));
    if (!type) return validationError(c, runtime, `Unable to infer object type from: ${c.req.param('type')}`);
    const denied = missingScope(c, runtime, schemaScope(type, 'write'));
    if (denied) return denied;
    const json = await readJson(c);
    if (!json.ok) return validationError(c, runtime, json.message);
    const body = propertyBody.safeParse(json.value);
    if (!body.success) return zodValidationError(c, runtime, body.error, 'body');
    const { catalog } = state.hubspot;
    if (catalog.has(type, body.data.name)) {
      return hubspotError(
        c,
        runtime,
        409,
        'OBJECT_ALREADY_EXISTS',
        `Property named '${body.data.name}' already exists.`,
      );
    }
    if (!catalog.hasGroup(type, body.data.groupName)) {
      return validationError(c, runtime, `Property group ${body.data.groupName} does not exist.`);
    }
    const now = new Date(runtime.clock.now()).toISOString();
    const definition = {
      ...body.data,
      type: body.data.type as PropertyType,
      calculated: false,
      externalOptions: false,
      createdAt: now,
      updatedAt: now,
      archived: false as const,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    };
    catalog.add(type, definition);
    log(apiPath(c, 'hubspot'), json.value);
    return c.json(definition, 201);
  });
}
