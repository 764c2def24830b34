/**
 * Tenant settings beside the health model: the windows of the windowed figures (docs/metrics.md,
 * "Windows"), and when an admin last changed either, so that cards computed before the change are
 * recomputed on read until the refresh catches up.
 */
export const tenantSettings = `
ALTER TABLE tenant_settings ADD COLUMN windows jsonb;
ALTER TABLE tenant_settings ADD COLUMN settings_changed_at timestamptz;
`;
