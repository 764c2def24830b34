import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csat } from './csat.ts';
import { type CsatSourceAnswer, csatAcrossSources, positiveCutOff } from './csat-across-sources.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });
const rating = (r: 'good' | 'bad'): CsatSourceAnswer => ({
  value: null,
  rating: r,
  scaleMin: null,
  scaleMax: null,
});
const on = (value: number, scaleMin: number | null, scaleMax: number | null): CsatSourceAnswer => ({
  value,
  rating: null,
  scaleMin,
  scaleMax,
});

describe('positiveCutOff', () => {
  it.each([
    [1, 5, 4],
    [0, 2, 2],
    [1, 7, 6],
    [1, 10, 8],
    [0, 10, 8],
    [1, 3, 3],
  ])('scale %i-%i is positive from %i', (min, max, cut) => {
    expect(positiveCutOff(min, max)).toBe(cut);
  });
});

describe('csatAcrossSources', () => {
  it.each([
    ['no answers', [], { score: null, responses: 0, positive: 0, good: 0, bad: 0 }],
    [
      'Zendesk ratings',
      [rating('good'), rating('good'), rating('bad')],
      { score: 200 / 3, responses: 3, positive: 2, good: 2, bad: 1 },
    ],
    [
      'HubSpot 0-2: only happy',
      [on(2, 0, 2), on(1, 0, 2), on(0, 0, 2)],
      { score: 100 / 3, responses: 3, positive: 1, good: 0, bad: 0 },
    ],
    [
      '1-5 by default',
      [on(4, null, null), on(3, null, null)],
      { score: 50, responses: 2, positive: 1, good: 0, bad: 0 },
    ],
    [
      '1-7: 6 and 7',
      [on(7, 1, 7), on(6, 1, 7), on(5, 1, 7), on(1, 1, 7)],
      { score: 50, responses: 4, positive: 2, good: 0, bad: 0 },
    ],
    [
      'mixed sources in one share',
      [rating('good'), rating('bad'), on(2, 0, 2), on(5, 1, 7)],
      { score: 50, responses: 4, positive: 2, good: 1, bad: 1 },
    ],
    [
      'answers without value or rating are skipped',
      [on(5, 1, 5), { ...rating('good'), rating: null }],
      { score: 100, responses: 1, positive: 1, good: 0, bad: 0 },
    ],
  ] as const)('%s', (_label, answers, expected) => {
    expect(csatAcrossSources(answers)).toEqual(expected);
  });

  it.each([
    ['a value and a rating', [{ ...rating('good'), value: 5 }], 'answers[0].value'],
    ['one scale bound only', [on(1, 1, 5), on(3, null, 5)], 'answers[1].scaleMin'],
    ['a value off its scale', [on(8, 1, 7)], 'answers[0].value'],
    ['a value off the default scale', [on(0, null, null)], 'answers[0].value'],
    ['an empty scale', [on(3, 3, 3)], 'answers[0].scaleMax'],
    ['an unknown rating', [{ ...rating('good'), rating: 'offered' as never }], 'answers[0].rating'],
    ['an unknown field', [{ ...on(3, 1, 5), comment: 'ok' } as never], 'answers[0].comment'],
  ] as const)('refuses %s', (_label, answers, field) => {
    expect(() => csatAcrossSources(answers as never)).toThrow(inputError(field));
  });

  it('equals csat() with the top-quarter cut-off on a single scale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2, max: 3 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true })),
        (min, span, fractions) => {
          const max = min + span;
          const values = fractions.map((f) => min + f * span);
          const r = csatAcrossSources(values.map((v) => on(v, min, max)));
          const expected = csat(values, { scale: { min, max }, positiveAtLeast: positiveCutOff(min, max) });
          expect({ score: r.score, responses: r.responses, positive: r.positive }).toEqual(expected);
        },
      ),
    );
  });
});
