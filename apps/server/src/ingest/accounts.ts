import type { Store } from '@csm/store';
import { type RowOrigin, rowError } from './batch-errors.ts';

/** A row naming its account by HubSpot company id or by domain. */
export interface AccountRef {
  accountId?: string | number | undefined;
  accountDomain?: string | undefined;
}

/**
 * The HubSpot company id of every row, in order; the first row naming no company of this tenant
 * refuses the batch. Another tenant's company answers exactly like one that does not exist, so a
 * key cannot probe which ids exist elsewhere.
 */
export async function resolveRowAccounts(
  store: Store,
  tenantId: number,
  rows: readonly { ref: AccountRef; origin: RowOrigin }[],
): Promise<string[]> {
  const ids = rows.flatMap((r) => (r.ref.accountId === undefined ? [] : [String(r.ref.accountId)]));
  const domains = rows.flatMap((r) =>
    r.ref.accountDomain === undefined ? [] : [r.ref.accountDomain.toLowerCase()],
  );
  const known = await store.ingest.resolveAccounts(tenantId, ids, domains);
  return rows.map(({ ref, origin }) => {
    if (ref.accountId !== undefined) {
      const id = String(ref.accountId);
      if (!known.ids.has(id)) throw rowError(origin, 'accountId', `no HubSpot company ${id} for this tenant`);
      return id;
    }
    const domain = (ref.accountDomain ?? '').toLowerCase();
    const id = known.domains.get(domain);
    if (id === undefined)
      throw rowError(origin, 'accountDomain', `no HubSpot company with domain ${domain} for this tenant`);
    return id;
  });
}
