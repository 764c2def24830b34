import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import { refreshTenantFigures } from './refresh-figures.ts';

interface Lane {
  running: Promise<void>;
  again: boolean;
}

/**
 * Recomputes a tenant's stored account figures (what the cards and `csm report` serve) after an
 * ingestion batch or a settings change, in the background so that the answer does not wait for a
 * whole portfolio: one refresh at a time per tenant, and requests arriving meanwhile coalesce into
 * one more.
 */
export class BackgroundRefresher {
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
          await refreshTenantFigures({ store, logger, now }, tenantId);
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

const refreshers = new WeakMap<Store, BackgroundRefresher>();

/** The one refresher of a store (so that tests and shutdown can wait for it). */
export function backgroundRefresher(deps: {
  store: Store;
  logger: Logger;
  now: () => Date;
}): BackgroundRefresher {
  let refresher = refreshers.get(deps.store);
  if (!refresher) {
    refresher = new BackgroundRefresher(deps);
    refreshers.set(deps.store, refresher);
  }
  return refresher;
}
