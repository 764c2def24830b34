/**
 * Marketplace installs and webhooks (docs/installs-webhooks.md): ids of webhook deliveries already
 * handled (HubSpot `eventId`, Zendesk invocation id), so that a redelivery changes nothing, and
 * each tenant's Zendesk webhook signing secret (encrypted like credentials).
 */
export const installsWebhooks = `
CREATE TABLE webhook_events (
  tenant_id bigint NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source text NOT NULL,
  event_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source, event_id)
);
CREATE INDEX webhook_events_received ON webhook_events (received_at);

CREATE TABLE zendesk_webhooks (
  tenant_id bigint PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  webhook_id text,
  signing_secret text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
