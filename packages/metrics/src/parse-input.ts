import type { z } from 'zod';
import { MetricInputError } from './errors.ts';

/**
 * Joins a zod issue path the way people write it: `scores[3]`, `tickets[0].status`, `options.scale.min`.
 * `root` is the parameter name for positional arguments (`scores`); named-argument objects pass `''`
 * so their fields read as plain keys (`atStart`).
 *
 * @example
 * formatPath('subscriptions', [2, 'mrr']); // 'subscriptions[2].mrr'
 */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'input' : out;
}

/**
 * Validates `value` with `schema` and returns the parsed output, or throws a {@link MetricInputError}
 * for the first issue (the first bad element of an array, in order), so callers get one precise field.
 *
 * @example
 * const scores = parseInput(npsScoresSchema, input, 'scores');
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unknown key is reported on its object; name the key itself, as a misspelt field would be.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...(issue?.path ?? []), ...(unknown === undefined ? [] : [unknown])];
  const field = formatPath(root, path);
  const message =
    unknown === undefined
      ? (issue?.message ?? 'invalid input')
      : 'unknown field (misspelt or not an input here)';
  throw new MetricInputError(field, `${field}: ${message}`, { cause: result.error });
}
