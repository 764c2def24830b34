import { z } from 'zod';
import { instantSchema, MS_PER_DAY } from './iso-instant.ts';
import { parseInput } from './parse-input.ts';
import { percentileOfSorted, sortedAscending } from './stats.ts';

export const onboardingAccountSchema = z
  .strictObject({
    /** When onboarding began (e.g. the deal's close date or the kickoff call). */
    startedAt: instantSchema,
    /** When onboarding was completed; missing while still onboarding. */
    onboardedAt: instantSchema.nullish(),
    /** When the account first reached value (its first "aha" milestone); missing if not yet. */
    firstValueAt: instantSchema.nullish(),
  })
  .superRefine((a, ctx) => {
    for (const key of ['onboardedAt', 'firstValueAt'] as const) {
      const at = a[key];
      if (at != null && at < a.startedAt) {
        ctx.addIssue({ code: 'custom', path: [key], message: `Expected ${key} at or after startedAt` });
      }
    }
  });
export const onboardingAccountsSchema = z.array(onboardingAccountSchema);
export type OnboardingAccount = z.input<typeof onboardingAccountSchema>;

export const onboardingCompletionResultSchema = z.object({
  /** onboarded / accounts x 100 (0-100); null without accounts. */
  rate: z.number().min(0).max(100).nullable(),
  /** Median elapsed days from startedAt to onboardedAt over onboarded accounts; null if none. */
  medianDaysToOnboard: z.number().min(0).nullable(),
  /** Median elapsed days from startedAt to firstValueAt (time to value); null if none. */
  medianDaysToValue: z.number().min(0).nullable(),
  /** reachedValue / accounts x 100 (0-100); null without accounts. */
  valueRate: z.number().min(0).max(100).nullable(),
  accounts: z.number().int().min(0),
  onboarded: z.number().int().min(0),
  reachedValue: z.number().int().min(0),
});
export type OnboardingCompletionResult = z.infer<typeof onboardingCompletionResultSchema>;

/**
 * Onboarding completion and speed over a cohort of accounts that started onboarding: the share
 * completed, and the median elapsed days to onboard and to first value (unrounded; a day is 24 h of
 * elapsed time, so the figures do not depend on time zones). Pick the cohort (e.g. accounts that
 * started at least 90 days ago) before calling, so recent starts do not drag the rate down.
 *
 * @example
 * onboardingCompletion([
 *   { startedAt: '2024-01-01', onboardedAt: '2024-01-11', firstValueAt: '2024-01-21' },
 *   { startedAt: '2024-01-01', onboardedAt: '2024-01-31' },
 *   { startedAt: '2024-01-01' },
 * ]);
 * // { rate: 66.66…, medianDaysToOnboard: 20, medianDaysToValue: 20, valueRate: 33.33…,
 * //   accounts: 3, onboarded: 2, reachedValue: 1 }
 */
export function onboardingCompletion(accounts: readonly OnboardingAccount[]): OnboardingCompletionResult {
  const valid = parseInput(onboardingAccountsSchema, accounts, 'accounts');
  const daysToOnboard: number[] = [];
  const daysToValue: number[] = [];
  for (const a of valid) {
    if (a.onboardedAt != null) daysToOnboard.push((a.onboardedAt - a.startedAt) / MS_PER_DAY);
    if (a.firstValueAt != null) daysToValue.push((a.firstValueAt - a.startedAt) / MS_PER_DAY);
  }
  const n = valid.length;
  return {
    rate: n === 0 ? null : (daysToOnboard.length * 100) / n,
    medianDaysToOnboard: percentileOfSorted(sortedAscending(daysToOnboard), 50),
    medianDaysToValue: percentileOfSorted(sortedAscending(daysToValue), 50),
    valueRate: n === 0 ? null : (daysToValue.length * 100) / n,
    accounts: n,
    onboarded: daysToOnboard.length,
    reachedValue: daysToValue.length,
  };
}
