import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { AccountsTable } from '../components/AccountsTable.tsx';
import { BandChart } from '../components/BandChart.tsx';
import { BandMoves } from '../components/BandMoves.tsx';
import { Empty, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { tenantPath } from '../lib/api.ts';
import { type Accounts, accountsSchema, bandsSchema } from '../lib/api-schemas.ts';
import { useApi } from '../lib/use-api.ts';

/** Red, or falling over the last 30 days: the accounts that need someone now. */
export const atRisk = (rows: Accounts['accounts']) =>
  rows.filter((r) => r.account.health.band === 'red' || r.trend?.direction === 'down');

export function PortfolioPage() {
  const { tenant = '' } = useParams();
  const { t, formatter } = useI18n();
  const accounts = useApi(tenantPath(tenant, '/accounts'), accountsSchema);
  const bands = useApi(tenantPath(tenant, '/bands?months=12'), bandsSchema);
  const [query, setQuery] = useState('');
  const f = formatter(accounts.state.status === 'ready' ? accounts.state.data.currency : null);
  const latest = bands.state.status === 'ready' ? bands.state.data.series.at(-1) : undefined;

  return (
    <>
      <h1>{t('portfolio.title')}</h1>
      <div className="tiles" data-testid="portfolio-tiles">
        <div className="tile">
          <span className="tile-label">{t('portfolio.accounts')}</span>
          <b data-testid="tile-accounts">
            {accounts.state.status === 'ready' ? f.number(accounts.state.data.accounts.length, 0) : '…'}
          </b>
        </div>
        {(['red', 'yellow', 'green'] as const).map((b) => (
          <div className={`tile tile-${b}`} key={b}>
            <span className="tile-label">{t(`bands.${b}`)}</span>
            <b data-testid={`tile-${b}`}>{latest ? f.number(latest[b], 0) : '…'}</b>
          </div>
        ))}
      </div>

      <section className="card">
        <h2>{t('portfolio.bands_title')}</h2>
        <Loaded state={bands.state} reload={bands.reload}>
          {(data) =>
            data.series.length === 0 ? (
              <Empty testId="bands-empty">{t('portfolio.bands_empty')}</Empty>
            ) : (
              <>
                <BandChart bands={data} />
                {data.moves ? <BandMoves moves={data.moves} /> : null}
              </>
            )
          }
        </Loaded>
      </section>

      <Loaded state={accounts.state} reload={accounts.reload}>
        {(data) => <AccountLists tenant={tenant} data={data} query={query} onQuery={setQuery} />}
      </Loaded>
    </>
  );
}

function AccountLists({
  tenant,
  data,
  query,
  onQuery,
}: {
  tenant: string;
  data: Accounts;
  query: string;
  onQuery: (q: string) => void;
}) {
  const { t, formatter } = useI18n();
  const f = formatter(data.currency);
  const risky = useMemo(() => atRisk(data.accounts), [data.accounts]);
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return data.accounts;
    return data.accounts.filter((r) =>
      [r.account.name, r.account.domain, r.account.hubspotCompanyId].some((v) =>
        v?.toLowerCase().includes(q),
      ),
    );
  }, [data.accounts, query]);
  if (data.accounts.length === 0) return <Empty testId="portfolio-empty">{t('portfolio.empty')}</Empty>;
  return (
    <>
      <section className="card">
        <h2>
          {t('portfolio.at_risk_title')}{' '}
          <span className="muted small">
            {t('portfolio.at_risk_count', { count: f.number(risky.length, 0) })}
          </span>
        </h2>
        {risky.length === 0 ? (
          <Empty testId="at-risk-empty">{t('portfolio.at_risk_empty')}</Empty>
        ) : (
          <AccountsTable
            tenant={tenant}
            rows={risky}
            currency={data.currency}
            testId="at-risk"
            initial={{ key: 'health', direction: 'asc' }}
          />
        )}
      </section>
      <section className="card">
        <h2>{t('portfolio.all_title')}</h2>
        <input
          type="search"
          className="search"
          placeholder={t('portfolio.search')}
          aria-label={t('portfolio.search')}
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          data-testid="account-search"
        />
        <AccountsTable
          tenant={tenant}
          rows={filtered}
          currency={data.currency}
          testId="all-accounts"
          initial={{ key: 'health', direction: 'asc' }}
          limit={200}
        />
      </section>
    </>
  );
}
