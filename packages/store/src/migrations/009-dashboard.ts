/**
 * The dashboard: every saved version of a tenant's settings (health model and windows) with who
 * saved it, and the ids of dashboard sign-in links already used (each link opens one session).
 */
export const dashboard = `
CREATE TABLE settings_versions (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  version integer NOT NULL,
  settings jsonb NOT NULL,
  saved_by text NOT NULL,
  note text,
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version)
);

CREATE TABLE dashboard_link_uses (
  jti text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX dashboard_link_uses_expiry ON dashboard_link_uses (expires_at);
`;
