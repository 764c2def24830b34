import { type ChangeEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { z } from 'zod';
import { ErrorView, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { ApiError, api, tenantPath } from '../lib/api.ts';
import {
  type Connections,
  connectionsSchema,
  type IngestResult,
  ingestResultSchema,
} from '../lib/api-schemas.ts';
import { readText } from '../lib/read-text.ts';
import { useApi } from '../lib/use-api.ts';

/** Each side's state and syncs, "sync now", and CSV uploads of survey answers and usage. */
export function ConnectionsPage() {
  const { tenant = '' } = useParams();
  const { t } = useI18n();
  const { state, reload, refresh } = useApi(tenantPath(tenant, '/connections'), connectionsSchema);
  /** The newest run's id when "sync now" was clicked: the sync is done once newer runs all ended. */
  const [after, setAfter] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const data = state.status === 'ready' ? state.data : null;
  const newer = data && after !== null ? data.runs.filter((r) => r.id > after) : [];
  const waiting = after !== null && (newer.length === 0 || newer.some((r) => r.status === 'running'));
  const running = Boolean(data?.syncing || data?.runs.some((r) => r.status === 'running') || waiting);
  // While a sync runs, the page follows it.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refresh, 2000);
    return () => clearInterval(timer);
  }, [running, refresh]);
  useEffect(() => {
    if (after !== null && !waiting) setAfter(null);
  }, [after, waiting]);
  const syncNow = async () => {
    setError(null);
    try {
      await api(tenantPath(tenant, '/sync'), z.object({ queued: z.literal(true) }), {
        method: 'POST',
        body: {},
      });
      setAfter(data?.runs[0]?.id ?? 0);
      refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('network', String(e)));
    }
  };
  return (
    <>
      <div className="section-head">
        <h1>{t('connections.title')}</h1>
        <button type="button" className="primary" onClick={syncNow} disabled={running} data-testid="sync-now">
          {running ? t('connections.syncing') : t('connections.sync_now')}
        </button>
      </div>
      {error ? <ErrorView error={error} /> : null}
      <Loaded state={state} reload={reload}>
        {(data) => <ConnectionsView data={data} />}
      </Loaded>
      <Uploads tenant={tenant} />
    </>
  );
}

function ConnectionsView({ data }: { data: Connections }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  return (
    <>
      <div className="columns">
        {(['hubspot', 'zendesk'] as const).map((source) => {
          const s = data[source];
          return (
            <section className="card" key={source} data-testid={`connection-${source}`}>
              <h2>{t(`connections.${source}`)}</h2>
              <dl className="facts">
                <dt>{t('connections.state')}</dt>
                <dd data-testid={`connection-${source}-state`}>
                  {s.connected
                    ? t('connections.connected', { kind: s.kind ?? '' })
                    : t('connections.not_connected')}
                </dd>
                <dt>{t(`connections.account_${source}`)}</dt>
                <dd>{s.account ?? '—'}</dd>
                <dt>{t('connections.last_run')}</dt>
                <dd>
                  {s.lastRunAt
                    ? `${f.relative(s.lastRunAt)} · ${t(`connections.status.${(s.lastStatus ?? 'running') as 'running'}`)}`
                    : t('connections.never')}
                </dd>
                <dt>{t('connections.last_success')}</dt>
                <dd>{s.lastSucceededAt ? f.dateTime(s.lastSucceededAt) : t('connections.never')}</dd>
              </dl>
            </section>
          );
        })}
      </div>
      <div className="columns">
        <section className="card">
          <h2>{t('connections.records')}</h2>
          <table data-testid="connection-records">
            <tbody>
              {Object.entries(data.records).map(([kind, n]) => (
                <tr key={kind}>
                  <th>{t(`connections.kind.${kind as 'companies'}`)}</th>
                  <td className="num">{f.number(n, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>{t('connections.streams')}</h2>
          <table data-testid="connection-streams">
            <thead>
              <tr>
                <th>{t('connections.stream')}</th>
                <th>{t('connections.last_page')}</th>
              </tr>
            </thead>
            <tbody>
              {data.streams.map((s) => (
                <tr key={s.stream}>
                  <td>
                    <code>{s.stream}</code>
                  </td>
                  <td>{f.dateTime(s.cursorAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card">
        <h2>{t('connections.runs')}</h2>
        <div className="table-wrap">
          <table data-testid="connection-runs">
            <thead>
              <tr>
                <th>{t('connections.col.source')}</th>
                <th>{t('connections.col.started')}</th>
                <th>{t('connections.col.status')}</th>
                <th className="num">{t('connections.col.requests')}</th>
                <th className="num">{t('connections.col.rate_limited')}</th>
                <th className="num">{t('connections.col.waited')}</th>
                <th>{t('connections.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((r) => (
                <tr key={r.id} data-status={r.status}>
                  <td>
                    {t(`connections.${r.source as 'hubspot'}`)} <span className="muted small">{r.mode}</span>
                  </td>
                  <td>{f.dateTime(r.startedAt)}</td>
                  <td className={r.status === 'failed' ? 'down' : ''}>
                    {t(`connections.status.${r.status as 'running'}`)}
                  </td>
                  <td className="num">{f.number(r.requests?.requests ?? null, 0)}</td>
                  <td className="num">{f.number(r.requests?.rateLimited ?? null, 0)}</td>
                  <td className="num">
                    {r.requests
                      ? t('connections.seconds', { value: f.number(r.requests.budgetWaitMs / 1000, 1) })
                      : '—'}
                  </td>
                  <td>
                    {r.error ? <div className="down small">{r.error}</div> : null}
                    {r.streams.length ? (
                      <details className="records">
                        <summary>{t('connections.stream_details', { count: r.streams.length })}</summary>
                        <ul>
                          {r.streams.map((s) => (
                            <li key={s.stream}>
                              <code>{s.stream}</code>{' '}
                              {s.skipped
                                ? t('connections.skipped', { reason: s.skipped })
                                : t('connections.stream_result', {
                                    records: f.number(s.records, 0),
                                    pages: f.number(s.pages, 0),
                                    quarantined: f.number(s.quarantined, 0),
                                  })}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

/** CSV files of survey answers or usage, posted to the ingestion API for this tenant. */
function Uploads({ tenant }: { tenant: string }) {
  const { t, formatter } = useI18n();
  const f = formatter();
  const [result, setResult] = useState<{ kind: string; result: IngestResult } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const upload = (kind: 'surveys' | 'usage') => async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const text = await readText(file);
      const answer = await api(tenantPath(tenant, `/ingest/${kind}`), ingestResultSchema, {
        method: 'POST',
        text: { body: text, type: 'text/csv' },
      });
      setResult({ kind, result: answer });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('network', String(err)));
    }
  };
  return (
    <section className="card" data-testid="uploads">
      <h2>{t('connections.upload')}</h2>
      <p className="muted small">{t('connections.upload_intro')}</p>
      <div className="buttons">
        {(['surveys', 'usage'] as const).map((kind) => (
          <label className="button-like" key={kind}>
            {t(`connections.upload_${kind}`)}
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={upload(kind)}
              data-testid={`upload-${kind}`}
            />
          </label>
        ))}
      </div>
      {result ? (
        <p className="ok" role="status" data-testid="upload-result">
          {t('connections.uploaded', {
            received: f.number(result.result.received, 0),
            inserted: f.number(result.result.inserted, 0),
            updated: f.number(result.result.updated, 0),
            unchanged: f.number(result.result.unchanged, 0),
          })}
        </p>
      ) : null}
      {error ? <ErrorView error={error} /> : null}
    </section>
  );
}
