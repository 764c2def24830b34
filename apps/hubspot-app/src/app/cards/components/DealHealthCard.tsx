import {
  DescriptionList,
  DescriptionListItem,
  Divider,
  EmptyState,
  Flex,
  Heading,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { BACKEND_URL, cardPaths } from '../lib/backend.ts';
import type { CardProps } from '../lib/card-context.ts';
import type { DealAnswer } from '../lib/card-types.ts';
import { createFormatter } from '../lib/format.ts';
import { messagesFor } from '../lib/i18n.ts';
import { useCard } from '../lib/use-card.ts';
import { RevenueFigures, SurveyFigures } from './AccountFigures.tsx';
import { EmptyView, ErrorView, FreshnessFooter, LoadingView, PartialNotices } from './CardStates.tsx';
import { biggestLeverText, HealthSummary } from './HealthSummary.tsx';

const riskVariant = { high: 'danger', medium: 'warning', low: 'success' } as const;

/**
 * The deal record's card: the associated company's health and renewal risk, and the deal's own
 * revenue (in the deal's currency; the account's figures in the portal's).
 */
export function DealHealthCard({
  context,
  fetch,
  variant = 'tab',
  now = () => new Date(),
  timeoutMs,
}: CardProps) {
  const t = messagesFor(context.user.locale);
  const url = `${BACKEND_URL}${cardPaths.deal(context.crm.objectId)}`;
  const { state, retry } = useCard<DealAnswer>(fetch, url, timeoutMs);
  const f = useMemo(
    () => createFormatter(context.user.locale, context.portal.timezone),
    [context.user.locale, context.portal.timezone],
  );

  if (state.status === 'loading') return <LoadingView t={t} />;
  if (state.status === 'error') return <ErrorView t={t} error={state.error} onRetry={retry} />;
  if (!state.result.found) return <EmptyView t={t} />;
  const { deal, card, renewalRisk, freshness } = state.result.data;

  const dealFigures = (
    <Flex direction="column" gap="xs">
      <Heading>{t.dealRevenue}</Heading>
      <DescriptionList direction="row">
        <DescriptionListItem label={t.dealAmount}>
          <Text testId="deal-amount">{f.money(deal.amount, deal.currency)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t.dealMrr}>
          <Text testId="deal-mrr">{f.money(deal.mrr, deal.currency)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t.closeDate}>
          <Text testId="deal-close-date">{f.date(deal.closeDate)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t.contractEnd}>
          <Text testId="deal-contract-end">{f.date(deal.contractEndDate)}</Text>
        </DescriptionListItem>
      </DescriptionList>
    </Flex>
  );
  const risk = (
    <Flex direction="column" gap="xs">
      <Heading>{t.renewalRisk}</Heading>
      {renewalRisk.level ? (
        <StatusTag testId="deal-risk" variant={riskVariant[renewalRisk.level]}>
          {t.risk[renewalRisk.level]}
        </StatusTag>
      ) : (
        <Text testId="deal-risk-none">{t.riskUnknown}</Text>
      )}
      {renewalRisk.reasons.map((reason, i) => (
        <Text key={reason} variant="microcopy" testId={`deal-risk-reason-${i}`}>
          {reason}
        </Text>
      ))}
    </Flex>
  );

  return (
    <Flex direction="column" gap={variant === 'tab' ? 'md' : 'sm'} testId={`deal-card-${variant}`}>
      <PartialNotices t={t} f={f} freshness={freshness} />
      {card ? (
        <>
          <Heading>
            {card.account.name ? `${t.accountHealth}: ${card.account.name}` : t.accountHealth}
          </Heading>
          <HealthSummary t={t} f={f} health={card.health} />
          {risk}
          {variant === 'tab' ? (
            <>
              {biggestLeverText(t, f, card.health) ? (
                <Text testId="health-lever">{biggestLeverText(t, f, card.health)}</Text>
              ) : null}
              <SurveyFigures t={t} f={f} card={card} compact />
              <RevenueFigures t={t} f={f} card={card} />
            </>
          ) : null}
        </>
      ) : (
        <EmptyState testId="deal-no-company" title={t.noCompanyTitle} layout="vertical" imageName="companies">
          <Text>{t.noCompanyBody}</Text>
        </EmptyState>
      )}
      <Divider />
      {dealFigures}
      <FreshnessFooter t={t} f={f} freshness={freshness} now={now()} />
    </Flex>
  );
}
