import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { MetricInputError } from './errors.ts';
import { type NpsResult, nps } from './nps.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('nps', () => {
  it('counts promoters (9-10), passives (7-8) and detractors (0-6)', () => {
    // 10, 9, 9 promoters; 8, 7 passives; 6, 3, 0 detractors; 8 responses.
    // score = 3/8 - 3/8 = 0
    expect(nps([10, 9, 9, 8, 7, 6, 3, 0])).toEqual({
      score: 0,
      promoters: 3,
      passives: 2,
      detractors: 3,
      responses: 8,
    });
  });

  it('subtracts percentages without rounding', () => {
    // 2 promoters, 1 passive, 0 detractors of 3: 2/3 x 100 - 0 = 66.666…
    expect(nps([9, 10, 7]).score).toBeCloseTo(200 / 3, 12);
    // 1 promoter, 3 detractors of 4: 25 - 75 = -50
    expect(nps([10, 6, 5, 0]).score).toBe(-50);
    // All promoters: 100; all detractors: -100
    expect(nps([9, 9]).score).toBe(100);
    expect(nps([0, 6]).score).toBe(-100);
  });

  it('treats 6 as a detractor and 7 as a passive (the 0-10 standard, not the 1-10 "below 6" variant)', () => {
    expect(nps([6]).detractors).toBe(1);
    expect(nps([7]).passives).toBe(1);
  });

  it('gives a null score without responses', () => {
    expect(nps([])).toEqual({ score: null, promoters: 0, passives: 0, detractors: 0, responses: 0 });
  });

  it('rejects scores outside 0-10 or not whole, naming the element', () => {
    expect(() => nps([10, 9, 8, 11])).toThrow(inputError('scores[3]'));
    expect(() => nps([-1])).toThrow(inputError('scores[0]'));
    expect(() => nps([5, 7.5])).toThrow(inputError('scores[1]'));
    expect(() => nps([Number.NaN])).toThrow(inputError('scores[0]'));
    expect(() => nps('9' as unknown as number[])).toThrow(inputError('scores'));
    expect(() => nps([11])).toThrow(MetricInputError);
  });

  it('has a nullable score in its inferred result type', () => {
    expectTypeOf<NpsResult['score']>().toEqualTypeOf<number | null>();
    expectTypeOf(nps).returns.toEqualTypeOf<NpsResult>();
  });

  it('stays within -100..100 and is invariant under permutation', () => {
    const scores = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 200 });
    fc.assert(
      fc.property(
        scores.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          const a = nps(xs);
          const b = nps(shuffled);
          expect(b).toEqual(a);
          if (xs.length === 0) expect(a.score).toBeNull();
          else {
            expect(a.score).toBeGreaterThanOrEqual(-100);
            expect(a.score).toBeLessThanOrEqual(100);
          }
          expect(a.promoters + a.passives + a.detractors).toBe(a.responses);
        },
      ),
    );
  });
});
