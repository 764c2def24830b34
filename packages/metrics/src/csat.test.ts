import { describe, expect, it } from 'vitest';
import { csat } from './csat.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('csat', () => {
  it('counts 4 and 5 as positive on the default 1-5 scale', () => {
    // 5, 4, 4 positive; 3, 2 not: 3 / 5 x 100 = 60
    expect(csat([5, 4, 4, 3, 2])).toEqual({ score: 60, positive: 3, responses: 5 });
  });

  it("reads Zendesk's good / bad and skips offered / unoffered", () => {
    // good, good, good positive; bad not; offered and unoffered are not answers: 3 / 4 x 100 = 75
    expect(csat(['good', 'bad', 'offered', 'good', 'unoffered', 'good'])).toEqual({
      score: 75,
      positive: 3,
      responses: 4,
    });
  });

  it("handles HubSpot's 3-point survey with scale 0-2 and positiveAtLeast 2", () => {
    // happy (2) x 2, neutral (1), unhappy (0): 2 / 4 x 100 = 50
    expect(csat([2, 1, 2, 0], { scale: { min: 0, max: 2 }, positiveAtLeast: 2 })).toEqual({
      score: 50,
      positive: 2,
      responses: 4,
    });
  });

  it('honours a custom cut-off and allows fractional answers on the scale', () => {
    // 1-10 scale, positive from 8: 9.5 and 8 positive of 3: 66.66…
    const r = csat([9.5, 8, 7], { scale: { min: 1, max: 10 }, positiveAtLeast: 8 });
    expect(r.positive).toBe(2);
    expect(r.score).toBeCloseTo(200 / 3, 12);
  });

  it('gives a null score without answers', () => {
    expect(csat([])).toEqual({ score: null, positive: 0, responses: 0 });
    expect(csat(['offered', 'unoffered'])).toEqual({ score: null, positive: 0, responses: 0 });
  });

  it('rejects answers off the scale, unknown words and bad options', () => {
    expect(() => csat([5, 6])).toThrow(inputError('ratings[1]'));
    expect(() => csat([0])).toThrow(inputError('ratings[0]'));
    expect(() => csat([5, 'great' as 'good'])).toThrow(inputError('ratings[1]'));
    expect(() => csat([1], { scale: { min: 0, max: 2 } })).toThrow(inputError('options.positiveAtLeast'));
    expect(() => csat([1], { scale: { min: 1, max: 5, step: 1 } as never })).toThrow(
      inputError('options.scale.step'),
    );
    expect(() => csat([1], { positiveAtleast: 4 } as never)).toThrow(inputError('options.positiveAtleast'));
    expect(() => csat([1], { scale: { min: 3, max: 3 } })).toThrow(inputError('options.scale.max'));
  });

  it('refuses a custom scale without its cut-off (1-10 answers were all positive from 4)', () => {
    expect(() => csat([10, 9, 8, 7, 4], { scale: { min: 1, max: 10 } })).toThrow(
      inputError('options.positiveAtLeast'),
    );
    expect(csat([10, 9, 8, 7, 4], { scale: { min: 1, max: 10 }, positiveAtLeast: 8 }).score).toBe(60);
    // The default scale spelt out keeps its default cut-off.
    expect(csat([5, 3], { scale: { min: 1, max: 5 } }).score).toBe(50);
  });
});
