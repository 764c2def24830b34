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

  it('refuses a margin of 1 or less as a fraction typed for a percentage (0.8 was read as 0.8 %)', () => {
    for (const grossMargin of [0.8, 1, 0]) {
      expect(() => clv({ method: 'lifetime', arpu: 250, grossMargin, lifetimeMonths: 36 })).toThrow(
        expect.objectContaining({
          field: 'grossMargin',
          message: expect.stringContaining('margin is a percentage, e.g. 80 for 80 %'),
        }),
      );
    }
    expect(() => clv({ method: 'churn', arpu: 250, grossMargin: 101, monthlyRevenueChurn: 2 })).toThrow(
      inputError('grossMargin'),
    );
    expect(clv({ method: 'lifetime', arpu: 100, grossMargin: 1.5, lifetimeMonths: 10 })).toBe(15);
  });

  it('refuses unknown fields and results that would not be finite', () => {
    expect(() =>
      clv({
        method: 'churn',
        arpu: 250,
        grossMargin: 80,
        monthlyRevenueChurn: 2,
        lifetimeMonths: 3,
      } as never),
    ).toThrow(inputError('lifetimeMonths'));
    expect(() => clv({ method: 'churn', arpu: 1e308, grossMargin: 80, monthlyRevenueChurn: 1e-300 })).toThrow(
      inputError('arpu'),
    );
    expect(() =>
      clv({ method: 'purchase', averagePurchaseValue: 1e200, purchaseFrequency: 1e200, customerLifetime: 1 }),
    ).toThrow(inputError('customerLifetime'));
  });

  it('takes a discriminated union', () => {
    expectTypeOf<ClvInput['method']>().toEqualTypeOf<'churn' | 'lifetime' | 'purchase'>();
  });
});
