/**
 * The HubSpot app's lifecycle per tenant (when it was last installed and uninstalled: an
 * uninstalled tenant is paused, and deleted once its grace period has passed) and the offset of
 * HubSpot's webhooks journal the server has read up to (one journal for the whole app).
 */
export const appLifecycle = `
ALTER TABLE tenants ADD COLUMN installed_at timestamptz;
ALTER TABLE tenants ADD COLUMN uninstalled_at timestamptz;
CREATE INDEX tenants_uninstalled ON tenants (uninstalled_at) WHERE uninstalled_at IS NOT NULL;

CREATE TABLE hubspot_journal (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  current_offset text NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now()
);
`;
