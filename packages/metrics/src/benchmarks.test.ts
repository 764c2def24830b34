import { describe, expect, it } from 'vitest';
import { type BenchmarkMetric, benchmarks, compareToBenchmark } from './benchmarks.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('benchmarks', () => {
  it('holds the reference figures', () => {
    expect(benchmarks.nps).toMatchObject({ low: 41, high: 41, higherIsBetter: true });
    expect(benchmarks.annualChurn).toMatchObject({ low: 5, high: 7, higherIsBetter: false });
    // 1 - 0.95^(1/12) = 0.4265%, 1 - 0.93^(1/12) = 0.6029%: "about 0.42-0.58%" compounded properly
    expect(benchmarks.monthlyChurn.low).toBeCloseTo(0.4265, 4);
    expect(benchmarks.monthlyChurn.high).toBeCloseTo(0.6029, 4);
    expect(benchmarks.nrr).toMatchObject({ low: 100, high: 155, higherIsBetter: true });
    expect(benchmarks.ltvToCac).toMatchObject({ low: 3, high: 3, higherIsBetter: true });
  });

  it('places a value above, below or within', () => {
    expect(compareToBenchmark('nps', 52)).toBe('above');
    expect(compareToBenchmark('nps', 41)).toBe('within');
    expect(compareToBenchmark('nps', 12)).toBe('below');
    expect(compareToBenchmark('annualChurn', 6)).toBe('within');
    expect(compareToBenchmark('annualChurn', 9)).toBe('above');
    expect(compareToBenchmark('monthlyChurn', 0.3)).toBe('below');
    expect(compareToBenchmark('nrr', 96)).toBe('below');
    expect(compareToBenchmark('nrr', 120)).toBe('within');
    expect(compareToBenchmark('nrr', 160)).toBe('above');
    expect(compareToBenchmark('ltvToCac', 4.2)).toBe('above');
    expect(compareToBenchmark('ltvToCac', 2.1)).toBe('below');
  });

  it('rejects an unknown metric', () => {
    expect(() => compareToBenchmark('arpu' as BenchmarkMetric, 1)).toThrow(inputError('metric'));
    expect(() => compareToBenchmark('nps', Number.NaN)).toThrow(inputError('value'));
  });
});
