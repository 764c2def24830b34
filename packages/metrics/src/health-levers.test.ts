import { describe, expect, it } from 'vitest';
import { healthLevers } from './health-levers.ts';
import { healthScore } from './health-score.ts';

describe('healthLevers', () => {
  it('gives each component its gain and names the largest', () => {
    const result = healthScore({ csat: 75, fcr: 80 });
    const levers = healthLevers(result);
    // csat scores 50 of weight 10/15, fcr 100 of weight 5/15.
    expect(levers.components.map((c) => [c.key, c.gain])).toEqual([
      ['csat', expect.closeTo((50 * 10) / 15, 9)],
      ['fcr', 0],
    ]);
    expect(levers.biggestLever).toBe('csat');
  });

  it('names no lever when every component scores 100, and none without components', () => {
    expect(healthLevers(healthScore({ csat: 95, fcr: 90 })).biggestLever).toBeNull();
    expect(healthLevers({ components: [] })).toEqual({ components: [], biggestLever: null });
  });
});
