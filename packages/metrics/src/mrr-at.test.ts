import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrAt } from './mrr-at.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });
const subs = [
  { mrr: 100, start: '2024-01-01', end: '2024-04-01' },
  { mrr: 50.5, start: '2024-04-01', end: null },
  { mrr: 0.1, start: '2024-02-15T12:00:00Z' },
  { mrr: 0.2, start: '2024-02-15T12:00:00Z', end: '2024-05-01' },
];

describe('mrrAt', () => {
  it.each([
    ['before anything started', '2023-12-31T23:59:59.999Z', 0],
    ['at a start instant (counted)', '2024-01-01', 100],
    ['decimals sum as printed', '2024-03-01', 100.3],
    ['at an end instant (no longer counted) and a start', '2024-04-01', 50.8],
    ['a millisecond before an end', '2024-03-31T23:59:59.999Z', 100.3],
    ['after an end', '2024-06-01', 50.6],
  ])('%s', (_label, at, expected) => {
    expect(mrrAt(subs, at)).toBe(expected);
  });

  it('is null without subscriptions and 0 when none is active', () => {
    expect(mrrAt([], '2024-01-01')).toBeNull();
    expect(mrrAt([{ mrr: 10, start: '2025-01-01', end: null }], '2024-01-01')).toBe(0);
  });

  it('takes account and deal ids, and Dates', () => {
    expect(
      mrrAt(
        [{ accountId: 'a', dealId: 'd1', mrr: 10, start: new Date('2024-01-01'), end: null }],
        new Date('2024-02-01'),
      ),
    ).toBe(10);
  });

  it.each([
    [[{ mrr: -1, start: '2024-01-01', end: null }], 'subscriptions[0].mrr'],
    [[{ mrr: 1, start: '2024-02-01', end: '2024-01-01' }], 'subscriptions[0].end'],
    [[{ mrr: 1, start: '2024-02-30', end: null }], 'subscriptions[0].start'],
    [[{ mrr: 1, start: '2024-01-01', end: null, amount: 12 }], 'subscriptions[0].amount'],
  ])('refuses %j naming %s', (list, field) => {
    expect(() => mrrAt(list as never, '2024-03-01')).toThrow(inputError(field));
  });

  it('refuses a sum that would not be finite', () => {
    const huge = { mrr: Number.MAX_VALUE, start: '2024-01-01', end: null };
    expect(() => mrrAt([huge, huge], '2024-03-01')).toThrow(inputError('subscriptions'));
  });

  it('sums a million subscriptions', { timeout: 60_000 }, () => {
    const many = Array.from({ length: 1_000_000 }, () => ({ mrr: 0.1, start: '2024-01-01', end: null }));
    expect(mrrAt(many, '2024-03-01')).toBe(100_000);
  });

  it('counts each whole-amount subscription exactly when start <= at < end', () => {
    const sub = fc.record({
      mrr: fc.integer({ min: 0, max: 10_000 }),
      start: fc.integer({ min: 0, max: 100 }),
      length: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(sub, { minLength: 1 }), fc.integer({ min: -10, max: 210 }), (list, at) => {
        const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000);
        const input = list.map((s) => ({
          mrr: s.mrr,
          start: day(s.start),
          end: s.length === null ? null : day(s.start + s.length),
        }));
        const expected = list
          .filter((s) => s.start <= at && (s.length === null || at < s.start + s.length))
          .reduce((sum, s) => sum + s.mrr, 0);
        expect(mrrAt(input, day(at))).toBe(expected);
      }),
    );
  });
});
