/**
 * HubSpot API shapes built from the compact rows: `{ id, properties, createdAt, updatedAt,
 * archived, associations? }`, every property value a string or null, timestamps ISO 8601 with
 * milliseconds. https://developers.hubspot.com/docs/api/crm/understanding-the-crm
 */
import { isoMs } from '../clock.ts';
import type { HubTable } from '../state/hub-table.ts';
import type { HubRow, HubSpotObjectType, OwnerRow, Props } from '../state/model.ts';
import type { HubSpotState } from '../state/state.ts';
import { inlineEntries, linksOf } from './associations.ts';

export interface HubSpotObjectJson {
  id: string;
  properties: Props;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

/** https://developers.hubspot.com/docs/api-reference/latest/crm/owners/get-owners */
export interface HubSpotOwnerJson {
  id: string;
  email: string;
  type: 'PERSON';
  firstName: string;
  lastName: string;
  /** Absent for a deactivated user; `userIdIncludingInactive` keeps it. */
  userId?: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** Returned when a request names no `properties` (HubSpot's defaults per object). */
const DEFAULT_PROPERTIES: Record<HubSpotObjectType, readonly string[]> = {
  companies: ['name', 'domain'],
  contacts: ['email', 'firstname', 'lastname'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate'],
  tickets: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority'],
  feedback_submissions: ['hs_survey_type', 'hs_value', 'hs_submission_timestamp'],
  tasks: ['hs_task_subject', 'hs_task_body', 'hs_timestamp', 'hs_task_status'],
};

/** A property's value, derived ones (`hs_object_id`, dates) included; undefined when unset. */
export function propertyValue(table: HubTable, row: HubRow, name: string): string | null | undefined {
  switch (name) {
    case 'hs_object_id':
      return String(row.id);
    case 'createdate':
      return isoMs(row.created);
    case 'hs_createdate':
      return table.type === 'feedback_submissions' ? isoMs(row.created) : row.p[name];
    case table.modifiedProp:
      return isoMs(row.updated);
    default:
      return row.p[name];
  }
}

/** Every property of a record (the raw view `sandbox.data` offers). */
export function allProperties(table: HubTable, row: HubRow): Props {
  const props: Props = {
    hs_object_id: String(row.id),
    createdate: isoMs(row.created),
    [table.modifiedProp]: isoMs(row.updated),
  };
  if (table.type === 'feedback_submissions') props.hs_createdate = props.createdate ?? null;
  for (const [key, value] of Object.entries(row.p)) props[key] = value;
  return props;
}

/**
 * The properties a request asked for: named ones that the portal defines (null when unset;
 * unknown names are left out, as HubSpot does), plus `hs_object_id`, `createdate` and the
 * modification date, which HubSpot always returns.
 */
export function selectProperties(
  state: HubSpotState,
  table: HubTable,
  row: HubRow,
  requested: readonly string[] | null,
): Props {
  const props: Props = {};
  const names = requested ?? DEFAULT_PROPERTIES[table.type];
  for (const name of names) {
    if (!state.catalog.has(table.type, name)) continue;
    props[name] = propertyValue(table, row, name) ?? null;
  }
  props.hs_object_id = String(row.id);
  props.createdate = isoMs(row.created);
  props[table.modifiedProp] = isoMs(row.updated);
  return props;
}

export function objectJson(
  state: HubSpotState,
  table: HubTable,
  row: HubRow,
  properties: Props,
  associationTypes: readonly HubSpotObjectType[] = [],
): HubSpotObjectJson {
  const json: HubSpotObjectJson = {
    id: String(row.id),
    properties,
    createdAt: isoMs(row.created),
    updatedAt: isoMs(row.updated),
    archived: false,
  };
  const associations: NonNullable<HubSpotObjectJson['associations']> = {};
  for (const to of associationTypes) {
    const results = inlineEntries(table.type, to, linksOf(state, table.type, row, to));
    // HubSpot leaves out the key of an association type a record has none of.
    if (results.length) associations[to] = { results };
  }
  if (Object.keys(associations).length) json.associations = associations;
  return json;
}

/** The raw, complete record: every property and every association the sandbox knows. */
export function fullObjectJson(state: HubSpotState, table: HubTable, row: HubRow): HubSpotObjectJson {
  const related: HubSpotObjectType[] = table.type === 'companies' ? [] : ['companies', 'contacts'];
  return objectJson(
    state,
    table,
    row,
    allProperties(table, row),
    related.filter((t) => t !== table.type),
  );
}

export function ownerJson(owner: OwnerRow): HubSpotOwnerJson {
  return {
    id: String(owner.id),
    email: owner.email,
    type: 'PERSON',
    firstName: owner.firstName,
    lastName: owner.lastName,
    ...(owner.archived ? {} : { userId: owner.userId }),
    userIdIncludingInactive: owner.userId,
    createdAt: isoMs(owner.created),
    updatedAt: isoMs(owner.updated),
    archived: owner.archived,
  };
}
