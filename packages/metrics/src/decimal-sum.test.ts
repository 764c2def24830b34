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

  it('sums a million values (it once spread them into Math.max and overflowed the stack)', () => {
    expect(decimalSum(Array.from({ length: 1_000_000 }, () => 0.1))).toBe(100_000);
    expect(decimalSum(Array.from({ length: 1_000_000 }, (_, i) => i))).toBe(499_999_500_000);
    expect(decimalSum(Array.from({ length: 1_000_000 }, (_, i) => (i % 2 ? 0.25 : 1e-3)))).toBe(125_500);
  });

  it('gives Infinity past the largest double (callers refuse it) and stays exact past 2^53', () => {
    expect(decimalSum([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.POSITIVE_INFINITY);
    // 2^53 + 1 is not a double: the exact total rounds once, to 2^53.
    expect(decimalSum([Number.MAX_SAFE_INTEGER, 2])).toBe(2 ** 53);
    expect(decimalSum([Number.MAX_SAFE_INTEGER, 3])).toBe(2 ** 53 + 2);
  });
});
