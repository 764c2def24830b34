/**
 * HubSpot owners (the users records are assigned to), read whole on every sync: an account's
 * `companies.owner_id` resolves to a name and email here. Archived owners (deactivated users) are
 * kept: they may still own companies.
 */
export const hubspotOwners = `
CREATE TABLE hubspot_owners (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  hubspot_owner_id text NOT NULL,
  email text,
  first_name text,
  last_name text,
  archived boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, hubspot_owner_id)
);
`;
