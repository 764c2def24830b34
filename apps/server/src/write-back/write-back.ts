/**
 * Write-back: after each sync, keep the app's company properties in HubSpot
 * (health score and band, NPS, CSAT, FCR, last computed) equal to the stored account figures, so
 * that HubSpot lists, workflows and reports can use them.
 *
 * Only what changed is sent: each company's values are compared with what the last successful
 * write sent (`company_property_writes`), 100 companies per `batch/update` call, through the
 * tenant's HubSpot client (its rate budget and retry table). `csm_last_computed` alone never
 * counts as a change (it moves on every refresh, which would rewrite every company on every
 * sync); it is sent, with the other values, whenever one of them changed, so it says when the
 * values HubSpot holds were computed.
 *
 * Only cards stored since the last complete write-back (less an overlap) are compared: the refresh
 * rewrites a card only when its figures change, so the others still hold what was sent, and a
 * webhook's sync does not read every account of a large portal again.
 */
import type { ApiClient } from '@csm/http';
import {
  BATCH_UPDATE_SIZE,
  type BatchUpdateInput,
  batchUpdateCompanies,
  companyAppProperties,
  companyPropertyValues,
  writeBackRefusal,
} from '@csm/hubspot';
import type { Store, WriteBackCandidate } from '@csm/store';
import type { Logger } from '@csm/sync';

export interface WriteBackOptions {
  store: Store;
  tenantId: number;
  hubspot: ApiClient;
  now?: () => Date;
  logger?: Logger;
  /** Accounts read per page (bounded memory). */
  pageSize?: number;
  /**
   * How far before the newest stored card the next write-back starts comparing again: a refresh
   * still writing (its cards dated at its start) while this one ran is read next time.
   */
  overlapMs?: number;
}

const OVERLAP_MS = 15 * 60_000;

export interface WriteBackResult {
  /** Companies whose properties were updated. */
  written: number;
  /** `batch/update` calls made. */
  calls: number;
  /** Companies HubSpot no longer has (deleted since the sync). */
  missing: number;
  /** Why the tenant was skipped (properties not created, scope missing), if it was. */
  skipped: string | null;
}

/** The values compared for "changed": every app property except the computation time. */
function changed(next: Record<string, string>, written: Record<string, string> | null): boolean {
  if (!written) return true;
  return Object.entries(next).some(
    ([name, value]) => name !== companyAppProperties.lastComputed && written[name] !== value,
  );
}

function inputOf(c: WriteBackCandidate): BatchUpdateInput | null {
  const properties = companyPropertyValues(c);
  return changed(properties, c.written) ? { id: c.companyId, properties } : null;
}

/**
 * Sends the changed companies' values, 100 a call, recording each successful call's values.
 * A portal that cannot take them (properties never created, scope missing: 400 / 403 / 404) is
 * skipped with one warning and no error; other failures throw (the after-sync step logs them) and
 * what was written before them stays recorded.
 *
 * @example
 * await writeBackCompanyProperties({ store, tenantId: tenant.id, hubspot: clients.hubspot });
 */
export async function writeBackCompanyProperties(options: WriteBackOptions): Promise<WriteBackResult> {
  const { store, tenantId, hubspot } = options;
  const now = options.now ?? (() => new Date());
  const result: WriteBackResult = { written: 0, calls: 0, missing: 0, skipped: null };
  let pending: BatchUpdateInput[] = [];

  const send = async (inputs: BatchUpdateInput[]) => {
    result.calls += 1;
    const { updated, missing } = await batchUpdateCompanies(hubspot, inputs);
    const done = new Set(updated);
    await store.writeBack.record(
      tenantId,
      inputs.filter((i) => done.has(i.id)).map((i) => ({ companyId: i.id, properties: i.properties })),
      now(),
    );
    result.written += done.size;
    result.missing += missing.length;
  };

  // Only cards stored since the last complete write-back can hold values HubSpot lacks.
  const mark = await store.writeBack.mark(tenantId);
  try {
    let after: string | null = null;
    for (;;) {
      const page = await store.writeBack.candidates(tenantId, after, options.pageSize ?? 1000, mark.through);
      if (page.length === 0) break;
      after = page[page.length - 1]!.companyId;
      for (const candidate of page) {
        const input = inputOf(candidate);
        if (input) pending.push(input);
        if (pending.length === BATCH_UPDATE_SIZE) {
          await send(pending);
          pending = [];
        }
      }
    }
    if (pending.length) await send(pending);
    // Every card was compared and every change sent: the next write-back starts near here. A
    // failure or a refused portal leaves the mark, so that those cards are compared again.
    if (mark.latest) {
      await store.writeBack.advance(
        tenantId,
        new Date(mark.latest.getTime() - (options.overlapMs ?? OVERLAP_MS)),
      );
    }
  } catch (error) {
    const refusal = writeBackRefusal(error);
    if (!refusal) throw error;
    result.skipped = refusal;
    options.logger?.warn({ tenantId, reason: refusal }, 'HubSpot write-back skipped for this tenant');
  }
  return result;
}
