import { useState } from 'react';
import { useParams } from 'react-router';
import { LedgerList } from '../components/LedgerList.tsx';
import { Empty, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { tenantPath } from '../lib/api.ts';
import { ledgerSchema } from '../lib/api-schemas.ts';
import { useApi } from '../lib/use-api.ts';

const PERIODS = [7, 30, 90] as const;
const MIN_CHANGES = [1, 5, 10] as const;

/** Every score change across the portfolio, with the components that moved it. */
export function LedgerPage() {
  const { tenant = '' } = useParams();
  const { t } = useI18n();
  const [days, setDays] = useState<number>(30);
  const [minChange, setMinChange] = useState<number>(5);
  const { state, reload } = useApi(
    tenantPath(tenant, `/ledger?days=${days}&minChange=${minChange}&limit=200`),
    ledgerSchema,
  );
  return (
    <>
      <h1>{t('ledger.title')}</h1>
      <p className="muted">{t('ledger.intro')}</p>
      <label className="field inline">
        <span>{t('ledger.days')}</span>
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="ledger-days">
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('ledger.last_days', { days: d })}
            </option>
          ))}
        </select>
      </label>{' '}
      <label className="field inline">
        <span>{t('ledger.min_change')}</span>
        <select
          value={minChange}
          onChange={(e) => setMinChange(Number(e.target.value))}
          data-testid="ledger-min"
        >
          {MIN_CHANGES.map((p) => (
            <option key={p} value={p}>
              {t('ledger.points_at_least', { points: p })}
            </option>
          ))}
        </select>
      </label>
      <section className="card">
        <Loaded state={state} reload={reload}>
          {(data) =>
            data.entries.length ? (
              <LedgerList entries={data.entries} tenant={tenant} showAccount testId="ledger" />
            ) : (
              <Empty testId="ledger-empty">{t('ledger.empty')}</Empty>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
