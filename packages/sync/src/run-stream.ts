import type { ApiClient, Stream } from '@csm/http';
import type { RecordKind, RecordOf, Store } from '@csm/store';

export interface StreamProgress {
  stream: string;
  pages: number;
  records: number;
  quarantined: number;
  done: boolean;
  /** Why the stream was skipped (its endpoint refused us: a missing scope, a feature not enabled). */
  skipped?: string;
  /** Why the stream read nothing: its feature is not switched on for the account (the other CSAT). */
  unavailable?: string;
}

export interface RunStreamOptions {
  store: Store;
  tenantId: number;
  client: ApiClient;
  stream: Stream<RecordKind, RecordOf<RecordKind>>;
  /** Start over from a backfill instead of the saved checkpoint. */
  full: boolean;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: StreamProgress) => void;
}

/**
 * The one loop that runs any stream: read from the checkpoint, and commit each page's records
 * with the checkpoint that covers them in a single transaction, so a crash at any point resumes
 * without losing or duplicating anything.
 */
export async function runStream(options: RunStreamOptions): Promise<StreamProgress> {
  const { store, tenantId, stream } = options;
  const checkpoint = options.full ? null : await store.getCursor(tenantId, stream.name);
  const progress: StreamProgress = { stream: stream.name, pages: 0, records: 0, quarantined: 0, done: false };
  const now = options.now ?? (() => new Date());
  const pages = stream
    .pages(options.client, { checkpoint, now: now(), signal: options.signal })
    [Symbol.asyncIterator]();
  // Read one page ahead: the next request is in flight while this page is written. Only a written
  // page moves the checkpoint, so a crash still resumes after the last committed page.
  let ahead = pages.next();
  for (;;) {
    const result = await ahead;
    if (result.done) break;
    const page = result.value;
    ahead = pages.next();
    // If the write below fails, the read ahead must not surface as an unhandled rejection.
    ahead.catch(() => undefined);
    options.signal?.throwIfAborted();
    await store.writePage({
      tenantId,
      stream: stream.name,
      kind: page.kind,
      records: page.records,
      quarantined: page.quarantined,
      cursor: page.checkpoint ?? undefined,
    });
    progress.pages += 1;
    if (page.unavailable) progress.unavailable = page.unavailable;
    progress.records += page.records.length;
    progress.quarantined += page.quarantined.length;
    options.onProgress?.({ ...progress });
  }
  progress.done = true;
  options.onProgress?.({ ...progress });
  return progress;
}
