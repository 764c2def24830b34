import { MD, SM, XL } from '@zendeskgarden/react-typography';
import type { ReactNode } from 'react';
import { styled } from 'styled-components';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { SidebarData } from '../lib/sidebar-data.ts';
import { shade } from './colors.ts';
import { SampleLine } from './Sample.tsx';

/** Renewals this close are worth an agent's attention. */
export const RENEWAL_SOON_DAYS = 90;

const Grid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(128px, 1fr));
  gap: ${(p) => p.theme.space.xs};
`;
const Tile = styled.section`
  border: ${(p) => p.theme.borders.sm} ${(p) => shade(p.theme, 'grey', 300, '#d8dcde')};
  border-radius: ${(p) => p.theme.borderRadii.md};
  padding: ${(p) => p.theme.space.xs};
  min-width: 0;
`;

function Figure({
  title,
  testId,
  value,
  children,
}: {
  title: string;
  testId: string;
  value: string;
  children?: ReactNode;
}) {
  return (
    <Tile aria-label={title}>
      <SM>{title}</SM>
      <XL isBold data-testid={testId}>
        {value}
      </XL>
      {children}
    </Tile>
  );
}

/** FCR, CSAT, NPS, open / urgent tickets and MRR tier: the organization's own where it has them. */
export function Figures({ data }: { data: SidebarData }) {
  const { t, f } = useI18n();
  const { organization, card } = data;
  // The organization's or account's FCR has a window; the requester's own covers all their tickets.
  const windowedFcr = organization?.tickets.fcr ?? card?.fcr ?? null;
  const fcr = windowedFcr ?? data.requesterFcr;
  const csat = organization?.tickets.csat ?? card?.csat ?? null;
  const tickets = organization?.tickets ?? card?.tickets ?? null;
  const revenue = card?.revenue ?? null;
  const renewalSoon =
    revenue?.daysToRenewal != null &&
    revenue.daysToRenewal >= 0 &&
    revenue.daysToRenewal <= RENEWAL_SOON_DAYS;
  return (
    <Grid>
      {fcr && (
        <Figure title={t('fcr.title')} testId="fcr-rate" value={f.percent(fcr.rate)}>
          <SampleLine
            testId="fcr-detail"
            lead={t('fcr.of_solved', {
              resolved: f.number(fcr.firstContactResolved, 0),
              solved: f.number(fcr.solved, 0),
            })}
            sample={{
              unit: 'tickets',
              windowDays: windowedFcr?.windowDays,
              lowConfidence: windowedFcr?.lowConfidence,
            }}
          />
        </Figure>
      )}
      {csat && (
        <Figure title={t('csat.title')} testId="csat-score" value={f.percent(csat.score)}>
          <SM>
            {t('csat.good')} <b data-testid="csat-good">{f.number(csat.good, 0)}</b> · {t('csat.bad')}{' '}
            <b data-testid="csat-bad">{f.number(csat.bad, 0)}</b>
          </SM>
          <SampleLine
            testId="csat-sample"
            sample={{
              unit: 'answers',
              count: csat.responses,
              windowDays: csat.windowDays,
              lowConfidence: csat.lowConfidence,
            }}
          />
        </Figure>
      )}
      {card && (
        <Figure title={t('nps.title')} testId="nps-score" value={f.number(card.nps.score)}>
          <SampleLine
            testId="nps-sample"
            sample={{
              unit: 'answers',
              count: card.nps.responses,
              windowDays: card.nps.windowDays,
              lowConfidence: card.nps.lowConfidence,
            }}
          />
        </Figure>
      )}
      {tickets && (
        <Figure title={t('tickets.title')} testId="tickets-open" value={f.number(tickets.open, 0)}>
          <SM>
            {t('tickets.open')} · {t('tickets.urgent')}{' '}
            <b data-testid="tickets-urgent">{f.number(tickets.openUrgent, 0)}</b>
          </SM>
        </Figure>
      )}
      {revenue && (
        <Figure
          title={t('revenue.title')}
          testId="mrr-amount"
          value={f.money(revenue.mrr, revenue.currency ?? card?.account.currency)}
        >
          <MD data-testid="mrr-tier" data-tier={revenue.tier ?? 'none'}>
            {revenue.tier ? t(`revenue.tier.${revenue.tier}`) : t('revenue.no_tier')}
          </MD>
          {renewalSoon && (
            <SM data-testid="renewal" style={{ fontWeight: 600 }}>
              {t('revenue.renewal', {
                days: f.number(revenue.daysToRenewal, 0),
                date: f.date(revenue.renewalDate),
              })}
            </SM>
          )}
        </Figure>
      )}
    </Grid>
  );
}
