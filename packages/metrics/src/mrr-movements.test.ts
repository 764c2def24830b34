import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MrrMovementsResult, mrrMovements, type Subscription } from './mrr-movements.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

/** The bridge exactly as the spec writes it, evaluated left to right. */
const bridge = (t: MrrMovementsResult['totals']) =>
  t.startMrr + t.new + t.expansion + t.reactivation - t.contraction - t.churn;

describe('mrrMovements', () => {
  it('classifies each account and totals the bridge', () => {
    const subs: Subscription[] = [
      { accountId: 'a', mrr: 100, start: '2024-01-01' },
      { accountId: 'a', mrr: 50, start: '2024-04-10' }, // upsell in April: 100 -> 150, expansion 50
      { accountId: 'b', mrr: 80, start: '2024-01-01', end: '2024-04-15' }, // cancels: 80 -> 0, churn 80
      { accountId: 'c', mrr: 30, start: '2024-04-01' }, // first subscription: 0 -> 30, new 30
      { accountId: 'd', mrr: 200, start: '2023-06-01', end: '2024-04-20' }, // downgrade 200 -> 120
      { accountId: 'd', mrr: 120, start: '2024-04-20' }, //   contraction 80
      { accountId: 'e', mrr: 40, start: '2023-01-01', end: '2023-12-01' }, // left in 2023, back in April:
      { accountId: 'e', mrr: 60, start: '2024-04-05' }, //   0 -> 60, reactivation 60
      { accountId: 'f', mrr: 70, start: '2024-02-01' }, // unchanged: flat
      { accountId: 'g', mrr: 90, start: '2024-04-03', end: '2024-04-25' }, // came and went in April: left out
    ];
    const r = mrrMovements(subs, '2024-04');
    expect(r.accounts).toEqual([
      { accountId: 'a', startMrr: 100, endMrr: 150, movement: 'expansion' },
      { accountId: 'b', startMrr: 80, endMrr: 0, movement: 'churn' },
      { accountId: 'c', startMrr: 0, endMrr: 30, movement: 'new' },
      { accountId: 'd', startMrr: 200, endMrr: 120, movement: 'contraction' },
      { accountId: 'e', startMrr: 0, endMrr: 60, movement: 'reactivation' },
      { accountId: 'f', startMrr: 70, endMrr: 70, movement: 'flat' },
    ]);
    // start = 100 + 80 + 200 + 70 = 450; end = 150 + 30 + 120 + 60 + 70 = 430
    // 450 + 30 new + 50 expansion + 60 reactivation - 80 contraction - 80 churn = 430
    expect(r.totals).toEqual({
      startMrr: 450,
      endMrr: 430,
      new: 30,
      expansion: 50,
      contraction: 80,
      churn: 80,
      reactivation: 60,
    });
  });

  it('puts a change in the month that contains its date', () => {
    const starts1April: Subscription[] = [{ accountId: 'x', mrr: 10, start: '2024-04-01T00:00:00Z' }];
    // Not active at March's last instant, active at April's: April's new MRR, nothing in March.
    expect(mrrMovements(starts1April, '2024-03').accounts).toEqual([]);
    expect(mrrMovements(starts1April, '2024-04').totals.new).toBe(10);

    const ends1March: Subscription[] = [{ accountId: 'y', mrr: 10, start: '2024-01-01', end: '2024-03-01' }];
    // Active at February's last instant, gone at March's: March's churn, February is flat.
    expect(mrrMovements(ends1March, '2024-02').accounts[0]?.movement).toBe('flat');
    expect(mrrMovements(ends1March, '2024-03').totals.churn).toBe(10);

    const endsLastMsOfFeb: Subscription[] = [
      { accountId: 'z', mrr: 10, start: '2024-01-01', end: '2024-02-29T23:59:59.999Z' },
    ];
    // [start, end) excludes Feb's last millisecond: February's churn.
    expect(mrrMovements(endsLastMsOfFeb, '2024-02').totals.churn).toBe(10);
  });

  it('reads instants in UTC: offset-less date-times, offsets and Dates', () => {
    const subs: Subscription[] = [
      { accountId: 'a', mrr: 1, start: '2024-04-01T00:00' }, // UTC midnight, not local: April
      { accountId: 'b', mrr: 2, start: '2024-04-01T01:00:00+02:00' }, // 2024-03-31T23:00Z: March
      { accountId: 'c', mrr: 4, start: new Date(Date.UTC(2024, 3, 30, 23, 59)) }, // April
    ];
    const april = mrrMovements(subs, '2024-04');
    // a and c are new in April (1 + 4 = 5); b started in March, flat
    expect(april.totals.new).toBe(5);
    expect(april.accounts.find((a) => a.accountId === 'b')?.movement).toBe('flat');
  });

  it('counts reactivation only for MRR held before the month', () => {
    const subs: Subscription[] = [
      { accountId: 'a', mrr: 0, start: '2023-01-01', end: '2023-06-01' }, // a free plan is not MRR
      { accountId: 'a', mrr: 25, start: '2024-04-02' },
      { accountId: 'b', mrr: 10, start: '2024-04-02', end: '2024-04-05' }, // blip inside April
      { accountId: 'b', mrr: 15, start: '2024-04-20' },
    ];
    const r = mrrMovements(subs, '2024-04');
    expect(r.accounts.map((a) => a.movement)).toEqual(['new', 'new']);
  });

  it('sums cents as decimals', () => {
    const subs: Subscription[] = [
      { accountId: 'a', mrr: 0.1, start: '2024-04-01' },
      { accountId: 'a', mrr: 0.2, start: '2024-04-01' },
    ];
    // 0.1 + 0.2 = 0.3 exactly as a decimal, not 0.30000000000000004
    const r = mrrMovements(subs, '2024-04');
    expect(r.accounts[0]?.endMrr).toBe(0.3);
    expect(r.totals.new).toBe(0.3);
    expect(bridge(r.totals)).toBe(r.totals.endMrr);
  });

  it('gives zero totals and no accounts for no subscriptions', () => {
    expect(mrrMovements([], '2024-04')).toEqual({
      accounts: [],
      totals: { startMrr: 0, endMrr: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 },
    });
  });

  it('rejects bad subscriptions and months, naming the field', () => {
    const ok = { accountId: 'a', mrr: 1, start: '2024-01-01' };
    expect(() => mrrMovements([ok, ok, { ...ok, mrr: -5 }], '2024-04')).toThrow(
      inputError('subscriptions[2].mrr'),
    );
    expect(() => mrrMovements([{ ...ok, start: '2024-02-30' }], '2024-04')).toThrow(
      inputError('subscriptions[0].start'),
    );
    expect(() => mrrMovements([{ ...ok, start: 'April 1st' }], '2024-04')).toThrow(
      inputError('subscriptions[0].start'),
    );
    expect(() => mrrMovements([{ ...ok, end: '2023-12-31' }], '2024-04')).toThrow(
      inputError('subscriptions[0].end'),
    );
    expect(() => mrrMovements([{ ...ok, accountId: '' }], '2024-04')).toThrow(
      inputError('subscriptions[0].accountId'),
    );
    expect(() => mrrMovements([ok], '2024-13')).toThrow(inputError('month'));
    expect(() => mrrMovements([ok], '2024-4')).toThrow(inputError('month'));
  });
});

