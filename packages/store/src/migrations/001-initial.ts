/** The first schema: tenants, the canonical records, links, cursors, runs and quarantine. */
export const initial = `
CREATE TABLE tenants (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  hubspot_portal_id bigint UNIQUE,
  zendesk_subdomain text,
  credentials text NOT NULL,
  zendesk_app_token text NOT NULL,
  zendesk_app_token_hash text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE companies (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  hubspot_company_id text NOT NULL,
  name text,
  domain text,
  owner_id text,
  created_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, hubspot_company_id)
);
CREATE INDEX companies_domain ON companies (tenant_id, domain);

CREATE TABLE contacts (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  hubspot_contact_id text NOT NULL,
  email text,
  primary_company_id text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, hubspot_contact_id)
);
CREATE INDEX contacts_email ON contacts (tenant_id, email);
CREATE INDEX contacts_company ON contacts (tenant_id, primary_company_id);

CREATE TABLE deals (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  hubspot_deal_id text NOT NULL,
  name text,
  amount double precision,
  mrr double precision,
  is_closed_won boolean NOT NULL,
  close_date timestamptz,
  contract_end_date timestamptz,
  company_id text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, hubspot_deal_id)
);
CREATE INDEX deals_company ON deals (tenant_id, company_id);

CREATE TABLE tickets (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source text NOT NULL,
  external_id text NOT NULL,
  subject text,
  status text NOT NULL,
  priority text,
  organization_id text,
  requester_id text,
  company_id text,
  contact_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  solved_at timestamptz,
  replies integer,
  reopens integer,
  first_reply_minutes double precision,
  full_resolution_minutes double precision,
  PRIMARY KEY (tenant_id, source, external_id)
);
CREATE INDEX tickets_organization ON tickets (tenant_id, organization_id);
CREATE INDEX tickets_requester ON tickets (tenant_id, requester_id);

CREATE TABLE survey_responses (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source text NOT NULL,
  external_id text NOT NULL,
  survey_type text NOT NULL,
  value double precision,
  rating text,
  scale_min double precision,
  scale_max double precision,
  contact_id text,
  zendesk_ticket_id text,
  company_id text,
  comment text,
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, source, external_id)
);
CREATE INDEX survey_responses_contact ON survey_responses (tenant_id, contact_id);
CREATE INDEX survey_responses_ticket ON survey_responses (tenant_id, zendesk_ticket_id);

CREATE TABLE zendesk_organizations (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  zendesk_org_id text NOT NULL,
  name text,
  domain_names text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, zendesk_org_id)
);

CREATE TABLE zendesk_users (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  zendesk_user_id text NOT NULL,
  email text,
  organization_id text,
  role text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, zendesk_user_id)
);

CREATE TABLE org_links (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  zendesk_org_id text NOT NULL,
  hubspot_company_id text NOT NULL,
  PRIMARY KEY (tenant_id, zendesk_org_id)
);

CREATE TABLE stream_cursors (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  stream text NOT NULL,
  cursor jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, stream)
);

CREATE TABLE sync_runs (
  id bigserial PRIMARY KEY,
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source text NOT NULL,
  mode text NOT NULL,
  status text NOT NULL DEFAULT 'running',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  stats jsonb,
  error text
);
CREATE INDEX sync_runs_tenant ON sync_runs (tenant_id, source, started_at DESC);

CREATE TABLE quarantine (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  stream text NOT NULL,
  external_id text NOT NULL,
  reason text NOT NULL,
  payload jsonb,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, stream, external_id)
);
`;
