import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRate, grr, nrr, quickRatio, revenueChurnRate } from './revenue-retention.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('churnRate', () => {
  it('is lost / atStart x 100', () => {
    // 3 / 200 x 100 = 1.5
    expect(churnRate({ atStart: 200, lost: 3 })).toBe(1.5);
    expect(churnRate({ atStart: 0, lost: 0 })).toBeNull();
  });

  it('rejects more lost than there were, and fractional counts', () => {
    expect(() => churnRate({ atStart: 2, lost: 3 })).toThrow(inputError('lost'));
    expect(() => churnRate({ atStart: 2.5, lost: 1 })).toThrow(inputError('atStart'));
  });
});

describe('revenueChurnRate', () => {
  it('is (contraction + churn) / startMrr x 100', () => {
    // (200 + 300) / 10000 x 100 = 5
    expect(revenueChurnRate({ startMrr: 10_000, contraction: 200, churn: 300 })).toBe(5);
    expect(revenueChurnRate({ startMrr: 0, contraction: 0, churn: 0 })).toBeNull();
    expect(() => revenueChurnRate({ startMrr: -1, contraction: 0, churn: 0 })).toThrow(
      inputError('startMrr'),
    );
  });
});

describe('nrr and grr', () => {
  it('computes net and gross retention', () => {
    // NRR (10000 + 1500 - 200 - 300) / 10000 x 100 = 11000 / 100 = 110
    expect(nrr({ startMrr: 10_000, expansion: 1_500, contraction: 200, churn: 300 })).toBe(110);
    // GRR (10000 - 200 - 300) / 10000 x 100 = 95
    expect(grr({ startMrr: 10_000, contraction: 200, churn: 300 })).toBe(95);
  });

  it('gives null for no starting MRR', () => {
    expect(nrr({ startMrr: 0, expansion: 100, contraction: 0, churn: 0 })).toBeNull();
    expect(grr({ startMrr: 0, contraction: 0, churn: 0 })).toBeNull();
  });

  it('refuses losses larger than the starting MRR (they gave negative retention), naming churn', () => {
    expect(() => nrr({ startMrr: 100, expansion: 50, contraction: 60, churn: 50 })).toThrow(
      inputError('churn'),
    );
    expect(() => grr({ startMrr: 100, contraction: 0, churn: 101 })).toThrow(inputError('churn'));
    expect(() => revenueChurnRate({ startMrr: 100, contraction: 80, churn: 21 })).toThrow(
      inputError('churn'),
    );
    // Losing exactly everything is allowed: retention 0 (NRR counts expansion on top).
    expect(grr({ startMrr: 100, contraction: 40, churn: 60 })).toBe(0);
    expect(nrr({ startMrr: 100, expansion: 10, contraction: 40, churn: 60 })).toBe(10);
    // Decimal amounts that add up to the start are everything, not a hair more.
    expect(grr({ startMrr: 0.3, contraction: 0.2, churn: 0.1 })).toBe(0);
    expect(revenueChurnRate({ startMrr: 0.3, contraction: 0.2, churn: 0.1 })).toBe(100);
  });

  it('refuses unknown fields and results that would not be finite', () => {
    expect(() => nrr({ startMrr: 100, expansion: 0, contraction: 0, churn: 0, newMrr: 5 } as never)).toThrow(
      inputError('newMrr'),
    );
    expect(() => nrr({ startMrr: 1e-300, expansion: 1e300, contraction: 0, churn: 0 })).toThrow(
      inputError('expansion'),
    );
    expect(() =>
      quickRatio({ new: 1e308, expansion: 0, reactivation: 0, contraction: 1e-300, churn: 0 }),
    ).toThrow(inputError('new'));
    // Huge but finite amounts still work: the percentage is taken dividing first.
    expect(revenueChurnRate({ startMrr: 1e307, contraction: 0, churn: 5e306 })).toBe(50);
  });

  it('rejects negative amounts', () => {
    expect(() => nrr({ startMrr: 100, expansion: -1, contraction: 0, churn: 0 })).toThrow(
      inputError('expansion'),
    );
    expect(() => grr({ startMrr: 100, contraction: 0, churn: Number.NaN })).toThrow(inputError('churn'));
  });

  it('differ by the expansion share: NRR - GRR = expansion / start x 100', () => {
    const money = fc.double({ min: 0, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        money,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (startMrr, expansion, f, split) => {
          // Losses within the start: contraction and churn split at most all of startMrr.
          const c = startMrr * f * split;
          const ch = Math.min(startMrr - c, startMrr * f * (1 - split));
          const n = nrr({ startMrr, expansion, contraction: c, churn: ch })!;
          const g = grr({ startMrr, contraction: c, churn: ch })!;
          const share = (expansion / startMrr) * 100;
          // Rounding error scales with the largest term of the sums, relative to start.
          const scale = ((startMrr + expansion + c + ch) / startMrr) * 100;
          expect(Math.abs(n - g - share)).toBeLessThanOrEqual(scale * 1e-12);
        },
      ),
    );
  });
});

describe('quickRatio', () => {
  it('is MRR gained over MRR lost', () => {
    // (3000 + 1000 + 0) / (500 + 500) = 4
    expect(quickRatio({ new: 3_000, expansion: 1_000, reactivation: 0, contraction: 500, churn: 500 })).toBe(
      4,
    );
    // (100 + 50 + 50) / (80 + 0) = 2.5
    expect(quickRatio({ new: 100, expansion: 50, reactivation: 50, contraction: 80, churn: 0 })).toBe(2.5);
  });

  it('is null when nothing was lost', () => {
    expect(quickRatio({ new: 100, expansion: 0, reactivation: 0, contraction: 0, churn: 0 })).toBeNull();
  });
});
