/**
 * Object type names in paths (`companies`, `company`, `0-2`, ...) and the scope each operation needs.
 * https://developers.hubspot.com/docs/api/crm/understanding-the-crm#object-type-ids
 */
import { HUBSPOT_OBJECT_TYPES, type HubSpotObjectType } from '../state/model.ts';

const ALIASES: Record<string, HubSpotObjectType> = {
  company: 'companies',
  '0-2': 'companies',
  contact: 'contacts',
  '0-1': 'contacts',
  deal: 'deals',
  '0-3': 'deals',
  ticket: 'tickets',
  '0-5': 'tickets',
  feedback_submission: 'feedback_submissions',
  feedback_submissions: 'feedback_submissions',
  '0-19': 'feedback_submissions',
  task: 'tasks',
  '0-27': 'tasks',
};

export function resolveType(name: string | undefined): HubSpotObjectType | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  if ((HUBSPOT_OBJECT_TYPES as readonly string[]).includes(lower)) return lower as HubSpotObjectType;
  return ALIASES[lower];
}

/**
 * Scopes an OAuth token needs. Tasks have no entry (the sandbox does not check them); feedback
 * submissions are read-only. https://developers.hubspot.com/docs/api/scopes
 */
const OBJECT_SCOPES: Record<HubSpotObjectType, { read?: string; write?: string }> = {
  companies: { read: 'crm.objects.companies.read', write: 'crm.objects.companies.write' },
  contacts: { read: 'crm.objects.contacts.read', write: 'crm.objects.contacts.write' },
  deals: { read: 'crm.objects.deals.read', write: 'crm.objects.deals.write' },
  tickets: { read: 'tickets', write: 'tickets' },
  feedback_submissions: { read: 'crm.objects.feedback_submissions.read' },
  tasks: {},
};

export function objectScope(type: HubSpotObjectType, access: 'read' | 'write'): string | undefined {
  return OBJECT_SCOPES[type][access];
}

/** Property definitions: `crm.schemas.{type}.read|write` for the three core objects. */
export function schemaScope(type: HubSpotObjectType, access: 'read' | 'write'): string | undefined {
  return type === 'companies' || type === 'contacts' || type === 'deals'
    ? `crm.schemas.${type}.${access}`
    : undefined;
}

export const OWNERS_SCOPE = 'crm.objects.owners.read';
