import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  defaultHealthModel,
  type HealthModel,
  type HealthSignalKey,
  type HealthSignals,
  healthSignalDirections,
  healthSignalKeys,
} from './health-model.ts';
import { type HealthScoreResult, healthScore, healthScorer } from './health-score.ts';

const inputError = (field: string) => expect.objectContaining({ name: 'MetricInputError', field });

describe('healthScore', () => {
  it('weights each component by its share of the model', () => {
    // Default model; each value below sits where noted between its bad and good thresholds.
    const r = healthScore({
      licenseUtilization: 62.5, // (62.5 - 40) / (85 - 40) = 0.5 -> 50, weight 20
      nps: 15, // (15 + 20) / (50 + 20) = 0.5 -> 50, weight 10
      csat: 90, // at good -> 100, weight 10
      fcr: 35, // below bad 50 -> 0, weight 5
      ticketsPerMonth: 9, // (9 - 15) / (3 - 15) = 0.5 -> 50, weight 5
      openUrgentTickets: 0, // at good -> 100, weight 10
      mrrChange: 0, // (0 + 10) / 20 = 0.5 -> 50, weight 15
      onboardingCompletion: 100, // at good -> 100, weight 10
      daysSinceLastTouch: 37, // (37 - 60) / (14 - 60) = 0.5 -> 50, weight 15
    });
    // (50x20 + 50x10 + 100x10 + 0x5 + 50x5 + 100x10 + 50x15 + 100x10 + 50x15) / 100 = 6250 / 100 = 62.5
    expect(r.score).toBeCloseTo(62.5, 12);
    expect(r.band).toBe('yellow');
    expect(r.missing).toEqual([]);
    expect(r.components.map((c) => [c.key, c.score])).toEqual([
      ['licenseUtilization', 50],
      ['nps', 50],
      ['csat', 100],
      ['fcr', 0],
      ['ticketsPerMonth', 50],
      ['openUrgentTickets', 100],
      ['mrrChange', 50],
      ['onboardingCompletion', 100],
      ['daysSinceLastTouch', 50],
    ]);
    const lu = r.components[0]!;
    // weight 20 / 100 = 0.2; contribution 50 x 0.2 = 10
    expect(lu.weight).toBeCloseTo(0.2, 15);
    expect(lu.contribution).toBeCloseTo(10, 12);
    expect(lu.value).toBe(62.5);
  });

  it('leaves missing signals out and re-shares the weights', () => {
    const r = healthScore({ licenseUtilization: 85, openUrgentTickets: 3, nps: null, csat: undefined });
    // licenseUtilization 100 with weight 20 / 30; openUrgentTickets at bad (3) -> 0 with 10 / 30
    // score = 100 x 2/3 + 0 x 1/3 = 66.66…
    expect(r.score).toBe(66.666666667); // 200 / 3 rounded to 9 decimal places
    expect(r.band).toBe('yellow');
    expect(r.components.map((c) => c.weight)).toEqual([2 / 3, 1 / 3]);
    expect(r.missing).toEqual([
      'nps',
      'csat',
      'fcr',
      'ticketsPerMonth',
      'mrrChange',
      'onboardingCompletion',
      'daysSinceLastTouch',
    ]);
  });

  it('is exactly 40 and yellow for CSAT 63 and FCR 80 (it was 39.99999999999999 and red)', () => {
    // csat (63 - 60) x 100 / 30 = 10, weight 10; fcr (80 - 50) x 100 / 30 = 100, weight 5
    // (10 x 10 + 100 x 5) / (10 + 5) = 600 / 15 = 40, exactly on the yellow threshold
    const r = healthScore({ csat: 63, fcr: 80 });
    expect(r.score).toBe(40);
    expect(r.band).toBe('yellow');
    expect(r.components.map((c) => [c.key, c.score, c.weight, c.contribution])).toEqual([
      ['csat', 10, 10 / 15, 100 / 15],
      ['fcr', 100, 5 / 15, 500 / 15],
    ]);
  });

  it.each([
    // Each weighted mean is exactly on a threshold in decimal arithmetic; shares of the weights
    // (the old formula) gave 39.99999999999999 and 69.99999999999999.
    [{ csat: 63, fcr: 80 }, 40, 'yellow'], // (10 x 10 + 100 x 5) / 15
    [{ csat: 88, fcr: 57 }, 70, 'green'], // (93.33… x 10 + 23.33… x 5) / 15 = 1050 / 15
    [{ licenseUtilization: 71.5, openUrgentTickets: 0 }, 80, 'green'], // (70 x 20 + 100 x 10) / 30
  ] as const)('puts a score exactly on a threshold in the upper band: %j', (signals, score, band) => {
    const r = healthScore(signals);
    expect(r.score).toBe(score);
    expect(r.band).toBe(band);
  });

  it('uses only the components of a model that leaves some out', () => {
    const model: HealthModel = {
      components: {
        csat: { weight: 2, direction: 'higher-is-better', bad: 60, good: 90 },
        daysSinceLastTouch: { weight: 1, direction: 'lower-is-better', bad: 60, good: 14 },
      },
      bands: { green: 70, yellow: 40 },
    };
    // csat 75 -> 50 x 2; nps is not in the model: neither scored nor missing; days missing
    const r = healthScore({ csat: 75, nps: 90 }, model);
    expect(r.score).toBe(50);
    expect(r.components.map((c) => c.key)).toEqual(['csat']);
    expect(r.missing).toEqual(['daysSinceLastTouch']);
    expect(healthScore({ nps: 90 }, model)).toEqual({
      score: null,
      band: null,
      components: [],
      missing: ['csat', 'daysSinceLastTouch'],
    });
  });

  it('refuses misspelt or unknown signals and model fields, naming them', () => {
    expect(() => healthScore({ licenceUtilization: 80 } as never)).toThrow(
      inputError('signals.licenceUtilization'),
    );
    const model = {
      ...defaultHealthModel,
      components: { ...defaultHealthModel.components, csatt: defaultHealthModel.components.csat },
    };
    expect(() => healthScore({ csat: 80 }, model as never)).toThrow(inputError('model.components.csatt'));
    const extra = {
      ...defaultHealthModel,
      components: { csat: { ...defaultHealthModel.components.csat, cap: 1 } },
    };
    expect(() => healthScore({ csat: 80 }, extra as never)).toThrow(inputError('model.components.csat.cap'));
    expect(() =>
      healthScore({ csat: 80 }, { ...defaultHealthModel, bands: { green: 70, yellow: 40, red: 0 } } as never),
    ).toThrow(inputError('model.bands.red'));
    expect(() => healthScore({ csat: 80 }, { components: {}, bands: defaultHealthModel.bands })).toThrow(
      inputError('model.components'),
    );
  });

  it('gives a null score and band without any signal', () => {
    expect(healthScore({})).toEqual({
      score: null,
      band: null,
      components: [],
      missing: [...healthSignalKeys],
    });
    expect(healthScore({ nps: null, fcr: undefined }).score).toBeNull();
  });

  it('bands at the cut-offs: green >= 70, yellow >= 40, red below', () => {
    // A single component makes the score equal to its component score.
    expect(healthScore({ onboardingCompletion: 85 }).band).toBe('green'); // (85 - 50) / 50 = 0.7 -> 70
    expect(healthScore({ onboardingCompletion: 70 }).band).toBe('yellow'); // 0.4 -> 40
    expect(healthScore({ onboardingCompletion: 69 }).band).toBe('red'); // 0.38 -> 38
  });

  it('follows a custom model', () => {
    const model: HealthModel = structuredClone(defaultHealthModel);
    model.components.csat = { weight: 3, direction: 'higher-is-better', bad: 0, good: 100 };
    model.components.nps = { weight: 1, direction: 'higher-is-better', bad: -100, good: 100 };
    model.bands = { green: 90, yellow: 50 };
    // csat 80 -> 80, weight 3/4; nps 0 -> 50, weight 1/4; score 60 + 12.5 = 72.5 -> yellow under 90 / 50
    const r = healthScore({ csat: 80, nps: 0 }, model);
    expect(r.score).toBeCloseTo(72.5, 12);
    expect(r.band).toBe('yellow');
  });

  it('rejects out-of-range signals and invalid models', () => {
    expect(() => healthScore({ csat: 120 })).toThrow(inputError('signals.csat'));
    expect(() => healthScore({ openUrgentTickets: 1.5 })).toThrow(inputError('signals.openUrgentTickets'));
    expect(() => healthScore({ mrrChange: -150 })).toThrow(inputError('signals.mrrChange'));
    const flipped = structuredClone(defaultHealthModel);
    flipped.components.ticketsPerMonth = { weight: 5, direction: 'higher-is-better', bad: 3, good: 15 };
    expect(() => healthScore({ csat: 80 }, flipped)).toThrow(
      inputError('model.components.ticketsPerMonth.direction'),
    );
    const zero = structuredClone(defaultHealthModel);
    zero.components.nps.weight = 0;
    expect(() => healthScore({ csat: 80 }, zero)).toThrow(inputError('model.components.nps.weight'));
    const bands = structuredClone(defaultHealthModel);
    bands.bands = { green: 40, yellow: 70 };
    expect(() => healthScore({ csat: 80 }, bands)).toThrow(inputError('model.bands.yellow'));
  });

  it('infers a nullable band', () => {
    expectTypeOf<HealthScoreResult['band']>().toEqualTypeOf<'green' | 'yellow' | 'red' | null>();
    expectTypeOf<HealthSignals['nps']>().toEqualTypeOf<number | null | undefined>();
  });
});

