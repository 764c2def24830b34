import {
  Flex,
  Heading,
  Statistics,
  StatisticsItem,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { BACKEND_URL, cardPaths } from '../lib/backend.ts';
import type { CardProps } from '../lib/card-context.ts';
import type { ContactAnswer } from '../lib/card-types.ts';
import { createFormatter } from '../lib/format.ts';
import { messagesFor } from '../lib/i18n.ts';
import { useCard } from '../lib/use-card.ts';
import { EmptyView, ErrorView, FreshnessFooter, LoadingView, PartialNotices } from './CardStates.tsx';
import { bandVariant } from './HealthSummary.tsx';

/** The contact record's card: this person's NPS / CSAT answers over time and their recent tickets' FCR. */
export function ContactSuccessCard({ context, fetch, now = () => new Date(), timeoutMs }: CardProps) {
  const t = messagesFor(context.user.locale);
  const url = `${BACKEND_URL}${cardPaths.contact(context.crm.objectId)}`;
  const { state, retry } = useCard<ContactAnswer>(fetch, url, timeoutMs);
  const f = useMemo(
    () => createFormatter(context.user.locale, context.portal.timezone),
    [context.user.locale, context.portal.timezone],
  );

  if (state.status === 'loading') return <LoadingView t={t} />;
  if (state.status === 'error') return <ErrorView t={t} error={state.error} onRetry={retry} />;
  if (!state.result.found) return <EmptyView t={t} />;
  const { surveys, tickets, fcr, card, freshness } = state.result.data;
  const answer = (s: (typeof surveys)[number]) =>
    s.value !== null ? f.number(s.value) : (s.rating ?? t.notApplicable);

  return (
    <Flex direction="column" gap="md" testId="contact-card-tab">
      <PartialNotices t={t} f={f} freshness={freshness} />
      <Statistics>
        <StatisticsItem testId="contact-fcr" label={t.personFcr} number={f.percent(fcr.rate)}>
          <Text variant="microcopy">{t.solvedTickets(fcr.solved, f.number(fcr.solved, 0))}</Text>
        </StatisticsItem>
        {card ? (
          <StatisticsItem
            testId="contact-account-health"
            label={t.accountHealth}
            number={f.number(card.health.score, 0)}
          >
            {card.health.band ? (
              <StatusTag variant={bandVariant[card.health.band]}>{t.band[card.health.band]}</StatusTag>
            ) : null}
          </StatisticsItem>
        ) : null}
      </Statistics>
      <Heading>{t.surveysTitle}</Heading>
      {surveys.length === 0 ? (
        <Text testId="contact-surveys-none">{t.noSurveys}</Text>
      ) : (
        <Table testId="contact-surveys" bordered density="condensed">
          <TableHead>
            <TableRow>
              <TableHeader>{t.surveyColumns.date}</TableHeader>
              <TableHeader>{t.surveyColumns.survey}</TableHeader>
              <TableHeader align="right">{t.surveyColumns.answer}</TableHeader>
              <TableHeader>{t.surveyColumns.comment}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {surveys.map((s, i) => (
              <TableRow key={`${s.source}-${s.surveyType}-${s.submittedAt}`} testId={`contact-survey-${i}`}>
                <TableCell>{f.date(s.submittedAt)}</TableCell>
                <TableCell>{s.surveyType}</TableCell>
                <TableCell align="right">{answer(s)}</TableCell>
                <TableCell>{s.comment ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Heading>{t.ticketsTitle}</Heading>
      {tickets.length === 0 ? (
        <Text testId="contact-tickets-none">{t.noTickets}</Text>
      ) : (
        <Table testId="contact-tickets" bordered density="condensed">
          <TableHead>
            <TableRow>
              <TableHeader>{t.ticketColumns.ticket}</TableHeader>
              <TableHeader>{t.ticketColumns.status}</TableHeader>
              <TableHeader align="right">{t.ticketColumns.replies}</TableHeader>
              <TableHeader>{t.ticketColumns.firstContact}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {tickets.map((k, i) => (
              <TableRow key={`${k.source}-${k.id}`} testId={`contact-ticket-${i}`}>
                <TableCell>{k.subject ?? `#${k.id}`}</TableCell>
                <TableCell>{k.status}</TableCell>
                <TableCell align="right">{f.number(k.replies, 0)}</TableCell>
                <TableCell>{k.oneTouch === null ? t.notApplicable : k.oneTouch ? t.yes : t.no}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <FreshnessFooter t={t} f={f} freshness={freshness} now={now()} />
    </Flex>
  );
}
