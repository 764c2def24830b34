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
    expect(cacPaybackMonths({ cac: 3_000, arpu: 250, grossMargin: 0 })).toBeNull();
    expect(() => cacPaybackMonths({ cac: 1, arpu: 1, grossMargin: 120 })).toThrow(inputError('grossMargin'));
  });

  it('retentionCost is spend / active customers', () => {
    // 30000 / 600 = 50
    expect(retentionCost({ retentionSpend: 30_000, activeCustomers: 600 })).toBe(50);
    expect(retentionCost({ retentionSpend: 30_000, activeCustomers: 0 })).toBeNull();
  });
});
