import { describe, expect, it } from 'vitest';
import { reportingPeriodBounds, reportingPeriodSchema } from './reporting-period.ts';

const bounds = (period: unknown) => reportingPeriodBounds(reportingPeriodSchema.parse(period));

describe('reportingPeriodBounds', () => {
  it.each([
    [{ month: '2024-02' }, Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1), '2024-02'],
    [{ month: '2024-12' }, Date.UTC(2024, 11, 1), Date.UTC(2025, 0, 1), '2024-12'],
    [{ quarter: '2024-Q1' }, Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1), '2024-Q1'],
    [{ quarter: '2024-Q4' }, Date.UTC(2024, 9, 1), Date.UTC(2025, 0, 1), '2024-Q4'],
  ])('%j is [%d, %d)', (period, start, end, label) => {
    expect(bounds(period)).toEqual({ start, end, label });
  });

  it.each([
    { month: '2024-2' },
    { quarter: '2024-Q0' },
    { quarter: '2024Q1' },
    {},
    { month: '2024-01', quarter: '2024-Q1' },
  ])('refuses %j', (period) => {
    expect(reportingPeriodSchema.safeParse(period).success).toBe(false);
  });
});
