import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { AccountRow } from '../lib/api-schemas.ts';
import { ownerLabel, signalLabel } from '../lib/labels.ts';
import { type SortDirection, type SortValue, useSorted } from '../lib/sort.ts';
import { BandBadge } from './BandBadge.tsx';
import { SortHeader } from './SortHeader.tsx';

const BAND_RANK = { red: 0, yellow: 1, green: 2 } as const;

type Column =
  | 'account'
  | 'health'
  | 'band'
  | 'trend'
  | 'lever'
  | 'owner'
  | 'nps'
  | 'csat'
  | 'mrr'
  | 'renewal';

const COLUMNS: Record<Column, (r: AccountRow) => SortValue> = {
  account: (r) => (r.account.name ?? r.account.hubspotCompanyId).toLowerCase(),
  health: (r) => r.account.health.score,
  band: (r) => (r.account.health.band ? BAND_RANK[r.account.health.band] : null),
  trend: (r) => r.trend?.delta ?? null,
  lever: (r) => r.biggestLever,
  // By the name (or email) shown; owners known by their id alone sort with the unowned, last.
  owner: (r) => (r.owner?.name ?? r.owner?.email)?.toLowerCase() ?? null,
  nps: (r) => r.account.nps.score,
  csat: (r) => r.account.csat.score,
  mrr: (r) => r.account.mrr,
  renewal: (r) => r.revenue?.daysToRenewal ?? null,
};

/**
 * A sortable table of accounts: health, band, 30-day change, biggest lever, owner, NPS, CSAT,
 * MRR and renewal. Every value is the server's, formatted for the user's locale.
 */
export function AccountsTable({
  tenant,
  rows,
  currency,
  testId,
  initial,
  limit,
}: {
  tenant: string;
  rows: readonly AccountRow[];
  currency: string | null;
  testId: string;
  initial: { key: Column; direction: SortDirection };
  limit?: number;
}) {
  const { t, formatter } = useI18n();
  const f = formatter(currency);
  const columns = useMemo(() => COLUMNS, []);
  const { sorted, sort, toggle } = useSorted(rows, columns, initial);
  const header = (column: Column) => (
    <SortHeader
      column={column}
      label={t(`portfolio.col.${column}`)}
      sort={sort}
      onSort={toggle}
      testId={`${testId}-sort-${column}`}
    />
  );
  const shown = limit ? sorted.slice(0, limit) : sorted;
  return (
    <div className="table-wrap">
      <table className="accounts" data-testid={testId}>
        <thead>
          <tr>
            {header('account')}
            {header('health')}
            {header('band')}
            {header('trend')}
            {header('lever')}
            {header('owner')}
            {header('nps')}
            {header('csat')}
            {header('mrr')}
            {header('renewal')}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const a = r.account;
            return (
              <tr key={a.hubspotCompanyId} data-company={a.hubspotCompanyId}>
                <td>
                  <Link
                    to={`/${encodeURIComponent(tenant)}/accounts/${a.hubspotCompanyId}`}
                    data-testid="account-link"
                  >
                    {a.name ?? a.hubspotCompanyId}
                  </Link>
                  {a.domain ? <div className="muted small">{a.domain}</div> : null}
                </td>
                <td className="num" data-testid="cell-health">
                  {f.number(a.health.score, 1)}
                </td>
                <td>
                  <BandBadge band={a.health.band} />
                </td>
                <td className={`num ${(r.trend?.delta ?? 0) < 0 ? 'down' : ''}`} data-testid="cell-trend">
                  {f.signed(r.trend?.delta ?? null, 1)}
                </td>
                <td>{r.biggestLever ? signalLabel(t, r.biggestLever) : '—'}</td>
                <td data-testid="cell-owner" title={r.owner?.name ? (r.owner.email ?? undefined) : undefined}>
                  {ownerLabel(t, r.owner, r.ownerId)}
                </td>
                <td className="num">
                  {f.number(a.nps.score, 1)}
                  <div className="muted small">
                    {t('portfolio.answers', { count: f.number(a.nps.responses, 0) })}
                  </div>
                </td>
                <td className="num">{f.percent(a.csat.score)}</td>
                <td className="num" data-testid="cell-mrr">
                  {f.money(a.mrr)}
                </td>
                <td className="num">{r.revenue?.renewalDate ? f.date(r.revenue.renewalDate) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
