import { MD, SM } from '@zendeskgarden/react-typography';
import { styled } from 'styled-components';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { SidebarData } from '../lib/sidebar-data.ts';
import { shade } from './colors.ts';

const MAX_COMMENTS = 3;

const Marks = styled.ol`
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin: 4px 0;
  padding: 0;
  list-style: none;
`;
const Mark = styled.li<{ $tone: 'good' | 'bad' | 'open' }>`
  width: 20px;
  height: 20px;
  border-radius: 50%;
  display: grid;
  place-items: center;
  font-size: 12px;
  color: white;
  background: ${(p) =>
    p.$tone === 'good'
      ? shade(p.theme, 'green', 700, '#037f52')
      : p.$tone === 'bad'
        ? shade(p.theme, 'red', 700, '#cd3642')
        : shade(p.theme, 'grey', 600, '#848f99')};
`;
const Quote = styled.blockquote`
  margin: 4px 0;
  padding-left: 8px;
  border-left: 3px solid ${(p) => shade(p.theme, 'grey', 300, '#d8dcde')};
`;

/** This requester's recent tickets, newest first: one mark per ticket, solved on first contact or not. */
export function RequesterHistory({ data }: { data: SidebarData }) {
  const { t, f } = useI18n();
  if (!data.requester) return null;
  const fcr = data.requesterFcr;
  return (
    <section aria-label={t('fcr.history')}>
      <MD isBold>{t('fcr.history')}</MD>
      {data.recentTickets.length === 0 ? (
        <SM data-testid="history-empty">{t('fcr.no_history')}</SM>
      ) : (
        <Marks data-testid="history">
          {data.recentTickets.map((ticket) => {
            const key =
              ticket.oneTouch === true
                ? 'one_touch'
                : ticket.oneTouch === false
                  ? 'not_one_touch'
                  : 'unsolved';
            const label = t(`fcr.${key}`, { id: ticket.id });
            return (
              <Mark
                key={ticket.id}
                $tone={ticket.oneTouch === true ? 'good' : ticket.oneTouch === false ? 'bad' : 'open'}
                title={label}
                aria-label={label}
                data-testid={`history-${ticket.id}`}
                data-one-touch={String(ticket.oneTouch)}
              >
                {ticket.oneTouch === true ? '✓' : ticket.oneTouch === false ? '✗' : '•'}
              </Mark>
            );
          })}
        </Marks>
      )}
      {fcr && fcr.solved > 0 && (
        <SM data-testid="requester-fcr">
          {f.percent(fcr.rate)} ·{' '}
          {t('fcr.of_solved', {
            resolved: f.number(fcr.firstContactResolved, 0),
            solved: f.number(fcr.solved, 0),
          })}
        </SM>
      )}
    </section>
  );
}

/** The latest CSAT comments of the organization (or the account's survey comments). */
export function RecentComments({ data }: { data: SidebarData }) {
  const { t, f } = useI18n();
  const comments = data.organization
    ? data.organization.tickets.recentComments.map((c) => ({
        ...c,
        label: t(c.rating === 'good' ? 'csat.good' : 'csat.bad'),
      }))
    : (data.card?.lastSurveyComments ?? []).map((c) => ({ ...c, label: c.rating ?? c.surveyType }));
  if (!data.organization && !data.card) return null;
  return (
    <section aria-label={t('csat.comments')}>
      <MD isBold>{t('csat.comments')}</MD>
      {comments.length === 0 ? (
        <SM data-testid="comments-empty">{t('csat.no_comments')}</SM>
      ) : (
        comments.slice(0, MAX_COMMENTS).map((c) => (
          <Quote key={`${c.submittedAt}-${c.comment}`} data-testid="comment">
            <SM>“{c.comment}”</SM>
            <SM style={{ opacity: 0.75 }}>
              {c.label} · {f.date(c.submittedAt)}
            </SM>
          </Quote>
        ))
      )}
    </section>
  );
}

/** When the figures were computed and Zendesk last synced (or since when its sync is paused). */
export function FreshnessLine({ data, now }: { data: SidebarData; now?: Date }) {
  const { t, f } = useI18n();
  const { computedAt, zendesk } = data.freshness;
  return (
    <SM data-testid="freshness" style={{ opacity: 0.75 }}>
      {computedAt ? t('freshness.as_of', { when: f.relative(computedAt, now) }) : t('freshness.never')}
      {zendesk?.status === 'paused' ? (
        <span data-testid="freshness-paused" style={{ fontWeight: 600 }}>
          {' · '}
          {t('freshness.zendesk_paused', { date: f.date(zendesk.pausedAt) })}
        </span>
      ) : zendesk?.lastSucceededAt ? (
        ` · ${t('freshness.zendesk', { when: f.relative(zendesk.lastSucceededAt, now) })}`
      ) : (
        ''
      )}
    </SM>
  );
}
