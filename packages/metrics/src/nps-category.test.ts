import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nps } from './nps.ts';
import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN, npsCategory } from './nps-category.ts';

describe('npsCategory', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('%i is a %s', (score, category) => {
    expect(npsCategory(score)).toBe(category);
  });

  it('exports the cut-offs', () => {
    expect(NPS_DETRACTOR_MAX).toBe(6);
    expect(NPS_PROMOTER_MIN).toBe(9);
  });

  it.each([-1, 11, 6.5, Number.NaN])('refuses %d', (score) => {
    expect(() => npsCategory(score)).toThrow(expect.objectContaining({ field: 'score' }));
  });

  it('counts the way nps() does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 })), (scores) => {
        const r = nps(scores);
        const of = (c: string) => scores.filter((s) => npsCategory(s) === c).length;
        expect([of('promoter'), of('passive'), of('detractor')]).toEqual([
          r.promoters,
          r.passives,
          r.detractors,
        ]);
      }),
    );
  });
});
