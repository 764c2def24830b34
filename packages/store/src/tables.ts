import type { RecordKind } from './records.ts';

/** Where each kind of record lives: its table, key, and columns with their record fields. */
export interface TableSpec {
  table: string;
  key: readonly string[];
  /** [column, SQL type, record field] */
  columns: readonly (readonly [string, string, string])[];
  /** The column that orders versions of a row: an older version never overwrites a newer one. */
  version: string;
  /** The record field that names it in quarantine and coverage. */
  idField: string;
}

export const tables: Record<RecordKind, TableSpec> = {
  companies: {
    table: 'companies',
    key: ['hubspot_company_id'],
    columns: [
      ['hubspot_company_id', 'text', 'hubspotCompanyId'],
      ['name', 'text', 'name'],
      ['domain', 'text', 'domain'],
      ['owner_id', 'text', 'ownerId'],
      ['created_at', 'timestamptz', 'createdAt'],
      ['updated_at', 'timestamptz', 'updatedAt'],
      ['notes_last_contacted', 'timestamptz', 'notesLastContacted'],
    ],
    version: 'updated_at',
    idField: 'hubspotCompanyId',
  },
  contacts: {
    table: 'contacts',
    key: ['hubspot_contact_id'],
    columns: [
      ['hubspot_contact_id', 'text', 'hubspotContactId'],
      ['email', 'text', 'email'],
      ['primary_company_id', 'text', 'primaryCompanyId'],
      ['updated_at', 'timestamptz', 'updatedAt'],
    ],
    version: 'updated_at',
    idField: 'hubspotContactId',
  },
  deals: {
    table: 'deals',
    key: ['hubspot_deal_id'],
    columns: [
      ['hubspot_deal_id', 'text', 'hubspotDealId'],
      ['name', 'text', 'name'],
      ['amount', 'double precision', 'amount'],
      ['mrr', 'double precision', 'mrr'],
      ['is_closed_won', 'boolean', 'isClosedWon'],
      ['close_date', 'timestamptz', 'closeDate'],
      ['contract_end_date', 'timestamptz', 'contractEndDate'],
      ['company_id', 'text', 'companyId'],
      ['updated_at', 'timestamptz', 'updatedAt'],
      ['currency', 'text', 'currency'],
    ],
    version: 'updated_at',
    idField: 'hubspotDealId',
  },
  tickets: {
    table: 'tickets',
    key: ['source', 'external_id'],
    columns: [
      ['source', 'text', 'source'],
      ['external_id', 'text', 'externalId'],
      ['subject', 'text', 'subject'],
      ['status', 'text', 'status'],
      ['priority', 'text', 'priority'],
      ['organization_id', 'text', 'organizationId'],
      ['requester_id', 'text', 'requesterId'],
      ['company_id', 'text', 'companyId'],
      ['contact_id', 'text', 'contactId'],
      ['created_at', 'timestamptz', 'createdAt'],
      ['updated_at', 'timestamptz', 'updatedAt'],
      ['solved_at', 'timestamptz', 'solvedAt'],
      ['replies', 'integer', 'replies'],
      ['reopens', 'integer', 'reopens'],
      ['first_reply_minutes', 'double precision', 'firstReplyMinutes'],
      ['full_resolution_minutes', 'double precision', 'fullResolutionMinutes'],
    ],
    version: 'updated_at',
    idField: 'externalId',
  },
  surveyResponses: {
    table: 'survey_responses',
    key: ['source', 'external_id'],
    columns: [
      ['source', 'text', 'source'],
      ['external_id', 'text', 'externalId'],
      ['survey_type', 'text', 'surveyType'],
      ['value', 'double precision', 'value'],
      ['rating', 'text', 'rating'],
      ['scale_min', 'double precision', 'scaleMin'],
      ['scale_max', 'double precision', 'scaleMax'],
      ['contact_id', 'text', 'contactId'],
      ['zendesk_ticket_id', 'text', 'zendeskTicketId'],
      ['company_id', 'text', 'companyId'],
      ['comment', 'text', 'comment'],
      ['submitted_at', 'timestamptz', 'submittedAt'],
    ],
    version: 'submitted_at',
    idField: 'externalId',
  },
  owners: {
    table: 'hubspot_owners',
    key: ['hubspot_owner_id'],
    columns: [
      ['hubspot_owner_id', 'text', 'hubspotOwnerId'],
      ['email', 'text', 'email'],
      ['first_name', 'text', 'firstName'],
      ['last_name', 'text', 'lastName'],
      ['archived', 'boolean', 'archived'],
      ['updated_at', 'timestamptz', 'updatedAt'],
    ],
    version: 'updated_at',
    idField: 'hubspotOwnerId',
  },
  zendeskOrganizations: {
    table: 'zendesk_organizations',
    key: ['zendesk_org_id'],
    columns: [
      ['zendesk_org_id', 'text', 'zendeskOrgId'],
      ['name', 'text', 'name'],
      ['domain_names', 'text[]', 'domainNames'],
      ['updated_at', 'timestamptz', 'updatedAt'],
    ],
    version: 'updated_at',
    idField: 'zendeskOrgId',
  },
  zendeskUsers: {
    table: 'zendesk_users',
    key: ['zendesk_user_id'],
    columns: [
      ['zendesk_user_id', 'text', 'zendeskUserId'],
      ['email', 'text', 'email'],
      ['organization_id', 'text', 'organizationId'],
      ['role', 'text', 'role'],
      ['updated_at', 'timestamptz', 'updatedAt'],
    ],
    version: 'updated_at',
    idField: 'zendeskUserId',
  },
};

/**
 * One INSERT ... SELECT FROM jsonb_to_recordset ... ON CONFLICT per page and kind: `$1` the tenant,
 * `$2` the rows as a JSON array keyed by column. An older version never overwrites a newer one,
 * so pages may arrive twice or out of order; a row read again unchanged (a look-back window) is
 * not written at all, so it touches no card (migration 013). With `returning`, it returns the keys
 * of the rows it actually wrote.
 */
export function upsertSql(spec: TableSpec, returning = false): string {
  const cols = spec.columns.map(([c]) => c);
  const recordset = spec.columns.map(([c, type]) => `${c} ${type}`).join(', ');
  const changed = cols.filter((c) => !spec.key.includes(c));
  const updates = changed.map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${spec.table} (tenant_id, ${cols.join(', ')})
    SELECT $1, ${cols.map((c) => `x.${c}`).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS x(${recordset})
    ON CONFLICT (tenant_id, ${spec.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}
    WHERE excluded.${spec.version} > ${spec.table}.${spec.version}
      OR (excluded.${spec.version} = ${spec.table}.${spec.version}
        AND (${changed.map((c) => `${spec.table}.${c}`).join(', ')})
          IS DISTINCT FROM (${changed.map((c) => `excluded.${c}`).join(', ')}))
    ${returning ? `RETURNING ${spec.key.join(', ')}` : ''}`;
}

/** Reads rows back as canonical records (for tests, exports and the sandbox comparison). */
export function selectSql(spec: TableSpec): string {
  return `SELECT ${spec.columns.map(([c, , field]) => `${c} AS "${field}"`).join(', ')} FROM ${spec.table}
    WHERE tenant_id = $1 ORDER BY ${spec.key.join(', ')}`;
}
