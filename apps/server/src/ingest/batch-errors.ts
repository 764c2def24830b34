import type { ZodError } from 'zod';
import { AppError, fieldPath } from '../http/errors.ts';

/** Where a row came from: its index in the batch and, for CSV, its line. */
export interface RowOrigin {
  row: number;
  /** CSV only: the line of the file (the header is line 1). */
  line?: number;
}

/**
 * The batch's refusal naming one row and field: `rows[3].value: NPS answers are 0-10`, with
 * `details: { row: 3, field: 'value' }` (and `line` for CSV). Nothing of the batch is written.
 *
 * @example
 * throw rowError({ row: 3, line: 5 }, 'accountId', 'no HubSpot company 42 for this tenant');
 */
export function rowError(origin: RowOrigin, field: string, message: string): AppError {
  const where = `rows[${origin.row}]${field ? `.${field}` : ''}`;
  const line = origin.line === undefined ? '' : ` (CSV line ${origin.line})`;
  return new AppError('invalid_input', `${where}${line}: ${message}`, {
    row: origin.row,
    field,
    ...(origin.line === undefined ? {} : { line: origin.line }),
  });
}

/** The first issue of a row's zod error as a {@link rowError}; `prefix` is the path to the row. */
export function rowErrorFromZod(error: ZodError, origin: RowOrigin): AppError {
  const issue = error.issues[0];
  if (!issue) return rowError(origin, '', 'invalid row');
  let field = fieldPath(issue.path);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    field = [field, key].filter(Boolean).join('.');
    message = `unknown field "${key}"`;
  }
  return rowError(origin, field, message);
}

/**
 * A batch body's zod error: an issue inside `<array>[i]` names that row; any other names the field
 * of the body (`answers: Too small: expected array to have >=1 items`).
 */
export function batchErrorFromZod(error: ZodError, arrayKey: string): AppError {
  const issue = error.issues[0];
  const [key, index, ...rest] = issue?.path ?? [];
  if (issue && key === arrayKey && typeof index === 'number') {
    return rowErrorFromZod({ ...error, issues: [{ ...issue, path: rest }] } as ZodError, { row: index });
  }
  if (issue?.code === 'unrecognized_keys' && issue.path.length === 0) {
    const field = issue.keys[0] ?? '';
    return new AppError(
      'invalid_input',
      `body.${field}: unknown field (expected idempotencyKey and ${arrayKey})`,
      {
        field,
      },
    );
  }
  const field = issue ? fieldPath(issue.path) : '';
  return new AppError('invalid_input', `body${field ? `.${field}` : ''}: ${issue?.message ?? 'invalid'}`, {
    field,
  });
}
