import { useState } from 'react';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { ApiError, api, tenantPath } from '../lib/api.ts';
import { type Backtest, type BacktestResult, backtestSchema, type Settings } from '../lib/api-schemas.ts';
import { useApi } from '../lib/use-api.ts';
import { BandBadge } from './BandBadge.tsx';
import { ErrorView, Loaded } from './States.tsx';

const HORIZONS = [30, 90, 180] as const;

/**
 * Beside the editor: how well the stored scores of `horizon` days ago predicted the churn since,
 * and (on request) how the draft would have done on the same accounts (docs/metrics.md, "Backtest").
 */
export function BacktestPanel({ tenant, draft }: { tenant: string; draft: Settings }) {
  const { t } = useI18n();
  const [horizon, setHorizon] = useState<number>(90);
  const { state, reload } = useApi(tenantPath(tenant, `/backtest?horizonDays=${horizon}`), backtestSchema);
  const [withDraft, setWithDraft] = useState<{ of: string; result: Backtest } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = `${horizon}:${JSON.stringify(draft.healthModel)}`;
  const runDraft = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api(tenantPath(tenant, '/backtest'), backtestSchema, {
        method: 'POST',
        body: { horizonDays: horizon, healthModel: draft.healthModel },
      });
      setWithDraft({ of: key, result });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('network', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const shown = withDraft?.of === key ? withDraft.result : null;
  return (
    <section className="card" data-testid="backtest">
      <div className="section-head">
        <h2>{t('backtest.title')}</h2>
        <label className="field inline">
          <span>{t('backtest.horizon')}</span>
          <select
            value={horizon}
            onChange={(e) => setHorizon(Number(e.target.value))}
            data-testid="backtest-horizon"
          >
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {t('backtest.days', { days: h })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('backtest.intro')}</p>
      <Loaded state={state} reload={reload}>
        {(data) => (
          <>
            <BacktestTable current={data.current} draft={shown?.draft ?? null} startDay={data.startDay} />
            <div className="buttons">
              <button type="button" onClick={runDraft} disabled={busy} data-testid="backtest-draft">
                {busy ? t('backtest.running') : t('backtest.run_draft')}
              </button>
            </div>
          </>
        )}
      </Loaded>
      {error ? <ErrorView error={error} /> : null}
    </section>
  );
}

function BacktestTable({
  current,
  draft,
  startDay,
}: {
  current: BacktestResult;
  draft: BacktestResult | null;
  startDay: string;
}) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const columns = draft ? [current, draft] : [current];
  const rate = (r: BacktestResult, b: 'green' | 'yellow' | 'red') =>
    `${f.percent(r.bands[b].churnRate)} (${f.number(r.bands[b].churned, 0)} / ${f.number(r.bands[b].accounts, 0)})`;
  if (current.accounts === 0)
    return (
      <p className="state empty" data-testid="backtest-empty">
        {t('backtest.empty', { date: f.date(startDay) })}
      </p>
    );
  return (
    <table data-testid="backtest-table">
      <thead>
        <tr>
          <th>{t('backtest.since', { date: f.date(startDay) })}</th>
          <th className="num">{t('backtest.current')}</th>
          {draft ? <th className="num">{t('backtest.draft')}</th> : null}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th>{t('backtest.auc')}</th>
          {columns.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: current, then draft
            <td key={i} className="num" data-testid={i === 0 ? 'backtest-auc' : 'backtest-draft-auc'}>
              {f.number(r.auc, 2)}
            </td>
          ))}
        </tr>
        {(['red', 'yellow', 'green'] as const).map((b) => (
          <tr key={b}>
            <th>
              {t('backtest.churn_in')} <BandBadge band={b} />
            </th>
            {columns.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: current, then draft
              <td key={i} className="num" data-testid={i === 0 ? `backtest-${b}` : undefined}>
                {rate(r, b)}
              </td>
            ))}
          </tr>
        ))}
        <tr>
          <th>{t('backtest.lift')}</th>
          {columns.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: current, then draft
            <td key={i} className="num" data-testid={i === 0 ? 'backtest-lift' : undefined}>
              {r.liftRedOverGreen === null ? f.number(null) : `× ${f.number(r.liftRedOverGreen, 1)}`}
            </td>
          ))}
        </tr>
        <tr>
          <th>{t('backtest.accounts')}</th>
          {columns.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: current, then draft
            <td key={i} className="num">
              {t('backtest.accounts_value', {
                accounts: f.number(r.accounts, 0),
                churned: f.number(r.churned, 0),
              })}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
