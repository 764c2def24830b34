import { Link, useParams } from 'react-router';
import { BandBadge } from '../components/BandBadge.tsx';
import { ComponentsChart } from '../components/ComponentsChart.tsx';
import { HistoryChart } from '../components/HistoryChart.tsx';
import { LedgerList } from '../components/LedgerList.tsx';
import { Empty, Loaded } from '../components/States.tsx';
import { useI18n } from '../contexts/I18nProvider.tsx';
import { tenantPath } from '../lib/api.ts';
import { type AccountPage as Answer, accountPageSchema } from '../lib/api-schemas.ts';
import { ownerLabel, signalLabel } from '../lib/labels.ts';
import { useApi } from '../lib/use-api.ts';

/** Everything the HubSpot card shows of one account, plus its score history and ledger. */
export function AccountPage() {
  const { tenant = '', companyId = '' } = useParams();
  const { state, reload } = useApi(tenantPath(tenant, `/accounts/${companyId}?days=180`), accountPageSchema);
  const { t } = useI18n();
  return (
    <>
      <p>
        <Link to={`/${encodeURIComponent(tenant)}`}>← {t('account.back')}</Link>
      </p>
      <Loaded state={state} reload={reload}>
        {(data) => <AccountView tenant={tenant} data={data} />}
      </Loaded>
    </>
  );
}

