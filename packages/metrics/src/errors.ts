/**
 * Bad input to a metric: a score out of range, a negative MRR, an unknown ticket status, a bad month.
 * `field` names the offending input the way a person would write it, e.g. `scores[3]` or
 * `subscriptions[2].mrr`, so a form or an import report can point at the exact cell.
 *
 * @example
 * try {
 *   nps([10, 9, 11]);
 * } catch (error) {
 *   if (error instanceof MetricInputError) console.log(error.field); // 'scores[2]'
 * }
 */
export class MetricInputError extends Error {
  override readonly name = 'MetricInputError';
  readonly field: string;

  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.field = field;
  }
}
