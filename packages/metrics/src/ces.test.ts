import { describe, expect, it } from 'vitest';
import { ces } from './ces.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('ces', () => {
  it('gives the mean and the share of easy answers (>= 5 of 1-7)', () => {
    // mean (7 + 6 + 5 + 4 + 1 + 7) / 6 = 30 / 6 = 5; easy: 7, 6, 5, 7 = 4 of 6 = 66.66…
    const r = ces([7, 6, 5, 4, 1, 7]);
    expect(r.mean).toBe(5);
    expect(r.easyShare).toBeCloseTo(200 / 3, 12);
    expect(r.responses).toBe(6);
  });

  it('supports another scale and cut-off', () => {
    // 1-5 scale, easy from 4: 5, 4 easy of 4 answers = 50; mean (5 + 4 + 3 + 2) / 4 = 3.5
    expect(ces([5, 4, 3, 2], { scale: { min: 1, max: 5 }, easyAtLeast: 4 })).toEqual({
      mean: 3.5,
      easyShare: 50,
      responses: 4,
    });
  });

  it('gives nulls without answers', () => {
    expect(ces([])).toEqual({ mean: null, easyShare: null, responses: 0 });
  });

  it('rejects answers off the scale or not whole', () => {
    expect(() => ces([7, 8])).toThrow(inputError('scores[1]'));
    expect(() => ces([4.5])).toThrow(inputError('scores[0]'));
    expect(() => ces([3], { easyAtLeast: 9 })).toThrow(inputError('options.easyAtLeast'));
  });

  it('refuses a custom scale without its cut-off, and unknown options', () => {
    expect(() => ces([5, 4], { scale: { min: 1, max: 5 } })).toThrow(inputError('options.easyAtLeast'));
    expect(ces([5, 4], { scale: { min: 1, max: 7 } }).easyShare).toBe(50);
    expect(() => ces([5], { easy: 5 } as never)).toThrow(inputError('options.easy'));
  });
});
