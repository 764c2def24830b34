import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { AccountsTable } from '../components/AccountsTable.tsx';
import { BandChart } from '../components/BandChart.tsx';
import { BandMoves } from '../components/BandMoves.tsx';
import { FigureTiles } from '../components/FigureTiles.tsx';
import { MovementsChart, RetentionChart, SurveyChart } from '../components/PortfolioCharts.tsx';
import { Empty, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { tenantPath } from '../lib/api.ts';
import {
  type Accounts,
  accountsSchema,
  bandsSchema,
  portfolioMonthsSchema,
  portfolioSchema,
} from '../lib/api-schemas.ts';
import { useApi } from '../lib/use-api.ts';

/** Red, or falling over the last 30 days: the accounts that need someone now. */
export const atRisk = (rows: Accounts['accounts']) =>
  rows.filter((r) => r.account.health.band === 'red' || r.trend?.direction === 'down');

export function PortfolioPage() {
  const { tenant = '' } = useParams();
  const { t, formatter } = useI18n();
  const accounts = useApi(tenantPath(tenant, '/accounts'), accountsSchema);
  const bands = useApi(tenantPath(tenant, '/bands?months=12'), bandsSchema);
  const months = useApi(tenantPath(tenant, '/portfolio/months?months=18'), portfolioMonthsSchema);
  const [period, setPeriod] = useState<string | null>(null);
  const portfolio = useApi(
    tenantPath(tenant, `/portfolio${period ? `?period=${encodeURIComponent(period)}` : ''}`),
    portfolioSchema,
  );
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
        <div className="section-head">
          <h2>{t('portfolio.figures_title')}</h2>
          <PeriodPicker
            months={
              months.state.status === 'ready' ? months.state.data.months.map((m) => m.period.label) : []
            }
            value={portfolio.state.status === 'ready' ? portfolio.state.data.figures.period.label : period}
            onChange={setPeriod}
          />
        </div>
        <Loaded state={portfolio.state} reload={portfolio.reload}>
          {(data) => (
            <FigureTiles figures={data.figures} previous={data.previous} f={formatter(data.currency)} />
          )}
        </Loaded>
      </section>

      <Loaded state={months.state} reload={months.reload}>
        {(data) => (
          <>
            <section className="card">
              <h2>{t('portfolio.movements_title')}</h2>
              <MovementsChart months={data.months} f={formatter(data.currency)} />
            </section>
            <div className="columns">
              <section className="card">
                <h2>{t('portfolio.retention_title')}</h2>
                <RetentionChart months={data.months} f={formatter(data.currency)} />
              </section>
              <section className="card">
                <h2>{t('portfolio.surveys_title')}</h2>
                <SurveyChart months={data.months} f={formatter(data.currency)} />
              </section>
            </div>
          </>
        )}
      </Loaded>

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

/** The months of the series and the quarters they cover, newest first. */
function PeriodPicker({
  months,
  value,
  onChange,
}: {
  months: string[];
  value: string | null;
  onChange: (period: string) => void;
}) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const quarters = [
    ...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`)),
  ];
  const current = months.at(-1);
  return (
    <label className="field inline">
      <span>{t('portfolio.period')}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid="period">
        {value && !months.includes(value) && !quarters.includes(value) ? (
          <option value={value}>{value}</option>
        ) : null}
        {[...months].reverse().map((m) => (
          <option key={m} value={m}>
            {m === current ? t('portfolio.this_month', { label: f.month(m) }) : f.month(m)}
          </option>
        ))}
        {[...quarters].reverse().map((q) => (
          <option key={q} value={q}>
            {q}
          </option>
        ))}
      </select>
    </label>
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
