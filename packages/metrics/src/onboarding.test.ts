import { describe, expect, it } from 'vitest';
import { onboardingCompletion } from './onboarding.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('onboardingCompletion', () => {
  it('gives the completion rate and median days to onboard and to value', () => {
    const r = onboardingCompletion([
      { startedAt: '2024-01-01', onboardedAt: '2024-01-11', firstValueAt: '2024-01-21' }, // 10 d, 20 d
      { startedAt: '2024-01-01', onboardedAt: '2024-01-31', firstValueAt: '2024-02-10' }, // 30 d, 40 d
      { startedAt: '2024-01-01T12:00:00Z', onboardedAt: '2024-01-03T00:00:00Z' }, // 1.5 d
      { startedAt: new Date(Date.UTC(2024, 0, 1)), onboardedAt: null }, // still onboarding
    ]);
    // onboarded 3 of 4 = 75; days to onboard 1.5, 10, 30 -> median 10
    // reached value 2 of 4 = 50; days to value 20, 40 -> median 30
    expect(r).toEqual({
      rate: 75,
      medianDaysToOnboard: 10,
      medianDaysToValue: 30,
      valueRate: 50,
      accounts: 4,
      onboarded: 3,
      reachedValue: 2,
    });
  });

  it('gives nulls for no accounts', () => {
    expect(onboardingCompletion([])).toEqual({
      rate: null,
      medianDaysToOnboard: null,
      medianDaysToValue: null,
      valueRate: null,
      accounts: 0,
      onboarded: 0,
      reachedValue: 0,
    });
  });

  it('rejects completion before the start and bad dates', () => {
    expect(() => onboardingCompletion([{ startedAt: '2024-02-01', onboardedAt: '2024-01-01' }])).toThrow(
      inputError('accounts[0].onboardedAt'),
    );
    expect(() => onboardingCompletion([{ startedAt: '2024-01-01' }, { startedAt: 'soon' }])).toThrow(
      inputError('accounts[1].startedAt'),
    );
  });
});
