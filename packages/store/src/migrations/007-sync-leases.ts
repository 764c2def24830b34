/**
 * One active sync per tenant across every process that shares the database: a lease with an
 * expiry, renewed while the sync runs, so a crashed holder's lease lapses on its own.
 */
export const syncLeases = `
CREATE TABLE sync_leases (
  tenant_id bigint PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);
`;
