/**
 * HubSpot write-back and playbooks: the property values last written per
 * company (so a sync writes only what changed), each tenant's playbook rules and evaluation marks,
 * and the playbook events that fired. An event's key is unique per (tenant, rule, company, event):
 * a run inserts the row before it creates the HubSpot task, so two racing runs create one task.
 */
export const writeBackPlaybooks = `
CREATE TABLE company_property_writes (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  company_id text NOT NULL,
  properties jsonb NOT NULL,
  written_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, company_id)
);

CREATE TABLE playbook_settings (
  tenant_id bigint PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  rules jsonb,
  baseline_at timestamptz,
  evaluated_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE playbook_events (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  rule_id text NOT NULL,
  company_id text NOT NULL,
  event_key text NOT NULL,
  day date NOT NULL,
  status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'created')),
  claim text NOT NULL,
  subject text NOT NULL,
  task_id text,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz,
  PRIMARY KEY (tenant_id, rule_id, company_id, event_key)
);
CREATE INDEX playbook_events_day ON playbook_events (tenant_id, rule_id, company_id, day);
`;
