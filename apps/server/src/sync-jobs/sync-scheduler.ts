import type { Store, Tenant } from '@csm/store';
import { type Logger, withSyncLease } from '@csm/sync';

export interface SyncRequest {
  tenantId: number;
  /** Re-read everything (install, reconnect); default incremental. */
  full?: boolean;
  /** Stream names to run (a webhook names what changed); default every stream. */
  only?: readonly string[];
  /** Why, for the logs: `install`, `webhook`, `schedule`, `api`. */
  reason: string;
}

/** Runs one sync of a tenant (the sync engine, then whatever must follow it). */
export type RunTenantSync = (tenant: Tenant, request: Omit<SyncRequest, 'tenantId'>) => Promise<unknown>;

interface TenantLane {
  running: Promise<void>;
  /** The request merged from everything enqueued while running, run once afterwards. */
  pending: {
    full: boolean;
    only: Set<string> | null;
    reasons: Set<string>;
    done: Promise<void>;
    resolve: () => void;
  } | null;
}

/**
 * The in-process job queue of the embedded mode: one active sync per tenant; requests that arrive
 * while one runs are merged into a single follow-up run (a burst of 100 webhooks costs one sync,
 * not 100), so duplicate and out-of-order notifications are harmless.
 *
 * @example
 * const scheduler = new SyncScheduler({ store, run });
 * await scheduler.enqueue({ tenantId: 1, only: ['hubspot.companies'], reason: 'webhook' });
 */
export class SyncScheduler {
  readonly #lanes = new Map<number, TenantLane>();
  #closed = false;
  readonly #stopping = new AbortController();

  constructor(private readonly deps: { store: Store; run: RunTenantSync; logger?: Logger }) {}

  /** Schedules a sync; resolves when a run that covers this request has finished (successfully or not). */
  enqueue(request: SyncRequest): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const lane = this.#lanes.get(request.tenantId);
    if (!lane) {
      return this.#start(request.tenantId, {
        full: request.full ?? false,
        only: request.only ? new Set(request.only) : null,
        reasons: new Set([request.reason]),
      });
    }
    if (!lane.pending) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => {
        resolve = r;
      });
      lane.pending = { full: false, only: new Set(), reasons: new Set(), done, resolve };
    }
    const p = lane.pending;
    p.full ||= request.full ?? false;
    if (!request.only) p.only = null;
    else if (p.only) for (const s of request.only) p.only.add(s);
    p.reasons.add(request.reason);
    return p.done;
  }

  /** Resolves once no sync runs or waits. */
  async idle(): Promise<void> {
    while (this.#lanes.size) await Promise.all([...this.#lanes.values()].map((l) => l.running));
  }

  /** Stops taking requests and waits for the running syncs (pending follow-ups are dropped). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopping.abort();
    for (const lane of this.#lanes.values()) {
      lane.pending?.resolve();
      lane.pending = null;
    }
    await this.idle();
  }

  #start(
    tenantId: number,
    request: { full: boolean; only: Set<string> | null; reasons: Set<string> },
  ): Promise<void> {
    const lane: TenantLane = { running: Promise.resolve(), pending: null };
    this.#lanes.set(tenantId, lane);
    lane.running = this.#drain(tenantId, lane, request).finally(() => this.#lanes.delete(tenantId));
    return lane.running;
  }

  async #drain(
    tenantId: number,
    lane: TenantLane,
    first: { full: boolean; only: Set<string> | null; reasons: Set<string> },
  ): Promise<void> {
    await this.#runOnce(tenantId, first);
    while (lane.pending && !this.#closed) {
      const pending = lane.pending;
      lane.pending = null;
      await this.#runOnce(tenantId, pending).finally(() => pending.resolve());
    }
  }

  async #runOnce(
    tenantId: number,
    request: { full: boolean; only: Set<string> | null; reasons: Set<string> },
  ): Promise<void> {
    try {
      const tenant = await this.deps.store.tenants.getById(tenantId);
      if (tenant?.status !== 'active') return;
      // Another process on the same database may be syncing this tenant: wait for it, then run.
      await withSyncLease(
        this.deps.store,
        tenantId,
        () =>
          this.deps.run(tenant, {
            full: request.full,
            ...(request.only ? { only: [...request.only] } : {}),
            reason: [...request.reasons].join(','),
          }),
        {
          signal: this.#stopping.signal,
          onWait: () =>
            this.deps.logger?.info({ tenantId }, 'another process is syncing this tenant; waiting'),
        },
      );
    } catch (error) {
      this.deps.logger?.error(
        { tenantId, err: error instanceof Error ? error.message : String(error) },
        'scheduled sync failed',
      );
    }
  }
}
