import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthToDate } from './month-to-date.ts';
import { mrrAt } from './mrr-at.ts';
import { mrrMovements } from './mrr-movements.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });
const now = '2024-04-10T09:00:00Z';

describe('monthToDate', () => {
  it.each([
    [
      "a deal starting at the month's first instant is new, change = its MRR",
      [{ mrr: 300, start: '2024-04-01T00:00:00Z', end: null }],
      'new',
      300,
    ],
    [
      "a contract ending at the month's first instant is churn, change = -its MRR",
      [{ mrr: 300, start: '2023-04-01', end: '2024-04-01T00:00:00Z' }],
      'churn',
      -300,
    ],
    [
      'an upsell this month',
      [
        { mrr: 100, start: '2024-01-01', end: null },
        { mrr: 50.1, start: '2024-04-05', end: null },
      ],
      'expansion',
      50.1,
    ],
    [
      'a downgrade this month',
      [
        { mrr: 100.3, start: '2024-01-01', end: '2024-04-03' },
        { mrr: 100, start: '2024-04-03', end: null },
      ],
      'contraction',
      -0.3,
    ],
    ['unchanged', [{ mrr: 100, start: '2024-01-01', end: '2025-01-01' }], 'flat', 0],
    [
      'a deal starting later this month does not count yet',
      [{ mrr: 100, start: '2024-04-20', end: null }],
      null,
      0,
    ],
    [
      'a contract ending later this month still counts',
      [{ mrr: 100, start: '2024-01-01', end: '2024-04-20' }],
      'flat',
      0,
    ],
    [
      'came back this month',
      [
        { mrr: 100, start: '2023-01-01', end: '2024-01-01' },
        { mrr: 80, start: '2024-04-02', end: null },
      ],
      'reactivation',
      80,
    ],
    ['no subscriptions', [], null, null],
  ] as const)('%s', (_label, subs, movement, change) => {
    expect(monthToDate(subs, now)).toEqual({ month: '2024-04', movement, change });
  });

  it("at the month's very first instant, a deal starting then is already new", () => {
    expect(monthToDate([{ mrr: 10, start: '2024-04-01', end: null }], '2024-04-01T00:00:00Z')).toEqual({
      month: '2024-04',
      movement: 'new',
      change: 10,
    });
  });

  it('picks one account of several, and refuses an ambiguous list', () => {
    const subs = [
      { accountId: 'a', mrr: 10, start: '2024-04-01', end: null },
      { accountId: 'b', mrr: 20, start: '2024-01-01', end: null },
    ];
    expect(monthToDate(subs, now, 'a')).toEqual({ month: '2024-04', movement: 'new', change: 10 });
    expect(monthToDate(subs, now, 'b')).toEqual({ month: '2024-04', movement: 'flat', change: 0 });
    expect(() => monthToDate(subs, now)).toThrow(inputError('accountId'));
  });

  it('agrees with mrrAt and with mrrMovements over random deals', () => {
    const day = (d: number) => new Date(Date.UTC(2024, 2, 1) + d * 86_400_000); // 2024-03-01 + d days
    const sub = fc.record({
      mrr: fc.integer({ min: 1, max: 1000 }),
      start: fc.integer({ min: -40, max: 60 }),
      length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(sub, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 31, max: 60 }),
        (list, nowDay) => {
          const subs = list.map((s) => ({
            mrr: s.mrr,
            start: day(s.start),
            end: s.length === null ? null : day(s.start + s.length),
          }));
          const at = day(nowDay); // somewhere in April 2024, midnight
          const r = monthToDate(subs, at);
          const startMrr = mrrAt(subs, new Date(Date.UTC(2024, 3, 1) - 1))!;
          const nowMrr = mrrAt(subs, at)!;
          expect(r.change).toBe(nowMrr - startMrr);
          if (r.movement === null) expect(startMrr + nowMrr).toBe(0);
          else if (r.movement === 'new' || r.movement === 'reactivation') expect(startMrr).toBe(0);
          else if (r.movement === 'churn') expect(nowMrr).toBe(0);
          else if (r.movement === 'expansion') expect(nowMrr).toBeGreaterThan(startMrr);
          else if (r.movement === 'contraction') expect(nowMrr).toBeLessThan(startMrr);
          else expect(nowMrr).toBe(startMrr);
          // With nothing changing after now, month-to-date is the month's movement.
          const frozen = subs
            .filter((s) => s.start <= at)
            .map((s) => ({ accountId: 'x', ...s, end: s.end && s.end <= at ? s.end : null }));
          expect(mrrMovements(frozen, '2024-04').accounts[0]?.movement ?? null).toBe(r.movement);
        },
      ),
    );
  });
});
