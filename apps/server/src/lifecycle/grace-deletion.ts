import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';

const DAY_MS = 86_400_000;

/**
 * Deletes every tenant whose app was uninstalled `graceDays` or more before `now` and not
 * installed again: all of its rows, in every table, and the tenant itself. Returns their names.
 *
 * @example
 * await deleteLapsedTenants({ store, logger }, 30, new Date()); // ['portal-4012345']
 */
export async function deleteLapsedTenants(
  deps: { store: Store; logger: Logger },
  graceDays: number,
  now: Date,
): Promise<string[]> {
  const deleted: string[] = [];
  for (const lapsed of await deps.store.lifecycle.uninstalledBefore(
    new Date(now.getTime() - graceDays * DAY_MS),
  )) {
    const done = await deps.store.lifecycle.deleteTenant(lapsed.id);
    if (!done) continue;
    deleted.push(done.tenant);
    deps.logger.warn(
      { tenant: done.tenant, uninstalledAt: lapsed.uninstalledAt, rows: done.rows },
      'uninstalled tenant deleted after its grace period',
    );
  }
  return deleted;
}
