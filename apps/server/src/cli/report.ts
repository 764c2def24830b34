import { type AccountReport, tenantReport } from '@csm/accounts';
import type { Store } from '@csm/store';
import { requireTenant } from './context.ts';

/**
 * Every account of a tenant (the `csm report --json` contract): the figures the cards serve (see
 * `tenantReport`), or computed at `now` when given.
 */
export async function buildReport(store: Store, name: string, now?: Date): Promise<AccountReport[]> {
  const tenant = await requireTenant(store, name);
  return tenantReport(store, tenant.id, now);
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
