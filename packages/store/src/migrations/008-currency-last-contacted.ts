/**
 * Money and recency from HubSpot: the portal's company currency on the tenant (read from
 * `/account-info/v3/details`), each deal's own currency (`deal_currency_code`), and a company's
 * `notes_last_contacted` (its last call, email or meeting: the health score's recency signal).
 */
export const currencyLastContacted = `
ALTER TABLE tenants ADD COLUMN currency text;
ALTER TABLE companies ADD COLUMN notes_last_contacted timestamptz;
ALTER TABLE deals ADD COLUMN currency text;
`;
