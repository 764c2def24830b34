import { runSync } from '@csm/server';
import { storeBackends } from '@csm/store/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { quietOut, snapshot, startHarness } from './harness.ts';

const SANDBOX = { seed: 23, companies: 400 } as const;

for (const backend of storeBackends()) {
  describe(`sync under faults on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('ends with the same store as a clean run despite 5xx, dropped connections and 429 bursts', async () => {
      const clean = await startHarness(backend, { ...SANDBOX, rateLimits: false });
      const faulty = await startHarness(backend, {
        ...SANDBOX,
        rateLimits: false,
        faults: {
          serverErrorRate: 0.1,
          dropRate: 0.05,
          rateLimitBurst: { every: 9, retryAfterSeconds: 1 },
          seed: 5,
        },
      });
      try {
        expect((await runSync(clean.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() })).ok).toBe(
          true,
        );
        const result = await runSync(faulty.ctx, 'acme', { full: true, budgetScale: 50, out: quietOut() });
        expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
        const stats = faulty.sandbox.stats();
        expect(stats.faultsInjected).toBeGreaterThan(5);
        expect(stats.overLimitAfter429).toBe(0);
        // Every fault met by the sync's own requests was retried. The write-back after the sync
        // (company batch updates, tasks) has a client of its own, whose retries the result does not count.
        const afterSync = Object.entries(stats.faultsByRoute)
          .filter(([route]) =>
            /^POST \/hubspot\/crm\/v3\/objects\/(companies\/batch\/update|tasks)$/.test(route),
          )
          .reduce((n, [, count]) => n + count, 0);
        expect(result.sources.reduce((n, s) => n + s.requests.retries, 0)).toBeGreaterThanOrEqual(
          stats.faultsInjected - afterSync,
        );
        expect(await snapshot(faulty.store, faulty.tenantId)).toEqual(
          await snapshot(clean.store, clean.tenantId),
        );
      } finally {
        await clean.close();
        await faulty.close();
      }
    });
  });
}

describe('rate limits', () => {
  it('sends no request inside an announced Retry-After and stays within the advertised limits', async () => {
    const [backend] = storeBackends();
    // The sandbox's real limits, with our client's budgets deliberately too generous so that the
    // sandbox answers 429s: what matters is what the client does after one.
    const h = await startHarness(backend!, {
      seed: 3,
      companies: 15,
      rateLimits: { scale: 0.5 },
      faults: { rateLimitBurst: { every: 4, retryAfterSeconds: 1 } },
    });
    try {
      const result = await runSync(h.ctx, 'acme', { full: true, budgetScale: 20, out: quietOut() });
      expect(result.ok, JSON.stringify(result.sources.map((s) => s.error))).toBe(true);
      const stats = h.sandbox.stats();
      expect(stats.rateLimited).toBeGreaterThan(0);
      expect(stats.overLimitAfter429).toBe(0);
    } finally {
      await h.close();
      await backend!.cleanup();
    }
  });
});
