import type { ApiClient } from './api-client.ts';

/** A record a stream could not map, kept with the reason instead of crashing the run. */
export interface QuarantinedRecord {
  externalId: string;
  reason: string;
  payload: unknown;
}

/** One page of a stream: its records, what was set aside, and the checkpoint that covers them. */
export interface StreamPage<TKind extends string = string, TRecord = unknown> {
  kind: TKind;
  records: TRecord[];
  quarantined: QuarantinedRecord[];
  /** Where to resume after this page; committed in the same transaction as its records. */
  checkpoint: unknown;
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
