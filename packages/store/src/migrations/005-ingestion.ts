/**
 * The ingestion API (docs/ingestion.md): per-tenant API keys (only a SHA-256 hash of each secret is
 * kept), batches remembered by idempotency key, product usage per account per day, and the survey
 * tool an ingested answer came from.
 */
export const ingestion = `
CREATE TABLE api_keys (
  key_id text PRIMARY KEY,
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  secret_hash text NOT NULL,
  name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE ingest_batches (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  idempotency_key text NOT NULL,
  content_hash text NOT NULL,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, idempotency_key)
);

CREATE TABLE account_usage (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  company_id text NOT NULL,
  day date NOT NULL,
  active_users integer NOT NULL,
  licensed_seats integer NOT NULL,
  logins integer,
  feature_events jsonb,
  source text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, company_id, day)
);

ALTER TABLE survey_responses ADD COLUMN origin text;
`;