describe('healthScore properties', () => {
  const ranges: Record<HealthSignalKey, fc.Arbitrary<number>> = {
    licenseUtilization: fc.double({ min: 0, max: 150, noNaN: true }),
    nps: fc.double({ min: -100, max: 100, noNaN: true }),
    csat: fc.double({ min: 0, max: 100, noNaN: true }),
    fcr: fc.double({ min: 0, max: 100, noNaN: true }),
    ticketsPerMonth: fc.double({ min: 0, max: 50, noNaN: true }),
    openUrgentTickets: fc.integer({ min: 0, max: 10 }),
    mrrChange: fc.double({ min: -100, max: 200, noNaN: true }),
    onboardingCompletion: fc.double({ min: 0, max: 100, noNaN: true }),
    daysSinceLastTouch: fc.double({ min: 0, max: 400, noNaN: true }),
  };
  const signals = fc.record(
    Object.fromEntries(
      healthSignalKeys.map((k) => [k, fc.oneof(ranges[k], fc.constant(null), fc.constant(undefined))]),
    ) as Record<HealthSignalKey, fc.Arbitrary<number | null | undefined>>,
  );
  const model: fc.Arbitrary<HealthModel> = fc
    .record({
      components: fc
        .record(
          Object.fromEntries(
            healthSignalKeys.map((k) => [
              k,
              fc
                .record({
                  weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
                  a: fc.integer({ min: -100, max: 300 }),
                  b: fc.integer({ min: -100, max: 300 }),
                })
                .filter(({ a, b }) => a !== b)
                .map(({ weight, a, b }) => {
                  const direction = healthSignalDirections[k];
                  const [lo, hi] = a < b ? [a, b] : [b, a];
                  return direction === 'higher-is-better'
                    ? { weight, direction, bad: lo, good: hi }
                    : { weight, direction, bad: hi, good: lo };
                }),
            ]),
          ) as Record<HealthSignalKey, fc.Arbitrary<NonNullable<HealthModel['components'][HealthSignalKey]>>>,
          // A tenant's model may leave components out (at least one stays).
          { requiredKeys: [] },
        )
        .filter((c) => Object.keys(c).length > 0),
      bands: fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
        .map(([a, b]) => ({ green: Math.max(a, b), yellow: Math.min(a, b) })),
    })
    .map((m) => m as HealthModel);
  const anyModel = fc.oneof(fc.constant(defaultHealthModel), model);

  it('stays within 0..100 with weights summing to 1 and contributions summing to the score (to its rounding)', () => {
    fc.assert(
      fc.property(signals, anyModel, (s, m) => {
        const r = healthScore(s, m);
        const scored = healthSignalKeys.filter((k) => m.components[k] !== undefined);
        const present = scored.filter((k) => s[k] != null);
        expect(r.components.map((c) => c.key)).toEqual(present);
        expect(r.missing).toEqual(scored.filter((k) => s[k] == null));
        if (present.length === 0) {
          expect(r.score).toBeNull();
          expect(r.band).toBeNull();
          return;
        }
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        const weights = r.components.reduce((sum, c) => sum + c.weight, 0);
        const contributions = r.components.reduce((sum, c) => sum + c.contribution, 0);
        expect(Math.abs(weights - 1)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(contributions - r.score!)).toBeLessThanOrEqual(1e-9);
        // The score is the weighted mean with the raw weights, rounded to 9 decimal places.
        const weight = (k: HealthSignalKey) => m.components[k]!.weight;
        const mean =
          r.components.reduce((sum, c) => sum + c.score * weight(c.key), 0) /
          r.components.reduce((sum, c) => sum + weight(c.key), 0);
        expect(r.score).toBe(Math.round(mean * 1e9) / 1e9);
        for (const c of r.components) expect(c.contribution).toBeCloseTo(c.score * c.weight, 12);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone in every component: more of a good signal never lowers it, more of a bad one never raises it', () => {
    const key = fc.constantFrom(...healthSignalKeys);
    fc.assert(
      fc.property(
        signals,
        anyModel,
        key.chain((k) => fc.tuple(fc.constant(k), ranges[k], ranges[k])),
        (s, m, [k, x, y]) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const low = healthScore({ ...s, [k]: lo }, m).score;
          const high = healthScore({ ...s, [k]: hi }, m).score;
          // No component of the model is present (k is not scored by it): no score either way.
          if (low === null || high === null) {
            expect([low, high]).toEqual([null, null]);
            return;
          }
          if (healthSignalDirections[k] === 'higher-is-better') expect(high).toBeGreaterThanOrEqual(low);
          else expect(high).toBeLessThanOrEqual(low);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('healthScorer', () => {
  it('scores as healthScore does, the model validated once when the scorer is made', () => {
    const model: HealthModel = {
      ...defaultHealthModel,
      bands: { green: 80, yellow: 50 },
    };
    const score = healthScorer(model);
    fc.assert(
      fc.property(
        fc.record({
          nps: fc.option(fc.integer({ min: -100, max: 100 })),
          csat: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
          openUrgentTickets: fc.option(fc.nat(20)),
        }),
        (signals) => {
          expect(score(signals)).toEqual(healthScore(signals, model));
        },
      ),
    );
    // A model made invalid after the scorer was made does not change its scores: it holds its copy.
    const mutable = structuredClone(model);
    const fixed = healthScorer(mutable);
    mutable.bands.green = 10;
    expect(fixed({ nps: 30 })).toEqual(healthScore({ nps: 30 }, model));
  });

  it('refuses an invalid model when made, and invalid signals when scoring, naming the field', () => {
    const wrong = { ...defaultHealthModel, bands: { green: 'high', yellow: 50 } } as unknown as HealthModel;
    expect(() => healthScorer(wrong)).toThrow(inputError('model.bands.green'));
    const score = healthScorer();
    expect(() => score({ nps: 'great' } as unknown as HealthSignals)).toThrow(inputError('signals.nps'));
  });
});
