import { addTestTenant, forEachStore } from '@csm/store/test-utils';
import { expect, it, vi } from 'vitest';
import { type RunTenantSync, SyncScheduler } from './sync-scheduler.ts';

/** A run that records what it was asked and, until released, waits. */
function gatedRun() {
  const calls: { tenant: string; full: boolean; only: readonly string[] | null; reason: string }[] = [];
  let active = 0;
  let maxActive = 0;
  let holding = true;
  const gates: (() => void)[] = [];
  const run: RunTenantSync = async (tenant, request) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    calls.push({
      tenant: tenant.name,
      full: request.full ?? false,
      only: request.only ?? null,
      reason: request.reason,
    });
    if (holding) await new Promise<void>((resolve) => gates.push(resolve));
    active -= 1;
  };
  /** Lets every waiting run finish, and every later one run through. */
  const releaseAll = () => {
    holding = false;
    for (const g of gates.splice(0)) g();
  };
  return { run, calls, releaseAll, maxActive: () => maxActive };
}

forEachStore('sync scheduler', (getStore) => {
  it('runs one sync per tenant at a time and merges what arrives meanwhile into one follow-up run', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 1);
    const gated = gatedRun();
    const scheduler = new SyncScheduler({ store, run: gated.run });
    const first = scheduler.enqueue({ tenantId: acme.id, reason: 'install', full: true });
    await new Promise((r) => setTimeout(r, 20));
    // A burst of webhooks while the first sync runs: one follow-up covering all of them.
    const burst = [
      scheduler.enqueue({ tenantId: acme.id, only: ['hubspot.companies'], reason: 'webhook' }),
      scheduler.enqueue({ tenantId: acme.id, only: ['hubspot.deals'], reason: 'webhook' }),
      scheduler.enqueue({ tenantId: acme.id, only: ['hubspot.companies'], reason: 'webhook' }),
    ];
    gated.releaseAll();
    await Promise.all([first, ...burst]);
    expect(gated.calls).toEqual([
      { tenant: 'acme', full: true, only: null, reason: 'install' },
      { tenant: 'acme', full: false, only: ['hubspot.companies', 'hubspot.deals'], reason: 'webhook' },
    ]);
    expect(gated.maxActive()).toBe(1);
  });

  it('runs different tenants side by side, skips paused tenants, and stops taking work on close', async () => {
    const store = getStore();
    const a = await addTestTenant(store, 'a', 1);
    const b = await addTestTenant(store, 'b', 2);
    const c = await addTestTenant(store, 'c', 3);
    await store.tenants.setStatus(c.id, 'paused');
    const gated = gatedRun();
    const scheduler = new SyncScheduler({ store, run: gated.run });
    const runs = [a, b, c].map((t) => scheduler.enqueue({ tenantId: t.id, reason: 'schedule' }));
    // Both held at once (each takes its tenant's lease first: a few round trips on PostgreSQL).
    await vi.waitFor(() => expect(gated.maxActive()).toBe(2));
    gated.releaseAll();
    await Promise.all(runs);
    expect(gated.calls.map((x) => x.tenant).sort()).toEqual(['a', 'b']);
    await scheduler.close();
    await scheduler.enqueue({ tenantId: a.id, reason: 'late' });
    expect(gated.calls).toHaveLength(2);
  });

  it('a failing run is logged and does not block the next one', async () => {
    const store = getStore();
    const acme = await addTestTenant(store);
    const errors: string[] = [];
    let n = 0;
    const scheduler = new SyncScheduler({
      store,
      run: async () => {
        n += 1;
        if (n === 1) throw new Error('HubSpot is down');
      },
      logger: { error: (o: { err: string }) => errors.push(o.err) } as never,
    });
    await scheduler.enqueue({ tenantId: acme.id, reason: 'x' });
    await scheduler.enqueue({ tenantId: acme.id, reason: 'y' });
    expect(n).toBe(2);
    expect(errors).toEqual(['HubSpot is down']);
  });
});
