import type { Store } from '@csm/store';
import { type AccountReport, accountReport } from '@csm/sync';
import { accountReportSchema } from '../cards/card-schemas.ts';
import { requireTenant } from './context.ts';

/**
 * Every account of a tenant (the `csm report --json` contract). Without `now`: the figures the
 * last sync stored, which the cards serve too, so both answer the same values; computed afresh
 * when they are missing or older than the last sync. With `now`: computed at that instant.
 */
export async function buildReport(store: Store, name: string, now?: Date): Promise<AccountReport[]> {
  const tenant = await requireTenant(store, name);
  if (!now) {
    const [stored, companies, freshness] = await Promise.all([
      store.accountMetrics.reports(tenant.id),
      store.countRecords(tenant.id, 'companies'),
      store.freshness(tenant.id),
    ]);
    const lastSync = [freshness.hubspot?.lastRunAt, freshness.zendesk?.lastRunAt]
      .filter((d): d is Date => d !== undefined)
      .reduce<Date | null>((m, d) => (!m || d > m ? d : m), null);
    const current = stored.count === companies && stored.oldest && (!lastSync || stored.oldest >= lastSync);
    // Parsing restores the contract's field order (jsonb sorts keys).
    if (current) return stored.reports.map((r) => accountReportSchema.parse(r) as AccountReport);
  }
  const at = now ?? new Date();
  const facts = await store.accountFacts(tenant.id);
  return facts.map((f) => accountReport(f, at));
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}`);
const money = (v: number | null) =>
  v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** A table for people (without `--json`). */
export function formatReport(rows: AccountReport[]): string {
  const header = ['company', 'name', 'health', 'band', 'NPS', 'CSAT %', 'FCR %', 'MRR', 'open'];
  const body = rows.map((r) => [
    r.hubspotCompanyId,
    (r.name ?? '').slice(0, 28),
    pct(r.health.score),
    r.health.band ?? '—',
    pct(r.nps.score),
    pct(r.csat.score),
    pct(r.fcr.rate),
    money(r.mrr),
    String(r.openTickets),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  return [header, ...body].map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}
