import { describe, expect, it } from 'vitest';
import { healthTrend } from './health-trend.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('healthTrend', () => {
  it('reports the change and its direction', () => {
    // 72 - 65 = 7 up; 60 - 65 = -5 down; 65 - 65 = 0 flat
    expect(healthTrend(72, 65)).toEqual({ delta: 7, direction: 'up' });
    expect(healthTrend(60, 65)).toEqual({ delta: -5, direction: 'down' });
    expect(healthTrend(65, 65)).toEqual({ delta: 0, direction: 'flat' });
  });

  it('treats small changes as flat when asked', () => {
    // |64 - 65| = 1 <= 2 flat; |68 - 65| = 3 > 2 up
    expect(healthTrend(64, 65, { flatWithin: 2 })).toEqual({ delta: -1, direction: 'flat' });
    expect(healthTrend(68, 65, { flatWithin: 2 })).toEqual({ delta: 3, direction: 'up' });
  });

  it('is unknown, not flat, when either score is missing', () => {
    expect(healthTrend(72, null)).toEqual({ delta: null, direction: null });
    expect(healthTrend(null, 72)).toEqual({ delta: null, direction: null });
    expect(healthTrend(undefined, null)).toEqual({ delta: null, direction: null });
  });

  it('rejects scores outside 0-100', () => {
    expect(() => healthTrend(101, 50)).toThrow(inputError('current'));
    expect(() => healthTrend(50, -1)).toThrow(inputError('previous'));
    expect(() => healthTrend(50, 50, { flatWithin: -1 })).toThrow(inputError('options.flatWithin'));
  });
});
