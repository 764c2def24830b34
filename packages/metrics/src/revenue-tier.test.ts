import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revenueTier } from './revenue-tier.ts';

describe('revenueTier', () => {
  it.each([
    [null, null],
    [0, null],
    [0.01, 'smb'],
    [999.99, 'smb'],
    [1000, 'mid-market'],
    [4999.99, 'mid-market'],
    [5000, 'enterprise'],
    [1e9, 'enterprise'],
  ] as const)('MRR %s is %s', (mrr, tier) => {
    expect(revenueTier(mrr)).toBe(tier);
  });

  it('refuses a negative or non-finite MRR', () => {
    expect(() => revenueTier(-1)).toThrow(expect.objectContaining({ field: 'mrr' }));
    expect(() => revenueTier(Number.POSITIVE_INFINITY)).toThrow(expect.objectContaining({ field: 'mrr' }));
  });

  it('never lowers the tier as MRR grows', () => {
    const rank = { smb: 1, 'mid-market': 2, enterprise: 3 } as const;
    const r = (m: number) => {
      const t = revenueTier(m);
      return t === null ? 0 : rank[t];
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (a, b) => {
          expect(r(Math.min(a, b))).toBeLessThanOrEqual(r(Math.max(a, b)));
        },
      ),
    );
  });
});
