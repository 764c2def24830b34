import { z } from 'zod';
import { MetricInputError } from './errors.ts';

/** An answer scale from `min` to `max` (`min < max`). */
export const scaleSchema = z
  .object({ min: z.number(), max: z.number() })
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
