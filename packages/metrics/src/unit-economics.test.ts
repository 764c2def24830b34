import { describe, expect, it } from 'vitest';
import { arpu, arr, cac, cacPaybackMonths, ltvToCac, retentionCost } from './unit-economics.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('unit economics', () => {
  it('arr is mrr x 12', () => {
    // 12500 x 12 = 150000
    expect(arr(12_500)).toBe(150_000);
    expect(arr(0)).toBe(0);
    expect(() => arr(-1)).toThrow(inputError('mrr'));
  });

  it('refuses results that would not be finite (arr(1e308) was Infinity)', () => {
    expect(() => arr(1e308)).toThrow(inputError('mrr'));
    expect(() => arpu({ revenue: 1e308, customers: 0.001 })).toThrow(inputError('customers'));
    expect(() => cac({ salesAndMarketingSpend: 1e308, newCustomers: 1e-10 })).toThrow(
      inputError('newCustomers'),
    );
    expect(() => ltvToCac({ ltv: 1e308, cac: 1e-10 })).toThrow(inputError('cac'));
    expect(() => cacPaybackMonths({ cac: 1e308, arpu: 1e-300, grossMargin: 80 })).toThrow(inputError('arpu'));
    expect(() => retentionCost({ retentionSpend: 1e308, activeCustomers: 1e-10 })).toThrow(
      inputError('activeCustomers'),
    );
  });

  it('refuses unknown fields, naming them', () => {
    expect(() => arpu({ revenue: 1, customers: 1, currency: 'EUR' } as never)).toThrow(
      inputError('currency'),
    );
    expect(() => cacPaybackMonths({ cac: 1, arpu: 1, grossMargin: 80, months: 3 } as never)).toThrow(
      inputError('months'),
    );
  });

  it('arpu is revenue / customers', () => {
    // 50000 / 200 = 250
    expect(arpu({ revenue: 50_000, customers: 200 })).toBe(250);
    expect(arpu({ revenue: 0, customers: 0 })).toBeNull();
    expect(() => arpu({ revenue: 1, customers: -2 })).toThrow(inputError('customers'));
  });

  it('cac is spend / new customers', () => {
    // 120000 / 40 = 3000
    expect(cac({ salesAndMarketingSpend: 120_000, newCustomers: 40 })).toBe(3_000);
    expect(cac({ salesAndMarketingSpend: 5_000, newCustomers: 0 })).toBeNull();
  });

  it('ltvToCac is ltv / cac', () => {
    // 12000 / 3000 = 4
    expect(ltvToCac({ ltv: 12_000, cac: 3_000 })).toBe(4);
    expect(ltvToCac({ ltv: 12_000, cac: 0 })).toBeNull();
  });

  it('cacPaybackMonths is cac / (arpu x margin)', () => {
    // 3000 / (250 x 0.8) = 3000 / 200 = 15
    expect(cacPaybackMonths({ cac: 3_000, arpu: 250, grossMargin: 80 })).toBe(15);
    expect(cacPaybackMonths({ cac: 3_000, arpu: 0, grossMargin: 80 })).toBeNull();
    // A fraction typed for a percentage is refused, not read as 0.8 %.
    expect(() => cacPaybackMonths({ cac: 3_000, arpu: 250, grossMargin: 0.8 })).toThrow(
      inputError('grossMargin'),
    );
    expect(() => cacPaybackMonths({ cac: 1, arpu: 1, grossMargin: 120 })).toThrow(inputError('grossMargin'));
  });

  it('retentionCost is spend / active customers', () => {
    // 30000 / 600 = 50
    expect(retentionCost({ retentionSpend: 30_000, activeCustomers: 600 })).toBe(50);
    expect(retentionCost({ retentionSpend: 30_000, activeCustomers: 0 })).toBeNull();
  });
});
