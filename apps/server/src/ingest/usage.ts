import { createHash } from 'node:crypto';
import type { AccountUsageRow, Store } from '@csm/store';
import { resolveRowAccounts } from './accounts.ts';
import { type RowOrigin, rowError, rowErrorFromZod } from './batch-errors.ts';
import { type CsvRow, numberCell, parseCsv } from './csv.ts';
import { type UsageRowInput, usageRowSchema } from './schemas.ts';

/** The CSV columns of `POST /api/v1/ingest/usage`; feature events are `feature:<name>` columns. */
export const usageCsvColumns = [
  'accountId',
  'accountDomain',
  'date',
  'activeUsers',
  'licensedSeats',
  'logins',
  'source',
] as const;
const featureColumn = /^feature:.{1,100}$/;

export interface UsageRow {
  input: UsageRowInput;
  origin: RowOrigin;
}

/** A CSV upload as validated rows; the first bad row refuses the batch with its line. */
export function usageRowsFromCsv(text: string): UsageRow[] {
  return parseCsv(text, usageCsvColumns, featureColumn).map((row, index) => {
    const origin = { row: index, line: row.line };
    const parsed = usageRowSchema.safeParse(usageCellsToInput(row));
    if (!parsed.success) {
      const error = rowErrorFromZod(parsed.error, origin);
      // `featureEvents.export` was the column `feature:export`.
      const field = String(error.details?.field ?? '');
      if (field.startsWith('featureEvents.'))
        throw rowError(
          origin,
          `feature:${field.slice('featureEvents.'.length)}`,
          error.message.split(': ').slice(1).join(': '),
        );
      throw error;
    }
    return { input: parsed.data, origin };
  });
}

function usageCellsToInput({ cells }: CsvRow): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const features: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(cells)) {
    if (column.startsWith('feature:')) features[column.slice('feature:'.length)] = numberCell(value);
    else if (column === 'activeUsers' || column === 'licensedSeats' || column === 'logins')
      input[column] = numberCell(value);
    else input[column] = value;
  }
  if (Object.keys(features).length) input.featureEvents = features;
  return input;
}

/** The canonical form of the rows: the same batch as JSON or CSV hashes the same. */
export function usageContentHash(rows: readonly UsageRow[]): string {
  const hash = createHash('sha256');
  for (const { input: u } of rows) {
    const features = u.featureEvents
      ? Object.entries(u.featureEvents).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : null;
    hash.update(
      JSON.stringify([
        u.accountId === undefined ? null : String(u.accountId),
        u.accountDomain?.toLowerCase() ?? null,
        u.date,
        u.activeUsers,
        u.licensedSeats,
        u.logins ?? null,
        features,
        u.source?.toLowerCase() ?? null,
      ]),
    );
    hash.update('\n');
  }
  return hash.digest('hex');
}

const DAY = 86_400_000;

/**
 * Turns validated rows into stored usage: real dates not after tomorrow (UTC), accounts of this
 * tenant, one row per account and day (an exact repeat is dropped as a duplicate; a second, different
 * row for the same account and day refuses the batch).
 */
export async function prepareUsageRows(
  store: Store,
  tenantId: number,
  rows: readonly UsageRow[],
  now: Date,
): Promise<{ rows: AccountUsageRow[]; duplicates: number }> {
  for (const { input, origin } of rows) {
    const day = new Date(`${input.date}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.date)
      throw rowError(origin, 'date', `${input.date} is not a calendar date`);
    if (day.getTime() > now.getTime() + DAY) throw rowError(origin, 'date', 'lies in the future');
    if (day.getTime() < Date.UTC(2000, 0, 1)) throw rowError(origin, 'date', 'a date after 2000-01-01');
  }
  const companies = await resolveRowAccounts(
    store,
    tenantId,
    rows.map((r) => ({ ref: r.input, origin: r.origin })),
  );
  const byKey = new Map<string, { row: AccountUsageRow; index: number; content: string }>();
  let duplicates = 0;
  rows.forEach(({ input, origin }, i) => {
    const row: AccountUsageRow = {
      companyId: companies[i] as string,
      day: input.date,
      activeUsers: input.activeUsers,
      licensedSeats: input.licensedSeats,
      logins: input.logins ?? null,
      featureEvents: input.featureEvents ?? null,
      source: input.source ? `ingest:${input.source.toLowerCase()}` : 'ingest',
    };
    const key = `${row.companyId}|${row.day}`;
    const content = JSON.stringify(row);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { row, index: origin.row, content });
    else if (seen.content === content) duplicates++;
    else
      throw rowError(
        origin,
        'date',
        `account ${row.companyId} already has a row for ${row.day} (rows[${seen.index}])`,
      );
  });
  return { rows: [...byKey.values()].map((v) => v.row), duplicates };
}
