import { Divider, Flex, Text } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { BACKEND_URL, cardPaths } from '../lib/backend.ts';
import type { CardProps } from '../lib/card-context.ts';
import type { CompanyAnswer } from '../lib/card-types.ts';
import { createFormatter } from '../lib/format.ts';
import { messagesFor } from '../lib/i18n.ts';
import { useCard } from '../lib/use-card.ts';
import { RevenueFigures, SurveyComments, SurveyFigures, TicketFigures } from './AccountFigures.tsx';
import { EmptyView, ErrorView, FreshnessFooter, LoadingView, PartialNotices } from './CardStates.tsx';
import { HealthDrivers } from './HealthDrivers.tsx';
import { biggestLeverText, HealthSummary, LastTouch } from './HealthSummary.tsx';
import { OpenDashboard } from './OpenDashboard.tsx';

/**
 * The company record's health card: score, band, trend and what drives it; NPS / CSAT / CES /
 * FCR; MRR / ARR and this month's movement; tickets; the latest comments; freshness and coverage.
 * The sidebar variant keeps the summary, the biggest lever and the headline figures.
 */
export function CompanyHealthCard({
  context,
  fetch,
  variant = 'tab',
  now = () => new Date(),
  timeoutMs,
}: CardProps) {
  const t = messagesFor(context.user.locale);
  const url = `${BACKEND_URL}${cardPaths.company(context.crm.objectId)}`;
  const { state, retry } = useCard<CompanyAnswer>(fetch, url, timeoutMs);
  const f = useMemo(
    () => createFormatter(context.user.locale, context.portal.timezone),
    [context.user.locale, context.portal.timezone],
  );

  if (state.status === 'loading') return <LoadingView t={t} />;
  if (state.status === 'error') return <ErrorView t={t} error={state.error} onRetry={retry} />;
  if (!state.result.found) return <EmptyView t={t} />;
  const { card, freshness, coverage } = state.result.data;
  const footer = (
    <>
      <FreshnessFooter t={t} f={f} freshness={freshness} now={now()} coverage={coverage} />
      <OpenDashboard t={t} fetch={fetch} companyId={context.crm.objectId} timeoutMs={timeoutMs} />
    </>
  );

  if (variant === 'sidebar') {
    const lever = biggestLeverText(t, f, card.health);
    return (
      <Flex direction="column" gap="sm" testId="company-card-sidebar">
        <PartialNotices t={t} f={f} freshness={freshness} />
        <HealthSummary t={t} f={f} health={card.health} />
        <LastTouch t={t} f={f} card={card} />
        {lever ? <Text testId="health-lever">{lever}</Text> : null}
        <SurveyFigures t={t} f={f} card={card} compact />
        <RevenueFigures t={t} f={f} card={card} compact />
        {footer}
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="md" testId="company-card-tab">
      <PartialNotices t={t} f={f} freshness={freshness} />
      <HealthSummary t={t} f={f} health={card.health} />
      <LastTouch t={t} f={f} card={card} />
      <HealthDrivers t={t} f={f} health={card.health} />
      <Divider />
      <SurveyFigures t={t} f={f} card={card} />
      <RevenueFigures t={t} f={f} card={card} />
      <TicketFigures t={t} f={f} card={card} />
      <Divider />
      <SurveyComments t={t} f={f} card={card} />
      {footer}
    </Flex>
  );
}
