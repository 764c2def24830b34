import type { Store } from '@csm/store';
import { type AccountCard, accountCardSchema } from './contract/card.ts';
import { type AccountReport, accountReportSchema } from './contract/report.ts';
import { allCards, computeCards, tenantCardContext } from './tenant-cards.ts';

/** A stored card in its documented field order (jsonb sorts keys). */
export const parseStoredCard = (stored: unknown): AccountCard => accountCardSchema.parse(stored);

/**
 * Whether a stored card still holds: computed after the tenant's settings last changed (a changed
 * model or window is answered at once, before the refresh it starts has caught up).
 */
export const storedCardHolds = (computedAt: Date, settingsChangedAt: Date | null) =>
  !settingsChangedAt || computedAt.getTime() >= settingsChangedAt.getTime();

/**
 * One account's card: the stored one while it holds, else computed now with the tenant's settings
 * (before the first refresh, or right after a settings change). Null for an unknown account.
 */
export async function readAccountCard(
  store: Store,
  tenantId: number,
  companyId: string,
  now = new Date(),
): Promise<AccountCard | null> {
  // The store reads a card stored before the last settings change as missing.
  const stored = await store.accountMetrics.card(tenantId, companyId);
  // Validated when the refresh wrote it (refresh.ts): not parsed against the schema again.
  if (stored) return stored.card as AccountCard;
  const [card] = await computeCards(store, tenantId, [companyId], now);
  return card ?? null;
}

/**
 * Every account's `csm report` element. Without `now`: the stored elements when every account has
 * one, no change awaits a refresh and none predates the last settings change (so report and cards
 * answer the same values), else computed afresh. With `now`: computed at that instant.
 */
export async function tenantReport(store: Store, tenantId: number, now?: Date): Promise<AccountReport[]> {
  if (!now) {
    const [stored, companies, pending, settings] = await Promise.all([
      store.accountMetrics.reports(tenantId),
      store.countRecords(tenantId, 'companies'),
      store.touched.pending(tenantId),
      store.settings.read(tenantId),
    ]);
    const current =
      stored.count === companies &&
      stored.oldest !== null &&
      !pending &&
      storedCardHolds(stored.oldest, settings.changedAt);
    if (current) return stored.reports.map((r) => accountReportSchema.parse(r));
  }
  const ctx = await tenantCardContext(store, tenantId, now ?? new Date());
  const reports: AccountReport[] = [];
  for await (const cards of allCards(store, ctx)) reports.push(...cards.map((c) => c.account));
  return reports;
}
