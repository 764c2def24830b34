/** Small helpers shared by the HubSpot routes. */

import type { Runtime, SandboxContext } from '../runtime/runtime.ts';
import type { HubTable } from '../state/hub-table.ts';
import type { HubSpotObjectType } from '../state/model.ts';
import { missingScope } from './auth.ts';
import { hubspotError } from './errors.ts';
import { objectScope, resolveType } from './object-types.ts';

/** `?properties=a,b&properties=c` -> ['a', 'b', 'c']; null when absent. */
export function listParam(c: SandboxContext, name: string): string[] | null {
  const values = c.req.queries(name);
  if (!values) return null;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Resolves `:type` and checks the token's scope for it; returns the table or the error answer. */
export function objectTable(
  c: SandboxContext,
  runtime: Runtime,
  param: string | undefined,
  access: 'read' | 'write',
): { table: HubTable } | { error: Response } {
  const type = resolveType(param);
  if (!type) {
    return {
      error: hubspotError(c, runtime, 400, 'VALIDATION_ERROR', `Unable to infer object type from: ${param}`),
    };
  }
  if (access === 'write' && type === 'feedback_submissions') {
    return { error: hubspotError(c, runtime, 403, 'MISSING_SCOPES', 'Feedback submissions are read-only.') };
  }
  const denied = missingScope(c, runtime, objectScope(type, access));
  if (denied) return { error: denied };
  return { table: runtime.state.hubspot.tables[type] };
}

export function associationTypes(
  c: SandboxContext,
  from: HubSpotObjectType,
): HubSpotObjectType[] | { bad: string } {
  const names = listParam(c, 'associations') ?? [];
  const types: HubSpotObjectType[] = [];
  for (const name of names) {
    const type = resolveType(name);
    if (!type) return { bad: name };
    if (type !== from && !types.includes(type)) types.push(type);
  }
  return types;
}

/** The URL of the next page: the request's own URL under the public base, with `after` replaced. */
export function nextLink(c: SandboxContext, base: string, subPath: string, after: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('after', after);
  return `${base}${subPath}?${url.searchParams.toString()}`;
}
