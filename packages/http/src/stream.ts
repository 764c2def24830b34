import type { ApiClient } from './api-client.ts';

/** A record a stream could not map, kept with the reason instead of crashing the run. */
export interface QuarantinedRecord {
  externalId: string;
  reason: string;
  payload: unknown;
}

/** What a connector's mapping makes of one raw item: a record, a quarantined item, or nothing to keep. */
export type MappedRecord<T> =
  | { ok: true; record: T }
  | { ok: false; quarantined: QuarantinedRecord }
  | { ok: 'skip' };

/** One page of a stream: its records, what was set aside, and the checkpoint that covers them. */
export interface StreamPage<TKind extends string = string, TRecord = unknown> {
  kind: TKind;
  records: TRecord[];
  quarantined: QuarantinedRecord[];
  /** Where to resume after this page; committed in the same transaction as its records. */
  checkpoint: unknown;
  /** Set when the stream's feature is off for the account, so it read nothing: why (the Zendesk CSAT streams). */
  unavailable?: string;
}

export interface StreamContext {
  /** The checkpoint of the last committed page, or null for a backfill. */
  checkpoint: unknown;
  now: Date;
  signal?: AbortSignal;
}

/**
 * A stream is data plus one page loop: the sync engine runs any stream the same way, writing
 * each page with its checkpoint in one transaction.
 */
export interface Stream<TKind extends string = string, TRecord = unknown> {
  /** Unique per tenant, e.g. `hubspot.deals`; the checkpoint key. */
  name: string;
  source: 'hubspot' | 'zendesk';
  kind: TKind;
  /** Scopes the token needs; named in the error when the API answers 403. */
  requiredScopes: readonly string[];
  pages(client: ApiClient, context: StreamContext): AsyncIterable<StreamPage<TKind, TRecord>>;
}

/**
 * Maps a page's raw items into its records and quarantined items, in order; skipped items vanish.
 * The one loop both connectors use.
 */
export function mapPage<TKind extends string, TRecord>(
  kind: TKind,
  items: readonly unknown[],
  map: (item: unknown) => MappedRecord<TRecord>,
  checkpoint: unknown,
): StreamPage<TKind, TRecord> {
  const page: StreamPage<TKind, TRecord> = { kind, records: [], quarantined: [], checkpoint };
  for (const item of items) {
    const mapped = map(item);
    if (mapped.ok === true) page.records.push(mapped.record);
    else if (mapped.ok === false) page.quarantined.push(mapped.quarantined);
  }
  return page;
}
