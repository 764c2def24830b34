import { createHash } from 'node:crypto';
import type { IngestedAnswer, Store } from '@csm/store';
import { resolveRowAccounts } from './accounts.ts';
import { type RowOrigin, rowError, rowErrorFromZod } from './batch-errors.ts';
import { type CsvRow, numberCell, parseCsv } from './csv.ts';
import { defaultScales, type SurveyAnswerInput, surveyAnswerSchema } from './schemas.ts';

/** The CSV columns of `POST /api/v1/ingest/surveys` (docs/ingestion.md). */
export const surveyCsvColumns = [
  'accountId',
  'accountDomain',
  'surveyType',
  'value',
  'scaleMin',
  'scaleMax',
  'comment',
  'respondentEmail',
  'submittedAt',
  'externalId',
  'source',
] as const;

export interface SurveyRow {
  input: SurveyAnswerInput;
  origin: RowOrigin;
}

/** A CSV upload as validated rows; the first bad row refuses the batch with its line. */
export function surveyRowsFromCsv(text: string): SurveyRow[] {
  return parseCsv(text, surveyCsvColumns).map((row, index) => {
    const origin = { row: index, line: row.line };
    const parsed = surveyAnswerSchema.safeParse(surveyCellsToInput(row));
    if (!parsed.success) throw rowErrorFromZod(parsed.error, origin);
    return { input: parsed.data, origin };
  });
}

function surveyCellsToInput({ cells }: CsvRow): Record<string, unknown> {
  const { scaleMin, scaleMax, value, submittedAt, surveyType, ...rest } = cells;
  return {
    ...rest,
    ...(surveyType === undefined ? {} : { surveyType: surveyType.toUpperCase() }),
    ...(value === undefined ? {} : { value: numberCell(value) }),
    ...(submittedAt === undefined
      ? {}
      : { submittedAt: /^\d+$/.test(submittedAt) ? Number(submittedAt) : submittedAt }),
    ...(scaleMin === undefined && scaleMax === undefined
      ? {}
      : { scale: { min: numberCell(scaleMin), max: numberCell(scaleMax) } }),
  };
}

/** An instant of the API (ISO time, ISO date = midnight UTC, Unix seconds) as a Date. */
export function toInstant(value: string | number): Date {
  if (typeof value === 'number') return new Date(value * 1000);
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

const EARLIEST = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;

/** The canonical form of the rows: the same batch as JSON or CSV hashes the same. */
export function surveyContentHash(rows: readonly SurveyRow[]): string {
  const hash = createHash('sha256');
  for (const { input: a } of rows) {
    const scale = a.scale ?? defaultScales[a.surveyType];
    hash.update(
      JSON.stringify([
        a.accountId === undefined ? null : String(a.accountId),
        a.accountDomain?.toLowerCase() ?? null,
        a.surveyType,
        a.value,
        scale.min,
        scale.max,
        a.comment ?? null,
        a.respondentEmail?.toLowerCase() ?? null,
        toInstant(a.submittedAt).toISOString(),
        a.externalId ?? null,
        a.source?.toLowerCase() ?? null,
      ]),
    );
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * Turns validated rows into stored answers: times in range, accounts of this tenant, respondents
 * matched to HubSpot contacts, and each answer's key: `<source>:<externalId>` when the tool gave an
 * id, else a hash of account, type, value, time and respondent, so that re-sending an answer never
 * counts it twice. A row repeating an earlier one is dropped (`duplicates`); one reusing an
 * externalId with other content refuses the batch.
 */
export async function prepareSurveyAnswers(
  store: Store,
  tenantId: number,
  rows: readonly SurveyRow[],
  now: Date,
): Promise<{ answers: IngestedAnswer[]; duplicates: number }> {
  const times = rows.map(({ input, origin }) => {
    const at = toInstant(input.submittedAt);
    if (Number.isNaN(at.getTime()) || at.getTime() < EARLIEST)
      throw rowError(origin, 'submittedAt', 'a time after 2000-01-01');
    if (at.getTime() > now.getTime() + DAY) throw rowError(origin, 'submittedAt', 'lies in the future');
    return at;
  });
  const companies = await resolveRowAccounts(
    store,
    tenantId,
    rows.map((r) => ({ ref: r.input, origin: r.origin })),
  );
  const emails = rows.flatMap((r) =>
    r.input.respondentEmail ? [r.input.respondentEmail.toLowerCase()] : [],
  );
  const contacts = await store.ingest.contactsByEmail(tenantId, emails);

  const byKey = new Map<string, { answer: IngestedAnswer; row: number; content: string }>();
  let duplicates = 0;
  rows.forEach(({ input, origin }, i) => {
    const companyId = companies[i] as string;
    const submittedAt = times[i] as Date;
    const email = input.respondentEmail?.toLowerCase() ?? null;
    const scale = input.scale ?? defaultScales[input.surveyType];
    const origin_ = input.source?.toLowerCase() ?? null;
    const externalId =
      input.externalId !== undefined
        ? `${origin_ ?? 'api'}:${input.externalId}`
        : `h:${createHash('sha256')
            .update(
              JSON.stringify([companyId, input.surveyType, input.value, submittedAt.toISOString(), email]),
            )
            .digest('hex')}`;
    const answer: IngestedAnswer = {
      externalId,
      surveyType: input.surveyType,
      value: input.value,
      scaleMin: scale.min,
      scaleMax: scale.max,
      companyId,
      contactId: email ? (contacts.get(email) ?? null) : null,
      comment: input.comment?.trim() ? input.comment : null,
      submittedAt,
      origin: origin_,
    };
    const content = JSON.stringify(answer);
    const seen = byKey.get(externalId);
    if (!seen) byKey.set(externalId, { answer, row: origin.row, content });
    else if (seen.content === content) duplicates++;
    else throw rowError(origin, 'externalId', `repeats rows[${seen.row}] with other content`);
  });
  return { answers: [...byKey.values()].map((v) => v.answer), duplicates };
}
