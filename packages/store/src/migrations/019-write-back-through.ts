/**
 * How far HubSpot write-back has compared the stored cards with what it wrote: the next one reads
 * only cards stored since (less an overlap), not every account of the portal after each sync.
 */
export const writeBackThrough = `
ALTER TABLE tenant_settings ADD COLUMN write_back_through timestamptz;
CREATE INDEX account_metrics_computed ON account_metrics (tenant_id, computed_at);
`;
