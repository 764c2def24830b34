/**
 * Changes to HubSpot records, shared by the write endpoints and `sandbox.mutate`. Every change
 * takes the next HubSpot data-clock stamp (the sandbox clock's now, and later than anything before)
 * as `hs_lastmodifieddate` (contacts: `lastmodifieddate`), so an incremental search sees it.
 */
import { emitHubSpotChange } from '../state/hubspot-changes.ts';
import type { HubRow, HubSpotObjectType, Links, Props } from '../state/model.ts';
import type { SandboxState } from '../state/state.ts';

export class RecordError extends Error {
  constructor(
    message: string,
    readonly code: 'not_found' | 'invalid',
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

const READ_ONLY = new Set([
  'hs_object_id',
  'createdate',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'hs_createdate',
]);

/** Property values as HubSpot stores them (strings), or the problems with them. */
export function checkProperties(
  state: SandboxState,
  type: HubSpotObjectType,
  input: Record<string, unknown>,
): { properties: Props; problems: string[] } {
  const properties: Props = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    if (!state.hubspot.catalog.has(type, name)) problems.push(`Property "${name}" does not exist`);
    else if (READ_ONLY.has(name)) problems.push(`Property "${name}" is read-only`);
    else if (value === null || value === '') properties[name] = value === null ? null : '';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      properties[name] = String(value);
    else problems.push(`Property "${name}" must be a string, number or boolean`);
  }
  return { properties, problems };
}

function requireRow(state: SandboxState, type: HubSpotObjectType, id: number | string): HubRow {
  const row = state.hubspot.tables[type].byId.get(Number(id));
  if (!row) throw new RecordError(`${type} ${id} does not exist`, 'not_found');
  return row;
}

/** A contact's `associatedcompanyid` is its primary company association: keep both in step. */
function syncPrimaryCompany(row: HubRow, value: string | null): void {
  const current = row.links?.companies;
  const others = (current?.ids ?? []).filter((_id, k) => !(k === 0 && current?.primary));
  const next = value ? Number(value) : null;
  const ids = next === null ? others : [next, ...others.filter((id) => id !== next)];
  row.links ??= {};
  if (ids.length) row.links.companies = { ids, primary: next !== null };
  else delete row.links.companies;
}

export function updateRecord(
  state: SandboxState,
  type: HubSpotObjectType,
  id: number | string,
  properties: Props,
): HubRow {
  const table = state.hubspot.tables[type];
  const row = requireRow(state, type, id);
  const stamp = state.dataClock.hubspot.next();
  table.touch(row, (r) => {
    r.p = { ...r.p, ...properties };
    if (type === 'contacts' && 'associatedcompanyid' in properties)
      syncPrimaryCompany(r, properties.associatedcompanyid ?? null);
    r.updated = stamp;
  });
  emitHubSpotChange(state, { kind: 'propertyChange', type, id: row.id, at: stamp, properties });
  return row;
}

export function createRecord(
  state: SandboxState,
  type: HubSpotObjectType,
  properties: Props,
  links?: Links,
): HubRow {
  const table = state.hubspot.tables[type];
  const stamp = state.dataClock.hubspot.next();
  const row: HubRow = { id: table.allocateId(), created: stamp, updated: stamp, p: { ...properties } };
  if (links && Object.keys(links).length) row.links = links;
  if (type === 'contacts' && properties.associatedcompanyid)
    syncPrimaryCompany(row, properties.associatedcompanyid);
  table.add(row);
  emitHubSpotChange(state, { kind: 'creation', type, id: row.id, at: stamp });
  return row;
}

/** Deletes (archives) a record: the API no longer returns it; the deletion is a webhook event. */
export function deleteRecord(state: SandboxState, type: HubSpotObjectType, id: number | string): void {
  const row = requireRow(state, type, id);
  const stamp = state.dataClock.hubspot.next();
  state.hubspot.tables[type].remove(row);
  emitHubSpotChange(state, { kind: 'deletion', type, id: row.id, at: stamp });
}

/** Associates a record with more records (unlabeled), e.g. a deal with a second company. */
export function linkRecord(
  state: SandboxState,
  type: HubSpotObjectType,
  id: number | string,
  to: HubSpotObjectType,
  toId: number,
  primary = false,
): HubRow {
  const row = requireRow(state, type, id);
  requireRow(state, to, toId);
  const stamp = state.dataClock.hubspot.next();
  state.hubspot.tables[type].touch(row, (r) => {
    r.links ??= {};
    const link = r.links[to] ?? { ids: [], primary: false };
    const ids = link.ids.filter((x) => x !== toId);
    r.links[to] = primary
      ? { ids: [toId, ...ids], primary: true }
      : { ids: [...ids, toId], primary: link.primary && link.ids[0] !== toId };
    if (primary && type === 'contacts' && to === 'companies')
      r.p = { ...r.p, associatedcompanyid: String(toId) };
    r.updated = stamp;
  });
  emitHubSpotChange(state, { kind: 'associationChange', type, id: row.id, at: stamp, to, toId });
  return row;
}
