import { z } from 'zod';
import { MetricInputError } from './errors.ts';

/** An answer scale from `min` to `max` (`min < max`). */
export const scaleSchema = z
  .strictObject({ min: z.number(), max: z.number() })
  .refine((s) => s.min < s.max, { message: 'Expected scale.min < scale.max', path: ['max'] });
export type Scale = z.infer<typeof scaleSchema>;

/**
 * Adds an issue at `key` when a cut-off (`positiveAtLeast`, `easyAtLeast`) lies off the scale: such a
 * cut-off would silently make every answer positive, or none.
 *
 * @example
 * schema.superRefine((o, ctx) => checkThresholdOnScale(o.scale, o.positiveAtLeast, 'positiveAtLeast', ctx));
 */
export function checkThresholdOnScale(
  scale: Scale,
  threshold: number,
  key: string,
  ctx: z.core.$RefinementCtx,
): void {
  if (threshold < scale.min || threshold > scale.max) {
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: `Expected ${key} within the scale ${scale.min}-${scale.max}`,
    });
  }
}

/**
 * Checks a scale and its cut-off as given in options against the standard scale they default to:
 * a custom scale without its cut-off is refused (an issue at `key`), since the standard cut-off
 * means nothing on another scale (4 of 1-5 would make 4-10 of 1-10 positive); a cut-off off its
 * scale is refused too.
 *
 * @example
 * schema.superRefine((o, ctx) => checkScaleCutOff(o.scale, o.positiveAtLeast, 'positiveAtLeast', { min: 1, max: 5 }, 4, ctx));
 */
export function checkScaleCutOff(
  scale: Scale | undefined,
  cutOff: number | undefined,
  key: string,
  standard: Scale,
  standardCutOff: number,
  ctx: z.core.$RefinementCtx,
): void {
  const custom = scale !== undefined && (scale.min !== standard.min || scale.max !== standard.max);
  if (custom && cutOff === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: `Expected ${key} with a custom scale: the default ${standardCutOff} is for ${standard.min}-${standard.max}`,
    });
    return;
  }
  checkThresholdOnScale(scale ?? standard, cutOff ?? standardCutOff, key, ctx);
}

/**
 * Throws a {@link MetricInputError} naming `root[i]` for the first numeric answer off `scale`
 * (or, with `wholeNumbers`, not a whole number).
 *
 * @example
 * assertAnswersOnScale([7, 8], { min: 1, max: 7 }, 'scores', true); // throws, field 'scores[1]'
 */
export function assertAnswersOnScale(
  answers: readonly unknown[],
  scale: Scale,
  root: string,
  wholeNumbers: boolean,
): void {
  answers.forEach((a, i) => {
    if (typeof a !== 'number') return;
    if ((wholeNumbers && !Number.isInteger(a)) || a < scale.min || a > scale.max) {
      const field = `${root}[${i}]`;
      const what = wholeNumbers ? 'a whole number' : 'a number';
      throw new MetricInputError(field, `${field}: expected ${what} from ${scale.min} to ${scale.max}`);
    }
  });
}
