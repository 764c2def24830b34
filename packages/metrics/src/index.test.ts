import { describe, expect, expectTypeOf, it } from 'vitest';
import * as metrics from './index.ts';

describe('@csm/metrics barrel', () => {
  it('exports the public functions under their contract names', () => {
    const names = [
      'nps',
      'csat',
      'ces',
      'fcr',
      'responseTimes',
      'mrrMovements',
      'churnRate',
      'revenueChurnRate',
      'nrr',
      'grr',
      'quickRatio',
      'monthlyToAnnual',
      'annualToMonthly',
      'arr',
      'arpu',
      'clv',
      'cac',
      'ltvToCac',
      'cacPaybackMonths',
      'retentionCost',
      'renewalRate',
      'onboardingCompletion',
      'licenseUtilization',
      'ticketsPerAccount',
      'healthScore',
      'healthTrend',
      'compareToBenchmark',
      'withinWindow',
      'windowStart',
      'csatAcrossSources',
      'mrrAt',
      'mrrChange',
      'monthToDate',
      'ticketsPerMonth',
      'daysSince',
      'oneTouch',
      'renewalRisk',
      'revenueTier',
      'npsCategory',
      'portfolioFigures',
    ] as const;
    const exported = new Map(Object.entries(metrics));
    for (const name of names) expect(typeof exported.get(name), name).toBe('function');
    expect(metrics.healthModelSchema.parse(metrics.defaultHealthModel)).toEqual(metrics.defaultHealthModel);
    expect(new metrics.MetricInputError('x', 'x: bad')).toBeInstanceOf(Error);
    expect(metrics.benchmarks.nps.low).toBe(41);
    expect(metrics.NPS_DETRACTOR_MAX).toBe(6);
  });

  it('infers the MRR subscription input from its schema', () => {
    expectTypeOf<metrics.Subscription>().toEqualTypeOf<{
      accountId: string;
      dealId?: string | undefined;
      mrr: number;
      start: string | Date;
      end?: string | Date | null | undefined;
    }>();
    expectTypeOf<metrics.MrrMovementsResult['accounts'][number]['movement']>().toEqualTypeOf<
      'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation' | 'flat'
    >();
  });
});
