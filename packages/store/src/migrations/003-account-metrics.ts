/**
 * Per-account figures computed after each sync (a card request reads one row), one snapshot per
 * account per day (history and the 30-day trend), and per-tenant settings (the health model).
 */
export const accountMetrics = `
CREATE TABLE account_metrics (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  company_id text NOT NULL,
  health_score double precision,
  health_band text,
  card jsonb NOT NULL,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, company_id)
);
CREATE INDEX account_metrics_band ON account_metrics (tenant_id, health_band);

CREATE TABLE account_snapshots (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  company_id text NOT NULL,
  day date NOT NULL,
  health_score double precision,
  health_band text,
  components jsonb NOT NULL,
  report jsonb NOT NULL,
  PRIMARY KEY (tenant_id, company_id, day)
);

CREATE TABLE tenant_settings (
  tenant_id bigint PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  health_model jsonb,
  coverage jsonb,
  coverage_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
