import { z } from 'zod';

/** The health signals, in the order components are reported. */
export const healthSignalKeys = [
  'licenseUtilization',
  'nps',
  'csat',
  'fcr',
  'ticketsPerMonth',
  'openUrgentTickets',
  'mrrChange',
  'onboardingCompletion',
  'daysSinceLastTouch',
] as const;
export const healthSignalKeySchema = z.enum(healthSignalKeys);
export type HealthSignalKey = z.infer<typeof healthSignalKeySchema>;

export const healthDirectionSchema = z.enum(['higher-is-better', 'lower-is-better']);
export type HealthDirection = z.infer<typeof healthDirectionSchema>;

/**
 * Which way each signal points. Fixed rather than configurable, so that every valid model keeps the
 * promise that more of a good signal never lowers the score and more tickets, more urgent tickets or
 * a longer silence never raise it.
 */
export const healthSignalDirections: Readonly<Record<HealthSignalKey, HealthDirection>> = {
  licenseUtilization: 'higher-is-better',
  nps: 'higher-is-better',
  csat: 'higher-is-better',
  fcr: 'higher-is-better',
  ticketsPerMonth: 'lower-is-better',
  openUrgentTickets: 'lower-is-better',
  mrrChange: 'higher-is-better',
  onboardingCompletion: 'higher-is-better',
  daysSinceLastTouch: 'lower-is-better',
};

const percentage = z.number().min(0).max(100);
/** A signal value, or null / undefined when it is not known (the component is then left out). */
const signal = (schema: z.ZodNumber) => schema.nullish();

/** An account's health signals; every one is optional, unknown (e.g. misspelt) ones are refused. */
export const healthSignalsSchema = z.strictObject({
  /** Active users / licensed seats x 100; may exceed 100. */
  licenseUtilization: signal(z.number().min(0)),
  /** The account's NPS, -100..100. */
  nps: signal(z.number().min(-100).max(100)),
  /** CSAT score, 0-100. */
  csat: signal(percentage),
  /** First contact resolution rate, 0-100. */
  fcr: signal(percentage),
  /** Support tickets per month. */
  ticketsPerMonth: signal(z.number().min(0)),
  /** Open tickets with urgent priority right now. */
  openUrgentTickets: signal(z.number().int().min(0)),
  /** MRR change over the last 90 days in %, -100 (lost it all) and up. */
  mrrChange: signal(z.number().min(-100)),
  /** Onboarding completion, 0-100. */
  onboardingCompletion: signal(percentage),
  /**
   * Whole days since the account was last touched: the later of HubSpot's `notes_last_contacted`
   * (last call, email or meeting) and its latest survey answer (see daysSince).
   */
  daysSinceLastTouch: signal(z.number().min(0)),
});
export type HealthSignals = z.input<typeof healthSignalsSchema>;

/**
 * How one signal maps to a 0-100 score: 0 at `bad` or worse, 100 at `good` or better, linear in
 * between. `weight` is relative; present components share the total.
 */
export const healthComponentModelSchema = z
  .strictObject({
    /** Relative weight: more than 0, at most 1 000 000 (weights are shares, not amounts). */
    weight: z.number().positive().max(1_000_000),
    direction: healthDirectionSchema,
    bad: z.number(),
    good: z.number(),
  })
  .superRefine((c, ctx) => {
    if (!Number.isFinite(c.good - c.bad)) {
      ctx.addIssue({ code: 'custom', path: ['good'], message: 'Expected good and bad closer together' });
      return;
    }
    const ordered = c.direction === 'higher-is-better' ? c.good > c.bad : c.good < c.bad;
    if (!ordered) {
      ctx.addIssue({
        code: 'custom',
        path: ['good'],
        message: `Expected good ${c.direction === 'higher-is-better' ? '>' : '<'} bad for ${c.direction}`,
      });
    }
  });
export type HealthComponentModel = z.infer<typeof healthComponentModelSchema>;

export const healthBandsSchema = z
  .strictObject({
    /** Scores at or above this are green. */
    green: percentage,
    /** Scores at or above this (and below green) are yellow; anything lower is red. */
    yellow: percentage,
  })
  .refine((b) => b.yellow <= b.green, { path: ['yellow'], message: 'Expected yellow <= green' });
export type HealthBands = z.infer<typeof healthBandsSchema>;

const component = healthComponentModelSchema.optional();

/**
 * A tenant's health model: the components it scores (a subset of the signals, at least one) and
 * its bands. Signals the model leaves out are neither scored nor listed as missing. Each
 * component's direction must be its signal's fixed direction ({@link healthSignalDirections}).
 */
export const healthModelSchema = z
  .strictObject({
    components: z
      .strictObject({
        licenseUtilization: component,
        nps: component,
        csat: component,
        fcr: component,
        ticketsPerMonth: component,
        openUrgentTickets: component,
        mrrChange: component,
        onboardingCompletion: component,
        daysSinceLastTouch: component,
      })
      .refine((c) => healthSignalKeys.some((key) => c[key] !== undefined), {
        message: 'Expected at least one component',
      }),
    bands: healthBandsSchema,
  })
  .superRefine((m, ctx) => {
    for (const key of healthSignalKeys) {
      const expected = healthSignalDirections[key];
      const c = m.components[key];
      if (c !== undefined && c.direction !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['components', key, 'direction'],
          message: `Expected ${expected}: ${key} always points that way`,
        });
      }
    }
  });
export type HealthModel = z.infer<typeof healthModelSchema>;
/** A model that scores every signal, as the default one does. */
export type CompleteHealthModel = HealthModel & {
  components: Record<HealthSignalKey, HealthComponentModel>;
};

/**
 * The default health model. Weights are relative (they add up to 100 here for readability);
 * thresholds are where a component scores 0 (`bad`) and 100 (`good`). See docs/metrics.md for why.
 */
export const defaultHealthModel: CompleteHealthModel = {
  components: {
    licenseUtilization: { weight: 20, direction: 'higher-is-better', bad: 40, good: 85 },
    nps: { weight: 10, direction: 'higher-is-better', bad: -20, good: 50 },
    csat: { weight: 10, direction: 'higher-is-better', bad: 60, good: 90 },
    fcr: { weight: 5, direction: 'higher-is-better', bad: 50, good: 80 },
    ticketsPerMonth: { weight: 5, direction: 'lower-is-better', bad: 15, good: 3 },
    openUrgentTickets: { weight: 10, direction: 'lower-is-better', bad: 3, good: 0 },
    mrrChange: { weight: 15, direction: 'higher-is-better', bad: -10, good: 10 },
    onboardingCompletion: { weight: 10, direction: 'higher-is-better', bad: 50, good: 100 },
    daysSinceLastTouch: { weight: 15, direction: 'lower-is-better', bad: 60, good: 14 },
  },
  bands: { green: 70, yellow: 40 },
};