describe('mrrMovements properties', () => {
  const from = Date.UTC(2023, 0, 1);
  const to = Date.UTC(2025, 11, 31);
  // Month boundaries are where off-by-one bugs live, so draw them often.
  const boundaries = Array.from({ length: 36 }, (_, i) => Date.UTC(2023, i, 1));
  const instant = fc.oneof(fc.integer({ min: from, max: to }), fc.constantFrom(...boundaries));
  const asInput = (ms: number, style: number) =>
    style === 0
      ? new Date(ms)
      : style === 1
        ? new Date(ms).toISOString()
        : new Date(ms).toISOString().slice(0, 10);
  const month = fc.integer({ min: 0, max: 35 }).map((i) => {
    const d = new Date(Date.UTC(2023, i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  const subscriptions = (mrr: fc.Arbitrary<number>) =>
    fc.array(
      fc
        .record({
          accountId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
          mrr,
          t1: instant,
          t2: fc.option(instant, { nil: undefined }),
          style: fc.integer({ min: 0, max: 2 }),
        })
        .map(({ accountId, mrr, t1, t2, style }): Subscription & { startMs: number; endMs?: number } => {
          // Date-only style truncates to midnight, so derive the instants from what is passed.
          const start = asInput(Math.min(t1, t2 ?? t1), style);
          const end = t2 === undefined ? undefined : asInput(Math.max(t1, t2), style);
          const startMs = new Date(start).getTime();
          const endMs = end === undefined ? undefined : new Date(end).getTime();
          return {
            accountId,
            mrr,
            start,
            ...(end === undefined ? {} : { end }),
            startMs,
            ...(endMs === undefined ? {} : { endMs }),
          };
        }),
      { maxLength: 25 },
    );

  /** The subscriptions as mrrMovements takes them: without the oracle's own fields (inputs are strict). */
  const asSubs = (subs: (Subscription & { startMs: number; endMs?: number })[]): Subscription[] =>
    subs.map(({ startMs: _s, endMs: _e, ...sub }) => sub);

  /** Independent oracle: MRR active at the millisecond `t`, by the plain [start, end) rule. */
  const activeAt = (subs: { startMs: number; endMs?: number; mrr: number }[], t: number) =>
    subs
      .filter((s) => s.startMs <= t && (s.endMs === undefined || t < s.endMs))
      .reduce((sum, s) => sum + s.mrr, 0);

  it('satisfies start + new + expansion + reactivation - contraction - churn = end exactly (whole amounts)', () => {
    fc.assert(
      fc.property(subscriptions(fc.integer({ min: 0, max: 1_000_000 })), month, (subs, m) => {
        const { totals, accounts } = mrrMovements(asSubs(subs), m);
        expect(bridge(totals)).toBe(totals.endMrr);
        const [y, mo] = m.split('-').map(Number) as [number, number];
        const monthStart = Date.UTC(y, mo - 1, 1);
        const monthEnd = Date.UTC(y, mo, 1);
        // Last instant of the previous month / of this month, at millisecond resolution.
        expect(totals.startMrr).toBe(activeAt(subs, monthStart - 1));
        expect(totals.endMrr).toBe(activeAt(subs, monthEnd - 1));
        for (const key of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) {
          expect(totals[key]).toBeGreaterThanOrEqual(0);
        }
        for (const a of accounts) expect(a.startMrr > 0 || a.endMrr > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('satisfies the bridge exactly with cents too, and stays within rounding of the true totals', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
    fc.assert(
      fc.property(subscriptions(cents), month, (subs, m) => {
        const { totals } = mrrMovements(asSubs(subs), m);
        expect(bridge(totals)).toBe(totals.endMrr);
        const [y, mo] = m.split('-').map(Number) as [number, number];
        expect(totals.endMrr).toBeCloseTo(activeAt(subs, Date.UTC(y, mo, 1) - 1), 6);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of subscriptions', () => {
    fc.assert(
      fc.property(
        subscriptions(fc.integer({ min: 0, max: 1000 })).chain((xs) =>
          fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length })),
        ),
        month,
        ([xs, shuffled], m) => {
          expect(mrrMovements(asSubs(shuffled), m)).toEqual(mrrMovements(asSubs(xs), m));
        },
      ),
    );
  });

  it('handles a million subscriptions (it once overflowed the call stack from about 125 000)', {
    timeout: 120_000,
  }, () => {
    const start = new Date('2024-01-01T00:00:00Z');
    const churnAt = new Date('2024-03-15T00:00:00Z');
    // 200 000 accounts with 5 subscriptions of 10.5 each; every 7th subscription ends mid-March.
    const subs: Subscription[] = Array.from({ length: 1_000_000 }, (_, i) => ({
      accountId: `a${i % 200_000}`,
      mrr: 10.5,
      start,
      end: i % 7 === 0 ? churnAt : null,
    }));
    const { totals } = mrrMovements(subs, '2024-03');
    const ending = Math.ceil(1_000_000 / 7); // 142 858 subscriptions end in March
    expect(totals.startMrr).toBe(10_500_000);
    expect(totals.contraction + totals.churn).toBe(ending * 10.5);
    expect(totals.endMrr).toBe((1_000_000 - ending) * 10.5);
  });
});
