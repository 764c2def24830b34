import { describe, expect, it } from 'vitest';
import { int, mixSeed, mulberry32, randomUuid, streamRng, weighted } from './random.ts';

describe('seeded randomness', () => {
  it('repeats for a seed and differs across seeds and streams', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(streamRng(1, 'company', 1)()).not.toBe(streamRng(1, 'company', 2)());
    expect(mixSeed(1, 'a')).not.toBe(mixSeed(1, 'b'));
    expect(randomUuid(mulberry32(1))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('draws integers in range and by weight', () => {
    const rng = mulberry32(7);
    const draws = Array.from({ length: 2000 }, () => int(rng, 1, 3));
    expect(new Set(draws)).toEqual(new Set([1, 2, 3]));
    const picks = Array.from({ length: 4000 }, () =>
      weighted(rng, [
        ['a', 3],
        ['b', 1],
      ] as const),
    );
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });
});
