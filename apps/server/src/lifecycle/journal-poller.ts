import type { ApiClient } from '@csm/http';
import { downloadJournalFile, journalClient, lifecycleEventsOf, readJournalEntry } from '@csm/hubspot';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';
import type { Config } from '../config.ts';
import { deleteLapsedTenants } from './grace-deletion.ts';
import { applyLifecycleEvent } from './lifecycle-events.ts';

export interface LifecycleDeps {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
}

export interface JournalRound {
  /** Entries read this round. */
  entries: number;
  paused: number;
  /** Tenants deleted after their grace period. */
  deleted: string[];
  /** Why the journal was not read (no OAuth client configured). */
  skipped?: string;
}

/** At most this many entries a round; the next round goes on from the saved offset. */
const MAX_ENTRIES = 500;

/**
 * One round of the app's lifecycle: reads HubSpot's webhooks journal from the saved offset to its
 * newest entry (entries are kept 3 days; an offset past that starts again from the earliest, which
 * is harmless since applying an event twice changes nothing), applies each install and uninstall,
 * saves the offset after each entry, then deletes the tenants whose grace period is over.
 */
export async function pollLifecycleJournal(
  deps: LifecycleDeps,
  options: { journal?: ApiClient; maxEntries?: number } = {},
): Promise<JournalRound> {
  const round: JournalRound = { entries: 0, paused: 0, deleted: [] };
  const { HUBSPOT_CLIENT_ID: clientId, HUBSPOT_CLIENT_SECRET: clientSecret } = deps.config;
  if (!clientId || !clientSecret) round.skipped = 'HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are not set';
  else {
    const journal =
      options.journal ?? journalClient(deps.config.HUBSPOT_API_BASE_URL, { clientId, clientSecret });
    let offset = (await deps.store.lifecycle.journalOffset())?.offset ?? null;
    let restarted = false;
    while (round.entries < (options.maxEntries ?? MAX_ENTRIES)) {
      const entry = await readJournalEntry(journal, offset);
      if (entry === 'expired') {
        if (restarted) break;
        deps.logger.warn(
          { offset },
          'HubSpot journal offset expired (over 3 days old); reading from the earliest entry',
        );
        offset = null;
        restarted = true;
        continue;
      }
      if (entry === null) break;
      for (const event of lifecycleEventsOf(await downloadJournalFile(entry.url)))
        if ((await applyLifecycleEvent(deps, event)) === 'paused') round.paused += 1;
      offset = entry.currentOffset;
      await deps.store.lifecycle.saveJournalOffset(offset, deps.now());
      round.entries += 1;
    }
  }
  round.deleted = await deleteLapsedTenants(deps, deps.config.CSM_UNINSTALL_GRACE_DAYS, deps.now());
  return round;
}

/**
 * Runs {@link pollLifecycleJournal} now and every `HUBSPOT_JOURNAL_POLL_SECONDS` (0: never), one
 * round at a time; a failed round is logged and the next one tries again. Returns a stop function.
 */
export function startLifecycleJournal(deps: LifecycleDeps): () => void {
  const seconds = deps.config.HUBSPOT_JOURNAL_POLL_SECONDS;
  if (seconds <= 0) return () => {};
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    pollLifecycleJournal(deps)
      .then((round) => {
        if (round.entries || round.deleted.length)
          deps.logger.info({ ...round }, 'HubSpot app lifecycle round');
      })
      .catch((error: unknown) =>
        deps.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'HubSpot journal round failed',
        ),
      )
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
