import { describe, expect, it } from 'vitest';
import { mean, percentile } from './stats.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('percentile', () => {
  it('matches numpy / PERCENTILE.INC', () => {
    // [15, 20, 35, 40, 50]: p40 rank 0.4 x 4 = 1.6 -> 20 + 0.6 x 15 = 29
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 12);
    expect(percentile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(percentile([15, 20, 35, 40, 50], 100)).toBe(50);
    expect(percentile([], 50)).toBeNull();
  });

  it('rejects a percentile outside 0-100', () => {
    expect(() => percentile([1], 101)).toThrow(inputError('p'));
  });
});

describe('mean', () => {
  it('is null for no values', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2])).toBe(1.5);
  });
});
