/**
 * A refresh writes only the cards that changed: each stored card keeps a hash of its content (all
 * but `computedAt`) to compare with, and its health components (the daily snapshot is copied from
 * this row, in SQL, whether the card changed or not). The tenant's `cards_refreshed_at` says when
 * every card was last checked, so an unchanged card is as fresh as the last refresh. Snapshots
 * drop the `report` copy that nothing reads (history and trends read score, band and components).
 * Rows written before this change have no hash: the next refresh writes them all once.
 */
export const unchangedCards = `
ALTER TABLE account_metrics ADD COLUMN card_hash text, ADD COLUMN components jsonb;
ALTER TABLE account_snapshots DROP COLUMN report;
ALTER TABLE tenant_settings ADD COLUMN cards_refreshed_at timestamptz;
`;
