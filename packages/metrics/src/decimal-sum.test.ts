import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalSum } from './decimal-sum.ts';

describe('decimalSum', () => {
  it('sums the decimals numbers print as', () => {
    expect(decimalSum([0.1, 0.2])).toBe(0.3); // float: 0.30000000000000004
    expect(decimalSum([100, -40.5])).toBe(59.5);
    expect(decimalSum([1e21, 1])).toBe(1e21 + 1);
    expect(decimalSum([1.5e-7, 2.5e-7])).toBe(4e-7);
    expect(decimalSum([0.1, -0.1])).toBe(0);
    expect(Object.is(decimalSum([-0]), 0)).toBe(true);
    expect(decimalSum([])).toBe(0);
  });

  it('equals the float sum for safe integers, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (xs) => {
        expect(decimalSum(xs)).toBe(xs.reduce((a, b) => a + b, 0));
        expect(decimalSum([...xs].reverse())).toBe(decimalSum(xs));
      }),
    );
  });
});
