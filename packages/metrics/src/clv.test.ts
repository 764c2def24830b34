import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ClvInput, clv } from './clv.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('clv', () => {
  it('churn method: arpu x margin / monthly revenue churn', () => {
    // 250 x 0.8 = 200 gross profit a month; / 0.02 churn = 10000
    expect(clv({ method: 'churn', arpu: 250, grossMargin: 80, monthlyRevenueChurn: 2 })).toBe(10_000);
    expect(clv({ method: 'churn', arpu: 250, grossMargin: 80, monthlyRevenueChurn: 0 })).toBeNull();
  });

  it('lifetime method: arpu x margin x lifetime months', () => {
    // 250 x 0.8 x 36 = 7200
    expect(clv({ method: 'lifetime', arpu: 250, grossMargin: 80, lifetimeMonths: 36 })).toBe(7_200);
  });

  it('purchase method: average purchase x frequency x lifetime', () => {
    // 50 x 4 a year x 3 years = 600
    expect(
      clv({ method: 'purchase', averagePurchaseValue: 50, purchaseFrequency: 4, customerLifetime: 3 }),
    ).toBe(600);
  });

  it('rejects an unknown method or bad inputs', () => {
    expect(() => clv({ method: 'magic' } as unknown as ClvInput)).toThrow(inputError('method'));
    expect(() => clv({ method: 'churn', arpu: 250, grossMargin: 80, monthlyRevenueChurn: 120 })).toThrow(
      inputError('monthlyRevenueChurn'),
    );
  });

  it('takes a discriminated union', () => {
    expectTypeOf<ClvInput['method']>().toEqualTypeOf<'churn' | 'lifetime' | 'purchase'>();
  });
});
