import { hostname } from 'node:os';
import { addTestTenant, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { withSyncLease } from './sync-lease.ts';

forEachStore('sync lease', (getStore) => {
  it('lets one holder sync a tenant at a time; the other waits and runs after', async () => {
    const store = getStore();
    const tenant = await addTestTenant(store);
    const order: string[] = [];
    let release!: () => void;
    const first = withSyncLease(
      store,
      tenant.id,
      async () => {
        order.push('a starts');
        await new Promise<void>((r) => {
          release = r;
        });
        order.push('a ends');
      },
      { holder: 'host-a:1:x' },
    );
    await new Promise((r) => setTimeout(r, 50));
    let waited = false;
    const second = withSyncLease(store, tenant.id, async () => order.push('b runs'), {
      holder: 'host-b:1:y',
      pollMs: 20,
      onWait: () => {
        waited = true;
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual(['a starts']);
    release();
    await Promise.all([first, second]);
    expect(waited).toBe(true);
    expect(order).toEqual(['a starts', 'a ends', 'b runs']);
    expect(await store.syncLeases.holder(tenant.id)).toBeNull();
  });

  it('takes over an expired lease, and at once the lease of a killed process on this machine', async () => {
    const store = getStore();
    const tenant = await addTestTenant(store);
    expect(await store.syncLeases.acquire(tenant.id, 'elsewhere:7:z', 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.syncLeases.acquire(tenant.id, 'me:1:a', 60)).toBe(true);
    expect(await store.syncLeases.acquire(tenant.id, 'other:1:b', 60)).toBe(false);
    await store.syncLeases.release(tenant.id, 'me:1:a');
    // A live lease of a pid that does not exist here.
    await store.syncLeases.acquire(tenant.id, `${hostname()}:2147483646:dead`, 600);
    const ran = await withSyncLease(store, tenant.id, async () => 'ran', { holder: 'me:1:a', pollMs: 10 });
    expect(ran).toBe('ran');
  });

  it('stops waiting when aborted', async () => {
    const store = getStore();
    const tenant = await addTestTenant(store);
    await store.syncLeases.acquire(tenant.id, 'elsewhere:7:z', 600);
    const stop = new AbortController();
    const waiting = withSyncLease(store, tenant.id, async () => 'ran', {
      holder: 'me:1:a',
      pollMs: 10,
      signal: stop.signal,
    });
    stop.abort();
    expect(await waiting).toBeUndefined();
  });

  it('marks runs left running by a gone process failed: at once by the next holder, else when the lease lapses', async () => {
    const store = getStore();
    const [a, b, c] = [
      await addTestTenant(store, 'a', 1),
      await addTestTenant(store, 'b', 2),
      await addTestTenant(store, 'c', 3),
    ];
    // a: its holder died and its lease lapsed; b: a live lease elsewhere (still syncing); c: no lease at all.
    await store.syncLeases.acquire(a.id, 'elsewhere:7:z', 0);
    await store.syncLeases.acquire(b.id, 'elsewhere:8:y', 600);
    for (const t of [a, b, c]) await store.startSyncRun(t.id, 'hubspot', 'incremental');
    await new Promise((r) => setTimeout(r, 20));

    expect(await store.failLapsedSyncRuns()).toBe(2);
    const statusOf = async (tenantId: number) => (await store.lastSyncRuns(tenantId))[0]!;
    for (const t of [a, c]) {
      expect(await statusOf(t.id)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^interrupted/),
      });
      expect((await statusOf(t.id)).finishedAt).toBeInstanceOf(Date);
    }
    expect((await statusOf(b.id)).status).toBe('running');

    // b's holder is gone for good: the lease lapses, the next holder takes it and the run fails first.
    await store.syncLeases.acquire(b.id, 'elsewhere:8:y', 0);
    await new Promise((r) => setTimeout(r, 20));
    const seen = await withSyncLease(store, b.id, async () => (await statusOf(b.id)).status, {
      holder: 'me:1:a',
    });
    expect(seen).toBe('failed');
  });
});
