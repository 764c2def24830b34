import { Link } from 'react-router';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { LedgerEntry } from '../lib/api-schemas.ts';
import { signalLabel, signalValue } from '../lib/labels.ts';
import { BandBadge } from './BandBadge.tsx';

/**
 * Score changes, newest first: "−12 points: Open urgent tickets −10, CSAT −2", the values that
 * moved, and (on an account's page) the records dated in between, linked to HubSpot / Zendesk.
 */
export function LedgerList({
  entries,
  tenant,
  showAccount,
  testId,
}: {
  entries: readonly LedgerEntry[];
  tenant: string;
  showAccount: boolean;
  testId: string;
}) {
  const { t, formatter } = useI18n();
  const f = formatter();
  return (
    <div className="table-wrap">
      <table className="ledger" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('ledger.col.day')}</th>
            {showAccount ? <th>{t('ledger.col.account')}</th> : null}
            <th className="num">{t('ledger.col.change')}</th>
            <th>{t('ledger.col.score')}</th>
            <th>{t('ledger.col.why')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.companyId}-${e.day}`} data-testid="ledger-entry">
              <td>{f.date(e.day)}</td>
              {showAccount ? (
                <td>
                  <Link to={`/${encodeURIComponent(tenant)}/accounts/${e.companyId}`}>
                    {e.name ?? e.companyId}
                  </Link>
                </td>
              ) : null}
              <td className={`num ${(e.delta ?? 0) < 0 ? 'down' : 'up'}`} data-testid="ledger-delta">
                {t('ledger.change', { delta: f.signed(e.delta, 1) })}
              </td>
              <td>
                {t('ledger.from_to', { from: f.number(e.previousScore, 1), to: f.number(e.score, 1) })}{' '}
                {e.band !== e.previousBand ? (
                  <>
                    <BandBadge band={e.previousBand} /> → <BandBadge band={e.band} />
                  </>
                ) : null}
              </td>
              <td>
                <ul className="movers">
                  {e.movers.slice(0, 4).map((m) => (
                    <li key={m.key}>
                      <b className={m.delta < 0 ? 'down' : 'up'}>
                        {t('ledger.moved_by', { label: signalLabel(t, m.key), delta: f.signed(m.delta, 1) })}
                      </b>{' '}
                      <span className="muted small">
                        {t('ledger.from_to', {
                          from: signalValue(t, f, m.key, m.valueThen),
                          to: signalValue(t, f, m.key, m.valueNow),
                        })}
                      </span>
                    </li>
                  ))}
                </ul>
                {e.records?.length ? (
                  <details className="records">
                    <summary>
                      {t('ledger.records')} ({f.number(e.records.length, 0)})
                    </summary>
                    <ul>
                      {e.records.slice(0, 20).map((r) => {
                        const text =
                          r.kind === 'survey'
                            ? t('ledger.record.survey', {
                                type: r.detail ?? '',
                                value: r.value !== null ? f.number(r.value, 0) : (r.rating ?? ''),
                              })
                            : t(`ledger.record.${r.kind}`, { id: r.externalId });
                        return (
                          <li key={`${r.kind}-${r.source}-${r.externalId}`}>
                            {r.url ? (
                              <a href={r.url} target="_blank" rel="noreferrer">
                                {text}
                              </a>
                            ) : (
                              text
                            )}{' '}
                            <span className="muted small">{f.date(r.at)}</span>
                          </li>
                        );
                      })}
                    </ul>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
