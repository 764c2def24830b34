import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnBacktest } from './churn-backtest.ts';

const o = (score: number | null, churned: boolean, band: 'green' | 'yellow' | 'red' | null = null) => ({
  score,
  band,
  churned,
});
const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

/** The AUC by its definition: every (churned, retained) pair, ties half. */
function pairwiseAuc(list: { score: number; churned: boolean }[]): number | null {
  const lost = list.filter((x) => x.churned);
  const kept = list.filter((x) => !x.churned);
  if (!lost.length || !kept.length) return null;
  let wins = 0;
  for (const a of lost) for (const b of kept) wins += a.score < b.score ? 1 : a.score === b.score ? 0.5 : 0;
  return wins / (lost.length * kept.length);
}

describe('churnBacktest', () => {
  it('is 1 when every churned account scored below every retained one, 0 when above, 0.5 on ties', () => {
    expect(churnBacktest([o(10, true), o(20, true), o(50, false), o(90, false)]).auc).toBe(1);
    expect(churnBacktest([o(90, true), o(50, false)]).auc).toBe(0);
    expect(churnBacktest([o(40, true), o(40, false)]).auc).toBe(0.5);
  });

  it('counts pairs: 2 churned x 3 retained, 5 of 6 pairs ranked right', () => {
    // churned 30, 60; retained 50, 70, 80: pairs (30<50, 30<70, 30<80, 60>50, 60<70, 60<80) = 5 / 6
    const r = churnBacktest([o(30, true), o(60, true), o(50, false), o(70, false), o(80, false)]);
    expect(r.auc).toBeCloseTo(5 / 6, 12);
    expect(r).toMatchObject({ accounts: 5, churned: 2 });
  });

  it('gives churn per band and the lift of red over green', () => {
    const r = churnBacktest([
      o(20, true, 'red'),
      o(30, true, 'red'),
      o(35, false, 'red'),
      o(30, false, 'red'),
      o(55, false, 'yellow'),
      o(80, true, 'green'),
      o(85, false, 'green'),
      o(90, false, 'green'),
      o(95, false, 'green'),
    ]);
    // red 2 / 4 = 50 %, green 1 / 4 = 25 %: lift 2
    expect(r.bands).toEqual({
      red: { accounts: 4, churned: 2, churnRate: 50 },
      yellow: { accounts: 1, churned: 0, churnRate: 0 },
      green: { accounts: 4, churned: 1, churnRate: 25 },
    });
    expect(r.liftRedOverGreen).toBe(2);
  });

  it('leaves unscored accounts out, counted apart; empty and one-sided inputs give null', () => {
    const r = churnBacktest([o(null, true), o(null, false), o(50, false, 'yellow')]);
    expect(r).toMatchObject({ accounts: 1, churned: 0, auc: null, unscored: { accounts: 2, churned: 1 } });
    expect(churnBacktest([])).toMatchObject({ accounts: 0, auc: null, liftRedOverGreen: null });
    expect(churnBacktest([o(10, true, 'red'), o(80, false, 'green')]).liftRedOverGreen).toBeNull();
  });

  it('refuses bad input, naming the field', () => {
    expect(() => churnBacktest([o(101, true)])).toThrow(inputError('observations[0].score'));
    expect(() => churnBacktest([{ ...o(10, true), extra: 1 } as never])).toThrow(
      inputError('observations[0].extra'),
    );
  });

  it('matches the pairwise definition, and mirrors when churn flips', () => {
    const obs = fc.array(
      fc.record({ score: fc.integer({ min: 0, max: 20 }).map((s) => s * 5), churned: fc.boolean() }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(obs, (list) => {
        const r = churnBacktest(list.map((x) => ({ ...x, band: null })));
        const expected = pairwiseAuc(list);
        if (expected === null) expect(r.auc).toBeNull();
        else expect(r.auc!).toBeCloseTo(expected, 9);
        const flipped = churnBacktest(list.map((x) => ({ ...x, band: null, churned: !x.churned })));
        if (r.auc !== null) expect(flipped.auc! + r.auc).toBeCloseTo(1, 9);
      }),
    );
  });
});
