import { z } from 'zod';
import { parseInput } from './parse-input.ts';
import { annualToMonthly } from './rate-conversion.ts';

export const benchmarkMetricSchema = z.enum(['nps', 'annualChurn', 'monthlyChurn', 'nrr', 'ltvToCac']);
export type BenchmarkMetric = z.infer<typeof benchmarkMetricSchema>;

/** A reference range: values in [low, high] are "within"; a single figure has low === high. */
export type Benchmark = {
  readonly label: string;
  readonly low: number;
  readonly high: number;
  /** For colouring cards: whether being above the benchmark is good news. */
  readonly higherIsBetter: boolean;
  readonly source: string;
};

/**
 * Reference figures for "above / below benchmark" on cards. Rates are percentages (0-100),
 * ratios plain numbers. Sources and caveats are in docs/metrics.md.
 */
export const benchmarks: Readonly<Record<BenchmarkMetric, Benchmark>> = {
  nps: {
    label: 'Average B2B SaaS NPS',
    low: 41,
    high: 41,
    higherIsBetter: true,
    source: 'Industry NPS benchmark reports (e.g. Retently): B2B SaaS average about 41',
  },
  annualChurn: {
    label: 'Acceptable annual customer churn',
    low: 5,
    high: 7,
    higherIsBetter: false,
    source: 'Common SaaS guidance for established B2B companies: 5-7% a year',
  },
  monthlyChurn: {
    // Compounded from the annual range (0.4265-0.6029%), consistent with annualToMonthly; the often
    // quoted 0.42-0.58% is 5/12 and 7/12, which understates it.
    label: 'Acceptable monthly customer churn',
    low: annualToMonthly(5),
    high: annualToMonthly(7),
    higherIsBetter: false,
    source: '5-7% a year compounded to a month',
  },
  nrr: {
    label: 'Net revenue retention: 100% good, top SaaS near 155%',
    low: 100,
    high: 155,
    higherIsBetter: true,
    source: 'Public SaaS NRR benchmarks (e.g. KeyBanc / Bessemer reports)',
  },
  ltvToCac: {
    label: 'LTV:CAC of at least 3',
    low: 3,
    high: 3,
    higherIsBetter: true,
    source: 'The common SaaS rule of thumb LTV > 3 x CAC',
  },
};

/** A value to compare: any finite number in the metric's unit. */
export const benchmarkValueSchema = z.number();

export const benchmarkPositionSchema = z.enum(['above', 'below', 'within']);
export type BenchmarkPosition = z.infer<typeof benchmarkPositionSchema>;

/**
 * Where a value sits against a benchmark: 'below' under its low end, 'above' over its high end,
 * 'within' otherwise (for single-figure benchmarks: equal to it). Whether that is good news is
 * `benchmarks[metric].higherIsBetter`: above the churn benchmark is bad, above the NRR one good.
 *
 * @example
 * compareToBenchmark('nps', 52); // 'above'
 * compareToBenchmark('annualChurn', 6); // 'within'
 * compareToBenchmark('ltvToCac', 2.1); // 'below'
 */
export function compareToBenchmark(metric: BenchmarkMetric, value: number): BenchmarkPosition {
  const key = parseInput(benchmarkMetricSchema, metric, 'metric');
  const v = parseInput(benchmarkValueSchema, value, 'value');
  const b = benchmarks[key];
  if (v < b.low) return 'below';
  if (v > b.high) return 'above';
  return 'within';
}
