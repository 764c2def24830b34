import { describe, expect, it } from 'vitest';
import { responseTimes } from './response-times.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('responseTimes', () => {
  it('interpolates percentiles between closest ranks (numpy default)', () => {
    // sorted 10 20 30 40 50; median rank 0.5 x 4 = 2 -> 30; p90 rank 0.9 x 4 = 3.6 -> 40 + 0.6 x 10 = 46
    // mean 150 / 5 = 30
    const r = responseTimes([50, 10, 40, 20, 30]);
    expect(r.median).toBe(30);
    expect(r.p90).toBeCloseTo(46, 12);
    expect(r.mean).toBe(30);
    expect(r.count).toBe(5);
  });

  it('averages the middle pair for an even count', () => {
    // sorted 1 2 3 4; median rank 1.5 -> 2 + 0.5 x 1 = 2.5; p90 rank 2.7 -> 3 + 0.7 x 1 = 3.7; mean 2.5
    const r = responseTimes([4, 1, 3, 2]);
    expect(r.median).toBe(2.5);
    expect(r.p90).toBeCloseTo(3.7, 12);
    expect(r.mean).toBe(2.5);
  });

  it('returns the value itself for a single response', () => {
    expect(responseTimes([7])).toEqual({ median: 7, p90: 7, mean: 7, count: 1 });
  });

  it('gives nulls without values', () => {
    expect(responseTimes([])).toEqual({ median: null, p90: null, mean: null, count: 0 });
  });

  it('rejects negative or non-finite durations', () => {
    expect(() => responseTimes([3, -1])).toThrow(inputError('minutes[1]'));
    expect(() => responseTimes([Number.POSITIVE_INFINITY])).toThrow(inputError('minutes[0]'));
  });
});
