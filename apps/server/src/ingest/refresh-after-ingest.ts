import type { Store } from '@csm/store';
import { type Logger, refreshAccountMetrics } from '@csm/sync';

/**
 * Per account, license utilization (active users / licensed seats x 100) on its latest day of
 * ingested usage: the `licenseUtilization` reader that `refreshAccountMetrics` takes.
 *
 * @example
 * await refreshAccountMetrics({ store, tenantId, licenseUtilization: licenseUtilizationReader(store, tenantId) });
 */
export function licenseUtilizationReader(store: Store, tenantId: number) {
  return async (companyIds: readonly string[]): Promise<Map<string, number>> => {
    const latest = await store.usage.latest(tenantId, companyIds);
    const out = new Map<string, number>();
    for (const [id, u] of latest) if (u.licenseUtilization !== null) out.set(id, u.licenseUtilization);
    return out;
  };
}

interface Lane {
  running: Promise<void>;
  again: boolean;
}

/**
 * Recomputes a tenant's stored account figures (what the cards and `csm report` serve) after an
 * ingestion batch, in the background so that the answer does not wait for a whole portfolio: one
 * refresh at a time per tenant, and batches arriving meanwhile coalesce into one more.
 */
export class IngestRefresher {
  readonly #lanes = new Map<number, Lane>();
  constructor(private readonly deps: { store: Store; logger: Logger; now: () => Date }) {}

  /** Asks for a refresh of the tenant's figures; returns at once. */
  schedule(tenantId: number): void {
    const lane = this.#lanes.get(tenantId);
    if (lane) {
      lane.again = true;
      return;
    }
    const fresh: Lane = { running: Promise.resolve(), again: false };
    fresh.running = this.#run(tenantId, fresh);
    this.#lanes.set(tenantId, fresh);
  }

  /** Resolves when no refresh is running or pending (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#lanes.size) await Promise.all([...this.#lanes.values()].map((l) => l.running));
  }

  async #run(tenantId: number, lane: Lane): Promise<void> {
    const { store, logger, now } = this.deps;
    try {
      do {
        lane.again = false;
        try {
          await refreshAccountMetrics({
            store,
            tenantId,
            now: now(),
            logger,
            licenseUtilization: licenseUtilizationReader(store, tenantId),
          });
        } catch (error) {
          logger.error(
            { tenantId, err: error instanceof Error ? error.message : String(error) },
            'refresh after ingestion failed; the next sync refreshes the figures',
          );
        }
      } while (lane.again);
    } finally {
      this.#lanes.delete(tenantId);
    }
  }
}

const refreshers = new WeakMap<Store, IngestRefresher>();

/** The one refresher of a store (so that tests and shutdown can wait for it). */
export function ingestRefresher(deps: { store: Store; logger: Logger; now: () => Date }): IngestRefresher {
  let refresher = refreshers.get(deps.store);
  if (!refresher) {
    refresher = new IngestRefresher(deps);
    refreshers.set(deps.store, refresher);
  }
  return refresher;
}
