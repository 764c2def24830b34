import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../http/errors.ts';
import { MAX_BATCH_ROWS } from './schemas.ts';

/** One CSV record: its non-empty cells by column, and the line it ends on (the header is line 1). */
export interface CsvRow {
  cells: Record<string, string>;
  line: number;
}

/**
 * Parses a CSV upload with a header row. Columns must be among `columns` (or match
 * `columnPattern`), so that a typo is refused rather than silently dropped; empty cells are left
 * out; a UTF-8 BOM, CRLF line ends and quoted fields (with commas and line breaks) are fine.
 * A malformed file (unclosed quote, a row with more or fewer cells than the header) is refused
 * with its line.
 */
export function parseCsv(text: string, columns: readonly string[], columnPattern?: RegExp): CsvRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const unknown = names.find((h) => !columns.includes(h) && !columnPattern?.test(h));
        if (unknown !== undefined)
          throw new AppError(
            'invalid_input',
            `CSV line 1: unknown column "${unknown}" (columns: ${columns.join(', ')}${columnPattern ? ', feature:<name>' : ''})`,
            { field: unknown, line: 1 },
          );
        const seen = names.find((h, i) => names.indexOf(h) !== i);
        if (seen !== undefined)
          throw new AppError('invalid_input', `CSV line 1: column "${seen}" appears twice`, {
            field: seen,
            line: 1,
          });
        return names;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
      // One row more than allowed is enough to refuse the batch.
      to: MAX_BATCH_ROWS + 1,
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new AppError('invalid_input', `CSV${line ? ` line ${line}` : ''}: ${error.message}`, {
        ...(line ? { line } : {}),
      });
    }
    throw error;
  }
  if (records.length === 0)
    throw new AppError('invalid_input', 'CSV: a header row and at least one row are needed');
  if (records.length > MAX_BATCH_ROWS)
    throw new AppError('invalid_input', `CSV: at most ${MAX_BATCH_ROWS} rows a batch; split the file`);
  return records.map(({ record, info }) => ({
    cells: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')),
    line: info.lines,
  }));
}

/** A cell as a number when it reads as one, else as it is (the schema then names the field). */
export function numberCell(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
}
