/**
 * An account's owner as people read it: the HubSpot owner id of its company, resolved through
 * `hubspot_owners` (the owners stream) to a name and email. An id the stream has not read (a
 * token without `crm.objects.owners.read`, a sync not run yet) keeps its id alone.
 */

/** Who owns an account: HubSpot's owner id, with the person's name and email when known. */
export interface AccountOwner {
  id: string;
  /** First and last name; null when HubSpot has neither (or the owner is unknown). */
  name: string | null;
  email: string | null;
}

/**
 * The columns `accountOwner` reads, from `hubspot_owners` joined as `alias`.
 *
 * @example
 * `SELECT c.owner_id, ${ownerColumns('o')} FROM companies c
 *  LEFT JOIN hubspot_owners o ON o.tenant_id = c.tenant_id AND o.hubspot_owner_id = c.owner_id`
 */
export const ownerColumns = (alias: string) =>
  `${alias}.email AS owner_email, ${alias}.first_name AS owner_first_name, ${alias}.last_name AS owner_last_name`;

/** The owner of a row read with `ownerColumns`, or null when the company has no owner id. */
export function accountOwner(
  ownerId: string | null | undefined,
  row: Record<string, unknown>,
): AccountOwner | null {
  if (!ownerId) return null;
  const parts = [row.owner_first_name, row.owner_last_name]
    .map((p) => (typeof p === 'string' ? p.trim() : ''))
    .filter(Boolean);
  return {
    id: ownerId,
    name: parts.length ? parts.join(' ') : null,
    email: typeof row.owner_email === 'string' && row.owner_email ? row.owner_email : null,
  };
}
