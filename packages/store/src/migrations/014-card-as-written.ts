/**
 * The stored card keeps the text it was written with (`json`, not `jsonb`): a card request sends
 * it as stored, in the documented field order, without parsing it again (jsonb sorts keys). Cards
 * stored before this change keep jsonb's order until the next refresh writes them again.
 */
export const cardAsWritten = `
ALTER TABLE account_metrics ALTER COLUMN card TYPE json USING card::json;
`;
