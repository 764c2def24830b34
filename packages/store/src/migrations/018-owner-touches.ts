import { captureSql } from './013-touched-keys.ts';

/**
 * Cards name their account's owner: an owner renamed (or given another email) in HubSpot touches
 * the companies it owns, as the other fact tables' changes touch theirs (013-touched-keys.ts).
 * The index serves that lookup from owner to companies.
 */
export const ownerTouches = `
CREATE INDEX companies_owner ON companies (tenant_id, owner_id) WHERE owner_id IS NOT NULL;
${captureSql({ table: 'hubspot_owners', keys: [['owner', 'r.hubspot_owner_id']] })}
`;
