import { z } from 'zod';
import { parseInput } from './parse-input.ts';

/** One account as it stood when the backtest starts: its health then, and whether it churned after. */
export const backtestObservationSchema = z.strictObject({
  /** Health score (0-100) on the start day; null when it had none. */
  score: z.number().min(0).max(100).nullable(),
  band: z.enum(['green', 'yellow', 'red']).nullable(),
  /** Whether the account churned within the horizon (its MRR went to 0, no renewal). */
  churned: z.boolean(),
});
export const backtestObservationsSchema = z.array(backtestObservationSchema);
export type BacktestObservation = z.input<typeof backtestObservationSchema>;

const bandResult = z.object({
  accounts: z.number().int().min(0),
  churned: z.number().int().min(0),
  /** churned / accounts x 100; null without accounts. */
  churnRate: z.number().min(0).max(100).nullable(),
});

export const churnBacktestResultSchema = z.object({
  /** Accounts with a score on the start day (the ones the model ranks). */
  accounts: z.number().int().min(0),
  churned: z.number().int().min(0),
  /**
   * Area under the ROC curve of "a lower score means churn": the chance that a churned account had
   * a lower score than a retained one (ties count half). 0.5 is a coin toss, 1 a perfect ranking;
   * null when every scored account churned or none did.
   */
  auc: z.number().min(0).max(1).nullable(),
  bands: z.object({ green: bandResult, yellow: bandResult, red: bandResult }),
  /** Accounts without a score on the start day (left out of the AUC and the bands). */
  unscored: z.object({ accounts: z.number().int().min(0), churned: z.number().int().min(0) }),
  /** Red's churn rate / green's; null when either is null or green's is 0. */
  liftRedOverGreen: z.number().min(0).nullable(),
});
export type ChurnBacktestResult = z.infer<typeof churnBacktestResultSchema>;

/**
 * How well health scores taken on one day predicted the churn that followed (docs/metrics.md,
 * "Backtest"). The AUC is the Mann-Whitney statistic: over every (churned, retained) pair of scored
 * accounts, the share where the churned one scored lower, ties counting half, computed from the
 * average ranks of the scores (O(n log n)). Churn rate per band is churned / accounts x 100; the
 * lift of red over green is red's churn rate over green's.
 *
 * @example
 * churnBacktest([
 *   { score: 20, band: 'red', churned: true },
 *   { score: 35, band: 'red', churned: false },
 *   { score: 80, band: 'green', churned: false },
 * ]);
 * // auc 1 (the churned account scored below both others); red 50 %, green 0 %; lift null
 */
export function churnBacktest(observations: readonly BacktestObservation[]): ChurnBacktestResult {
  const valid = parseInput(backtestObservationsSchema, observations, 'observations');
  const scored = valid.filter((o): o is typeof o & { score: number } => o.score !== null);
  const unscored = valid.filter((o) => o.score === null);

  const churned = scored.filter((o) => o.churned).length;
  const retained = scored.length - churned;
  let auc: number | null = null;
  if (churned > 0 && retained > 0) {
    // Rank by score ascending, ties sharing their average rank (1-based).
    const sorted = [...scored].sort((a, b) => a.score - b.score);
    let rankSumRetained = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1]!.score === sorted[i]!.score) j++;
      const rank = (i + j + 2) / 2;
      for (let k = i; k <= j; k++) if (!sorted[k]!.churned) rankSumRetained += rank;
      i = j + 1;
    }
    // U counts the pairs where the retained account scored higher (ties half): churn ranked lower.
    const u = rankSumRetained - (retained * (retained + 1)) / 2;
    auc = u / (churned * retained);
  }

  const band = (name: 'green' | 'yellow' | 'red') => {
    const inBand = scored.filter((o) => o.band === name);
    const lost = inBand.filter((o) => o.churned).length;
    return {
      accounts: inBand.length,
      churned: lost,
      churnRate: inBand.length ? (lost * 100) / inBand.length : null,
    };
  };
  const bands = { green: band('green'), yellow: band('yellow'), red: band('red') };
  const red = bands.red.churnRate;
  const green = bands.green.churnRate;
  return {
    accounts: scored.length,
    churned,
    auc,
    bands,
    unscored: { accounts: unscored.length, churned: unscored.filter((o) => o.churned).length },
    liftRedOverGreen: red === null || green === null || green === 0 ? null : red / green,
  };
}
