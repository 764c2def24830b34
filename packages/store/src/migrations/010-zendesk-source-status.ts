/**
 * The Zendesk side of a tenant can be paused on its own (its credential revoked or expired) while
 * HubSpot keeps syncing: when and why, null while active. Reconnecting Zendesk clears it.
 */
export const zendeskSourceStatus = `
ALTER TABLE tenants ADD COLUMN zendesk_paused_at timestamptz;
ALTER TABLE tenants ADD COLUMN zendesk_paused_reason text;
`;