function AccountView({ tenant, data }: { tenant: string; data: Answer }) {
  const { t, formatter } = useI18n();
  const { card } = data;
  const f = formatter(card.account.currency ?? null);
  const h = card.health;
  const lever = h.biggestLever ? h.components.find((c) => c.key === h.biggestLever) : undefined;
  const trend = h.trend;
  return (
    <article data-testid="account-page">
      <header className="account-head">
        <div>
          <h1 data-testid="account-name">{card.account.name ?? card.account.hubspotCompanyId}</h1>
          <div className="muted">
            {card.account.domain ?? ''} · {t('account.owner')}:{' '}
            <span data-testid="account-owner">{ownerLabel(t, data.owner, data.ownerId)}</span>
            {data.owner?.name && data.owner.email ? (
              <>
                {' '}
                (<a href={`mailto:${data.owner.email}`}>{data.owner.email}</a>)
              </>
            ) : null}
          </div>
        </div>
        <div className="links">
          {data.links.hubspot ? (
            <a href={data.links.hubspot} target="_blank" rel="noreferrer" data-testid="open-hubspot">
              {t('account.open_hubspot')} ↗
            </a>
          ) : null}
          {data.links.zendeskOrganizations.map((url) => (
            <a key={url} href={url} target="_blank" rel="noreferrer">
              {t('account.open_zendesk')} ↗
            </a>
          ))}
        </div>
      </header>

      <div className="tiles">
        <div className={`tile tile-${h.band ?? 'none'}`}>
          <span className="tile-label">{t('account.health')}</span>
          <b data-testid="health-score">{f.number(h.score, 0)}</b>
          <BandBadge band={h.band} testId="health-band" />
          <div className="small" data-testid="health-trend">
            {trend && trend.delta !== null
              ? `${t(`trend.${trend.direction ?? 'flat'}`)} · ${t('trend.since', { delta: f.signed(trend.delta, 1), date: f.date(trend.since) })}`
              : t('trend.none')}
            {trend?.basis === 'reconstructed' ? (
              <div className="muted">{t('trend.reconstructed')}</div>
            ) : null}
          </div>
        </div>
        <div className="tile">
          <span className="tile-label">{t('components.nps.label')}</span>
          <b data-testid="nps-score">{f.number(card.nps.score, 1)}</b>
          <div className="small muted">
            {t('account.nps_detail', {
              promoters: f.number(card.nps.promoters, 0),
              passives: f.number(card.nps.passives, 0),
              detractors: f.number(card.nps.detractors, 0),
            })}
          </div>
        </div>
        <div className="tile">
          <span className="tile-label">{t('components.csat.label')}</span>
          <b data-testid="csat-score">{f.percent(card.csat.score)}</b>
          <div className="small muted">
            {t('account.csat_detail', { count: f.number(card.csat.responses, 0) })}
          </div>
        </div>
        <div className="tile">
          <span className="tile-label">{t('components.fcr.label')}</span>
          <b data-testid="fcr-rate">{f.percent(card.fcr.rate)}</b>
          <div className="small muted">
            {t('account.fcr_detail', {
              resolved: f.number(card.fcr.firstContactResolved, 0),
              solved: f.number(card.fcr.solved, 0),
            })}
          </div>
        </div>
        <div className="tile">
          <span className="tile-label">{t('portfolio.mrr')}</span>
          <b data-testid="mrr">{f.money(card.revenue.mrr)}</b>
          <div className="small muted">
            {t('portfolio.arr')} {f.money(card.revenue.arr)}
          </div>
        </div>
        <div className="tile">
          <span className="tile-label">{t('account.tickets')}</span>
          <b data-testid="open-tickets">{f.number(card.tickets.open, 0)}</b>
          <div className="small muted">
            {t('account.tickets_detail', {
              open: f.number(card.tickets.open, 0),
              urgent: f.number(card.tickets.openUrgent, 0),
              recent: f.number(card.tickets.last30Days, 0),
            })}
          </div>
        </div>
      </div>

      <section className="card">
        <h2>{t('account.why')}</h2>
        <ComponentsChart components={h.components} />
        <p data-testid="health-lever">
          {lever
            ? t('account.lever', { label: signalLabel(t, lever.key), points: f.number(lever.gain, 1) })
            : t('account.no_lever')}
        </p>
        {h.missing.length ? (
          <p className="muted" data-testid="health-missing">
            {t('account.missing', { list: h.missing.map((k) => signalLabel(t, k)).join(', ') })}
          </p>
        ) : null}
        {trend?.movers.length ? (
          <p className="muted">
            {t('account.movers', {
              list: trend.movers
                .slice(0, 3)
                .map((m) => `${signalLabel(t, m.key)} ${f.signed(m.delta, 1)}`)
                .join(', '),
            })}
          </p>
        ) : null}
      </section>

      <section className="card">
        <h2>{t('account.history')}</h2>
        {data.history.length ? (
          <HistoryChart history={data.history} />
        ) : (
          <Empty testId="history-empty">{t('account.history_empty')}</Empty>
        )}
      </section>

      <div className="columns">
        <section className="card">
          <h2>{t('account.surveys')}</h2>
          <dl className="facts">
            <dt>{t('components.nps.label')}</dt>
            <dd>
              {f.number(card.nps.score, 1)} (
              {t('portfolio.answers', { count: f.number(card.nps.responses, 0) })})
            </dd>
            <dt>{t('components.csat.label')}</dt>
            <dd>{f.percent(card.csat.score)}</dd>
            <dt>{t('account.ces')}</dt>
            <dd>
              {f.number(card.ces.score, 1)} (
              {t('portfolio.answers', { count: f.number(card.ces.responses, 0) })})
            </dd>
            <dt>{t('account.first_reply')}</dt>
            <dd>
              {t('account.first_reply_detail', {
                median: f.number(card.firstReply.medianMinutes, 0),
                p90: f.number(card.firstReply.p90Minutes, 0),
              })}
            </dd>
          </dl>
        </section>
        <section className="card">
          <h2>{t('account.revenue')}</h2>
          <dl className="facts">
            <dt>{t('portfolio.mrr')}</dt>
            <dd>{f.money(card.revenue.mrr)}</dd>
            <dt>{t('account.movement')}</dt>
            <dd data-testid="revenue-movement">
              {card.revenue.movement ? t(`account.movements.${card.revenue.movement as 'new'}`) : '—'}{' '}
              {card.revenue.change ? `(${f.money(card.revenue.change)})` : ''}
            </dd>
            <dt>{t('account.renewal')}</dt>
            <dd>
              {card.revenue.renewalDate
                ? t('account.renewal_in', {
                    date: f.date(card.revenue.renewalDate),
                    days: f.number(card.revenue.daysToRenewal, 0),
                  })
                : '—'}
            </dd>
            <dt>{t('account.tier')}</dt>
            <dd>{card.revenue.tier ? t(`account.tiers.${card.revenue.tier as 'smb'}`) : '—'}</dd>
          </dl>
        </section>
      </div>

      <section className="card">
        <h2>{t('account.comments')}</h2>
        {card.lastSurveyComments.length ? (
          <ul className="comments">
            {card.lastSurveyComments.map((c) => (
              <li key={`${c.submittedAt}-${c.comment}`}>
                <span className="pill">
                  {c.surveyType} {c.value ?? c.rating ?? ''}
                </span>{' '}
                “{c.comment}” <span className="muted small">{f.date(c.submittedAt)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('account.no_comments')}</p>
        )}
      </section>

      <section className="card">
        <h2>{t('account.ledger')}</h2>
        {data.ledger.length ? (
          <LedgerList entries={data.ledger} tenant={tenant} showAccount={false} testId="account-ledger" />
        ) : (
          <p className="muted">{t('ledger.empty')}</p>
        )}
      </section>
      <p className="muted small">{t('account.computed', { when: f.dateTime(card.computedAt) })}</p>
    </article>
  );
}
