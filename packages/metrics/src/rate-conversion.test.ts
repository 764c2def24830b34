import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualToMonthly, monthlyToAnnual } from './rate-conversion.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('monthlyToAnnual / annualToMonthly', () => {
  it('compounds a monthly rate', () => {
    // 1 - 0.99^12 = 1 - 0.886384… = 0.113615… -> 11.3615…%
    expect(monthlyToAnnual(1)).toBeCloseTo(11.361512828387, 9);
    // 1 - 0.95^(1/12) = 1 - 0.995734… = 0.4265…%
    expect(annualToMonthly(5)).toBeCloseTo(0.426532, 6);
    expect(annualToMonthly(7)).toBeCloseTo(0.602931, 6); // 1 - 0.93^(1/12)
    expect(monthlyToAnnual(0)).toBe(0);
    expect(monthlyToAnnual(100)).toBe(100);
    expect(annualToMonthly(100)).toBe(100);
  });

  it('rejects rates outside 0-100', () => {
    expect(() => monthlyToAnnual(101)).toThrow(inputError('rate'));
    expect(() => annualToMonthly(-1)).toThrow(inputError('rate'));
  });

  it('are inverses', () => {
    // Up to 50% a month: beyond that (1 - m)^12 nears 0 and the round trip loses digits.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), (m) => {
        expect(annualToMonthly(monthlyToAnnual(m))).toBeCloseTo(m, 9);
      }),
    );
  });
});
