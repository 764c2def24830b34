import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrAt } from './mrr-at.ts';
import { mrrChange } from './mrr-change.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });
const now = '2024-04-01T00:00:00Z'; // 90 days earlier: 2024-01-02T00:00:00Z

describe('mrrChange', () => {
  it.each([
    ['flat', [{ mrr: 1000, start: '2023-01-01', end: null }], 0],
    [
      'upsell in the window',
      [
        { mrr: 1000, start: '2023-01-01', end: null },
        { mrr: 100, start: '2024-03-01', end: null },
      ],
      10,
    ],
    [
      'downgrade',
      [
        { mrr: 1000, start: '2023-01-01', end: '2024-02-01' },
        { mrr: 750, start: '2024-02-01', end: null },
      ],
      -25,
    ],
    ['all lost', [{ mrr: 1000, start: '2023-01-01', end: '2024-03-01' }], -100],
    ['ends exactly at now: lost', [{ mrr: 1000, start: '2023-01-01', end: now }], -100],
    ['starts exactly at then: counted then', [{ mrr: 1000, start: '2024-01-02T00:00:00Z', end: null }], 0],
    ['no MRR then: growth from nothing', [{ mrr: 1000, start: '2024-02-01', end: null }], null],
    ['no subscriptions', [], null],
  ])('%s', (_label, subs, expected) => {
    expect(mrrChange(subs, now)).toBe(expected);
  });

  it('takes another look-back', () => {
    const subs = [
      { mrr: 1000, start: '2023-01-01', end: null },
      { mrr: 500, start: '2024-03-15', end: null },
    ];
    expect(mrrChange(subs, now, 30)).toBe(50);
    expect(mrrChange(subs, now, 10)).toBe(0);
  });

  it('refuses a bad look-back or instant, and an infinite result', () => {
    expect(() => mrrChange([], now, 0)).toThrow(inputError('days'));
    expect(() => mrrChange([], 'today')).toThrow(inputError('now'));
    const subs = [
      { mrr: Number.MIN_VALUE, start: '2023-01-01', end: null },
      { mrr: Number.MAX_VALUE, start: '2024-03-01', end: null },
    ];
    expect(() => mrrChange(subs, now)).toThrow(inputError('subscriptions'));
  });

  it('is the percent change between mrrAt then and now, null exactly when there was nothing then', () => {
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000);
    const sub = fc.record({
      mrr: fc.integer({ min: 1, max: 10_000 }),
      start: fc.integer({ min: 0, max: 300 }),
      length: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(sub, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 200 }),
        (list, nowDay, days) => {
          const subs = list.map((s) => ({
            mrr: s.mrr,
            start: day(s.start),
            end: s.length === null ? null : day(s.start + s.length),
          }));
          const then = mrrAt(subs, day(nowDay - days))!;
          const now = mrrAt(subs, day(nowDay))!;
          const r = mrrChange(subs, day(nowDay), days);
          if (then === 0) expect(r).toBeNull();
          else {
            expect(r).toBe(((now - then) * 100) / then);
            expect(r).toBeGreaterThanOrEqual(-100);
          }
        },
      ),
    );
  });
});
