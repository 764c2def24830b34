import type { Db } from './db.ts';
import { idOrder } from './identity.ts';
import type { SurveyResponseRecord } from './records.ts';
import { type AccountUsageRow, upsertUsage } from './usage.ts';

/** What an ingestion batch holds. */
export type IngestKind = 'surveys' | 'usage';

/** A survey answer posted to the ingestion API, its account resolved and its key decided. */
export interface IngestedAnswer {
  /** Unique per tenant among ingested answers: `<tool>:<the tool's id>` or `h:<content hash>`. */
  externalId: string;
  surveyType: SurveyResponseRecord['surveyType'];
  value: number;
  scaleMin: number;
  scaleMax: number;
  /** The HubSpot company the answer names. */
  companyId: string;
  /** The HubSpot contact with the respondent's email, when there is one. */
  contactId: string | null;
  comment: string | null;
  submittedAt: Date;
  /** The survey tool (`delighted`, `surveymonkey`, ...); null when unsaid. */
  origin: string | null;
}

export type IngestOutcome<R> =
  | { status: 'written'; result: R }
  | { status: 'replayed'; result: unknown }
  | { status: 'conflict' };

/** What a batch may write, inside its transaction. */
export interface IngestWriter {
  surveyAnswers(
    answers: readonly IngestedAnswer[],
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  usage(rows: readonly AccountUsageRow[]): Promise<{ inserted: number; updated: number; unchanged: number }>;
}

const CHUNK = 5000;

async function writeAnswers(db: Db, tenantId: number, answers: readonly IngestedAnswer[]) {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < answers.length; i += CHUNK) {
    const chunk = answers.slice(i, i + CHUNK).map((a) => ({
      external_id: a.externalId,
      survey_type: a.surveyType,
      value: a.value,
      scale_min: a.scaleMin,
      scale_max: a.scaleMax,
      company_id: a.companyId,
      contact_id: a.contactId,
      comment: a.comment,
      submitted_at: a.submittedAt.toISOString(),
      origin: a.origin,
    }));
    // source = 'ingest' is what the identity rules attribute by company_id (identity.ts).
    const written = await db.query<{ inserted: boolean }>(
      `INSERT INTO survey_responses (tenant_id, source, external_id, survey_type, value, scale_min,
         scale_max, company_id, contact_id, comment, submitted_at, origin)
       SELECT $1, 'ingest', x.external_id, x.survey_type, x.value, x.scale_min, x.scale_max,
         x.company_id, x.contact_id, x.comment, x.submitted_at, x.origin
       FROM jsonb_to_recordset($2::jsonb) AS x(external_id text, survey_type text, value double precision,
         scale_min double precision, scale_max double precision, company_id text, contact_id text,
         comment text, submitted_at timestamptz, origin text)
       ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET survey_type = excluded.survey_type,
         value = excluded.value, scale_min = excluded.scale_min, scale_max = excluded.scale_max,
         company_id = excluded.company_id, contact_id = excluded.contact_id, comment = excluded.comment,
         submitted_at = excluded.submitted_at, origin = excluded.origin
       WHERE (survey_responses.survey_type, survey_responses.value, survey_responses.scale_min,
              survey_responses.scale_max, survey_responses.company_id, survey_responses.contact_id,
              survey_responses.comment, survey_responses.submitted_at, survey_responses.origin)
         IS DISTINCT FROM (excluded.survey_type, excluded.value, excluded.scale_min, excluded.scale_max,
              excluded.company_id, excluded.contact_id, excluded.comment, excluded.submitted_at, excluded.origin)
       RETURNING (xmax = 0) AS inserted`,
      [tenantId, JSON.stringify(chunk)],
    );
    for (const w of written) {
      if (w.inserted) inserted++;
      else updated++;
    }
  }
  return { inserted, updated, unchanged: answers.length - inserted - updated };
}

/**
 * Runs one ingestion batch in one transaction, at most once per idempotency key:
 * - no key: `write` runs and its result is returned (`written`);
 * - a new key: the key, the content hash and `write`'s result are recorded with the rows;
 * - a key seen with the same content hash: nothing is written, the first result comes back (`replayed`);
 * - a key seen with other content: nothing is written (`conflict`).
 * Concurrent batches with one key queue on the key's row (PostgreSQL), so only one writes.
 */
