import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorView, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { ApiError, api, tenantPath } from '../lib/api.ts';
import {
  COVERAGE_KEYS,
  type Coverage,
  companiesSchema,
  coverageSchema,
  linkSchema,
} from '../lib/api-schemas.ts';
import { useApi } from '../lib/use-api.ts';

/** What could not be matched, with counts and samples, and hand links of organizations to companies. */
export function CoveragePage() {
  const { tenant = '' } = useParams();
  const { t } = useI18n();
  const { state, reload, refresh } = useApi(tenantPath(tenant, '/coverage'), coverageSchema);
  return (
    <>
      <h1>{t('coverage.title')}</h1>
      <p className="muted">{t('coverage.intro')}</p>
      <Loaded state={state} reload={reload}>
        {(data) => <CoverageView tenant={tenant} data={data} onChanged={refresh} />}
      </Loaded>
    </>
  );
}

function CoverageView({
  tenant,
  data,
  onChanged,
}: {
  tenant: string;
  data: Coverage;
  onChanged: () => void;
}) {
  const { t, formatter } = useI18n();
  const f = formatter();
  return (
    <>
      <div className="tiles" data-testid="coverage-counts">
        {COVERAGE_KEYS.map((k) => (
          <div className="tile" key={k}>
            <span className="tile-label">{t(`coverage.count.${k}`)}</span>
            <b data-testid={`coverage-${k}`}>{f.number(data.counts[k].count, 0)}</b>
            {data.counts[k].sample.length ? (
              <details className="numbers">
                <summary>{t('coverage.sample')}</summary>
                <ul className="sample">
                  {data.counts[k].sample.map((id) => (
                    <li key={id}>
                      <code>{id}</code>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ))}
      </div>
      <section className="card">
        <h2>{t('coverage.organizations')}</h2>
        {data.organizations.length === 0 ? (
          <p className="state empty" data-testid="coverage-all-matched">
            {t('coverage.all_matched')}
          </p>
        ) : (
          <table data-testid="coverage-organizations">
            <thead>
              <tr>
                <th>{t('coverage.col.organization')}</th>
                <th>{t('coverage.col.domains')}</th>
                <th className="num">{t('coverage.col.tickets')}</th>
                <th>{t('coverage.col.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.organizations.map((o) => (
                <tr key={o.zendeskOrgId} data-org={o.zendeskOrgId}>
                  <td>
                    {o.name ?? o.zendeskOrgId}
                    <div className="muted small">{o.zendeskOrgId}</div>
                  </td>
                  <td>{o.domainNames.join(', ') || '—'}</td>
                  <td className="num">{f.number(o.tickets, 0)}</td>
                  <td data-testid="org-state">
                    {o.explicit ? (
                      <>
                        {t('coverage.state.linked')}{' '}
                        <Link to={`/${encodeURIComponent(tenant)}/accounts/${o.linkedCompanyId}`}>
                          {o.linkedCompanyName ?? o.linkedCompanyId}
                        </Link>
                      </>
                    ) : o.linkedCompanyId ? (
                      t('coverage.state.ambiguous', { count: o.domainMatches })
                    ) : (
                      t('coverage.state.unmatched')
                    )}
                  </td>
                  <td>
                    <LinkOrganization tenant={tenant} org={o} onChanged={onChanged} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** Pick a company for an organization (or undo a hand link): the server recomputes the cards. */
function LinkOrganization({
  tenant,
  org,
  onChanged,
}: {
  tenant: string;
  org: Coverage['organizations'][number];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const search = useApi(
    open && query.trim().length >= 2
      ? tenantPath(tenant, `/companies?query=${encodeURIComponent(query.trim())}`)
      : null,
    companiesSchema,
  );
  const path = tenantPath(tenant, `/organizations/${org.zendeskOrgId}/link`);
  const act = async (companyId: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api(
        path,
        linkSchema,
        companyId ? { method: 'PUT', body: { companyId } } : { method: 'DELETE' },
      );
      setDone(
        result.hubspotCompanyId ? t('coverage.linked', { tickets: result.tickets }) : t('coverage.unlinked'),
      );
      setOpen(false);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('network', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="link-org">
      {org.explicit ? (
        <button
          type="button"
          className="link"
          onClick={() => act(null)}
          disabled={busy}
          data-testid="org-unlink"
        >
          {t('coverage.unlink')}
        </button>
      ) : (
        <button type="button" className="link" onClick={() => setOpen((o) => !o)} data-testid="org-link">
          {t('coverage.link')}
        </button>
      )}
      {open ? (
        <div className="picker">
          <input
            type="search"
            placeholder={t('coverage.search')}
            aria-label={t('coverage.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="org-company-search"
          />
          {search.state.status === 'ready' ? (
            <ul data-testid="org-company-results">
              {search.state.data.companies.map((c) => (
                <li key={c.companyId}>
                  <button type="button" className="link" onClick={() => act(c.companyId)} disabled={busy}>
                    {c.name ?? c.companyId} <span className="muted small">{c.domain ?? ''}</span>
                  </button>
                </li>
              ))}
              {search.state.data.companies.length === 0 ? (
                <li className="muted">{t('coverage.no_company')}</li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}
      {done ? (
        <div className="ok small" role="status">
          {done}
        </div>
      ) : null}
      {error ? <ErrorView error={error} /> : null}
    </div>
  );
}
