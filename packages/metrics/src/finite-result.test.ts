import { describe, expect, it } from 'vitest';
import { finiteOrNull, finiteResult, percentOf } from './finite-result.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('finite results', () => {
  it('passes finite numbers and null through', () => {
    expect(finiteResult(1.5, 'x')).toBe(1.5);
    expect(finiteOrNull(null, 'x')).toBeNull();
  });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])(
    'refuses %d naming the input',
    (v) => {
      expect(() => finiteResult(v, 'mrr')).toThrow(inputError('mrr'));
      expect(() => finiteOrNull(v, 'mrr')).toThrow(inputError('mrr'));
    },
  );
});

describe('percentOf', () => {
  it.each([
    [45, 50, 90],
    [1, 3, 100 / 3], // (1 x 100) / 3, one rounding: 33.333333333333336
    [5e306, 1e307, 50], // part x 100 overflows: divides first
  ])('%d of %d is %d %%', (part, whole, expected) => {
    expect(percentOf(part, whole, 'part')).toBe(expected);
  });

  it('refuses a percentage that is not finite', () => {
    expect(() => percentOf(1e308, 1e-300, 'part')).toThrow(inputError('part'));
  });
});