export async function commitIngestBatch<R>(
  db: Db,
  tenantId: number,
  batch: { kind: IngestKind; idempotencyKey: string | null; contentHash: string },
  write: (writer: IngestWriter) => Promise<R>,
): Promise<IngestOutcome<R>> {
  return db.transaction(async (tx) => {
    if (batch.idempotencyKey !== null) {
      const claimed = await tx.query(
        `INSERT INTO ingest_batches (tenant_id, kind, idempotency_key, content_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [tenantId, batch.kind, batch.idempotencyKey, batch.contentHash],
      );
      if (claimed.length === 0) {
        const [seen] = await tx.query<{ content_hash: string; result: unknown }>(
          'SELECT content_hash, result FROM ingest_batches WHERE tenant_id = $1 AND kind = $2 AND idempotency_key = $3',
          [tenantId, batch.kind, batch.idempotencyKey],
        );
        if (seen && seen.content_hash === batch.contentHash)
          return { status: 'replayed', result: seen.result };
        return { status: 'conflict' };
      }
    }
    const result = await write({
      surveyAnswers: (answers) => writeAnswers(tx, tenantId, answers),
      usage: (rows) => upsertUsage(tx, tenantId, rows),
    });
    if (batch.idempotencyKey !== null) {
      await tx.query(
        'UPDATE ingest_batches SET result = $4::jsonb WHERE tenant_id = $1 AND kind = $2 AND idempotency_key = $3',
        [tenantId, batch.kind, batch.idempotencyKey, JSON.stringify(result)],
      );
    }
    return { status: 'written', result };
  });
}

/**
 * Resolves the accounts a batch names: which of `ids` are the tenant's HubSpot companies, and the
 * company of each domain (case-insensitive; several companies with one domain: the smallest id,
 * as the identity rules pick). Ids and domains of other tenants are simply unknown.
 */
export async function resolveAccounts(
  db: Db,
  tenantId: number,
  ids: readonly string[],
  domains: readonly string[],
): Promise<{ ids: Set<string>; domains: Map<string, string> }> {
  const [known, byDomain] = await Promise.all([
    ids.length
      ? db.query<{ id: string }>(
          'SELECT hubspot_company_id AS id FROM companies WHERE tenant_id = $1 AND hubspot_company_id = ANY($2::text[])',
          [tenantId, [...new Set(ids)]],
        )
      : Promise.resolve([]),
    domains.length
      ? db.query<{ domain: string; id: string }>(
          `SELECT DISTINCT ON (lower(domain)) lower(domain) AS domain, hubspot_company_id AS id
           FROM companies WHERE tenant_id = $1 AND lower(domain) = ANY($2::text[])
           ORDER BY lower(domain), ${idOrder('hubspot_company_id')}`,
          [tenantId, [...new Set(domains.map((d) => d.toLowerCase()))]],
        )
      : Promise.resolve([]),
  ]);
  return { ids: new Set(known.map((r) => r.id)), domains: new Map(byDomain.map((r) => [r.domain, r.id])) };
}

/** Per lower-cased email, the tenant's HubSpot contact with it (the smallest id). */
export async function contactsByEmail(
  db: Db,
  tenantId: number,
  emails: readonly string[],
): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db.query<{ email: string; id: string }>(
    `SELECT DISTINCT ON (lower(email)) lower(email) AS email, hubspot_contact_id AS id
     FROM contacts WHERE tenant_id = $1 AND lower(email) = ANY($2::text[])
     ORDER BY lower(email), ${idOrder('hubspot_contact_id')}`,
    [tenantId, [...new Set(emails.map((e) => e.toLowerCase()))]],
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Ingestion batches: one transaction each, at most once per idempotency key. */
export interface IngestApi {
  commit<R>(
    tenantId: number,
    batch: { kind: IngestKind; idempotencyKey: string | null; contentHash: string },
    write: (writer: IngestWriter) => Promise<R>,
  ): Promise<IngestOutcome<R>>;
  /** Which ids are the tenant's companies, and the company of each domain. */
  resolveAccounts(
    tenantId: number,
    ids: readonly string[],
    domains: readonly string[],
  ): Promise<{ ids: Set<string>; domains: Map<string, string> }>;
  /** Per lower-cased email, the tenant's HubSpot contact id. */
  contactsByEmail(tenantId: number, emails: readonly string[]): Promise<Map<string, string>>;
}

export function ingestApi(db: Db): IngestApi {
  return {
    commit: (tenantId, batch, write) => commitIngestBatch(db, tenantId, batch, write),
    resolveAccounts: (tenantId, ids, domains) => resolveAccounts(db, tenantId, ids, domains),
    contactsByEmail: (tenantId, emails) => contactsByEmail(db, tenantId, emails),
  };
}
