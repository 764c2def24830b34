import { type HealthSignalKey, healthSignalKeySchema, healthTrend } from '@csm/metrics';
import type { AccountRecordEvent, SnapshotChange } from '@csm/store';
import type { z } from 'zod';
import type { ledgerEntrySchema } from './dashboard-schemas.ts';

/**
 * The score ledger: each change of an account's score between two daily snapshots, with the
 * components that moved it. Deltas are `healthTrend` of `@csm/metrics` (the same function as a
 * card's trend); a component present on one day only counts 0 on the other, as on the card.
 */

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

interface StoredComponent {
  key: string;
  value: number;
  contribution: number;
}

const componentsOf = (stored: unknown): Map<HealthSignalKey, StoredComponent> => {
  const out = new Map<HealthSignalKey, StoredComponent>();
  if (!Array.isArray(stored)) return out;
  for (const c of stored as StoredComponent[]) {
    const key = healthSignalKeySchema.safeParse(c?.key);
    if (key.success && typeof c.contribution === 'number') out.set(key.data, c);
  }
  return out;
};

/** One ledger entry from a snapshot and the one before it. */
export function ledgerEntry(change: SnapshotChange): LedgerEntry {
  const then = componentsOf(change.previousComponents);
  const now = componentsOf(change.components);
  const keys = [...new Set([...then.keys(), ...now.keys()])];
  const movers = keys
    .map((key) => {
      const a = then.get(key);
      const b = now.get(key);
      return {
        key,
        contributionThen: a?.contribution ?? null,
        contributionNow: b?.contribution ?? null,
        delta: healthTrend(b?.contribution ?? 0, a?.contribution ?? 0).delta ?? 0,
        valueThen: a?.value ?? null,
        valueNow: b?.value ?? null,
      };
    })
    .filter((m) => Math.abs(m.delta) > 1e-9)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta));
  return {
    companyId: change.companyId,
    name: change.name,
    day: change.day,
    previousDay: change.previousDay,
    score: change.score,
    previousScore: change.previousScore,
    delta: healthTrend(change.score, change.previousScore).delta,
    band: band(change.band),
    previousBand: band(change.previousBand),
    movers,
  };
}

const band = (b: string | null) => (b === 'green' || b === 'yellow' || b === 'red' ? b : null);

/** Where a person opens a record: the HubSpot or Zendesk page of it, where we know one. */
export interface RecordUrls {
  /** e.g. https://app.hubspot.com */
  hubspotApp: string;
  portalId: number | null;
  zendeskSubdomain: string | null;
}

export function recordUrl(e: AccountRecordEvent, urls: RecordUrls): string | null {
  const hubspot = (objectType: string, id: string) =>
    urls.portalId ? `${urls.hubspotApp}/contacts/${urls.portalId}/record/${objectType}/${id}` : null;
  const zendeskTicket = (id: string) =>
    urls.zendeskSubdomain ? `https://${urls.zendeskSubdomain}.zendesk.com/agent/tickets/${id}` : null;
  if (e.kind !== 'survey')
    return e.source === 'hubspot' ? hubspot('0-5', e.externalId) : zendeskTicket(e.externalId);
  if (e.source === 'hubspot') return hubspot('0-19', e.externalId);
  if (e.source === 'zendesk' && e.ticketId) return zendeskTicket(e.ticketId);
  return null;
}

/** The HubSpot company page. */
export const companyUrl = (urls: RecordUrls, companyId: string) =>
  urls.portalId ? `${urls.hubspotApp}/contacts/${urls.portalId}/company/${companyId}` : null;
