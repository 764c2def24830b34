import {
  Flex,
  Heading,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import type { AccountCard } from '../lib/card-types.ts';
import type { Formatter } from '../lib/format.ts';
import type { Messages } from '../lib/messages-en.ts';

interface Props {
  t: Messages;
  f: Formatter;
  card: AccountCard;
}

/** NPS / CSAT / CES / FCR with their response counts and the NPS benchmark. */
export function SurveyFigures({ t, f, card, compact = false }: Props & { compact?: boolean }) {
  const { nps, csat, ces, fcr } = card;
  return (
    <Flex direction="column" gap="xs">
      <Statistics>
        <StatisticsItem testId="kpi-nps" label={t.nps} number={f.number(nps.score)}>
          <Text variant="microcopy">{t.responses(f.number(nps.responses, 0))}</Text>
        </StatisticsItem>
        <StatisticsItem testId="kpi-csat" label={t.csat} number={f.percent(csat.score)}>
          <Text variant="microcopy">{t.responses(f.number(csat.responses, 0))}</Text>
        </StatisticsItem>
        {compact ? null : (
          <StatisticsItem testId="kpi-ces" label={t.ces} number={f.number(ces.score)}>
            <Text variant="microcopy">{t.responses(f.number(ces.responses, 0))}</Text>
          </StatisticsItem>
        )}
        <StatisticsItem testId="kpi-fcr" label={t.fcr} number={f.percent(fcr.rate)}>
          <Text variant="microcopy">{t.solvedTickets(f.number(fcr.solved, 0))}</Text>
        </StatisticsItem>
      </Statistics>
      {nps.benchmark && !compact ? (
        <Text testId="kpi-nps-benchmark" variant="microcopy">
          {t.benchmark(f.number(nps.benchmark.value), nps.benchmark.position)}
        </Text>
      ) : null}
    </Flex>
  );
}

const movementColor = {
  new: 'green',
  expansion: 'green',
  reactivation: 'green',
  contraction: 'red',
  churn: 'red',
} as const;

/** MRR / ARR with this month's movement, and the next renewal. */
export function RevenueFigures({ t, f, card, compact = false }: Props & { compact?: boolean }) {
  const { revenue } = card;
  const movement = revenue.movement;
  const change = revenue.change;
  return (
    <Flex direction="column" gap="xs">
      <Statistics>
        <StatisticsItem testId="kpi-mrr" label={t.mrr} number={f.money(revenue.mrr)}>
          {movement && movement !== 'flat' && change !== null && change !== 0 ? (
            <StatisticsTrend
              testId="kpi-mrr-change"
              direction={change > 0 ? 'increase' : 'decrease'}
              color={movementColor[movement]}
              value={f.money(change, true)}
            />
          ) : null}
        </StatisticsItem>
        {compact ? null : <StatisticsItem testId="kpi-arr" label={t.arr} number={f.money(revenue.arr)} />}
      </Statistics>
      {movement ? (
        <Tag
          testId="kpi-mrr-movement"
          variant={movement === 'churn' || movement === 'contraction' ? 'warning' : 'default'}
        >
          {t.movement[movement]}
        </Tag>
      ) : null}
      {revenue.renewalDate && revenue.daysToRenewal !== null ? (
        <Text testId="kpi-renewal" variant="microcopy">
          {t.renewal(f.date(revenue.renewalDate), f.number(revenue.daysToRenewal, 0))}
        </Text>
      ) : null}
    </Flex>
  );
}

/** Open and urgent tickets. */
export function TicketFigures({ t, f, card }: Props) {
  return (
    <Statistics>
      <StatisticsItem testId="kpi-open-tickets" label={t.openTickets} number={f.number(card.tickets.open, 0)}>
        <Text variant="microcopy">{t.last30Days(f.number(card.tickets.last30Days, 0))}</Text>
      </StatisticsItem>
      <StatisticsItem
        testId="kpi-urgent-tickets"
        label={t.urgentTickets}
        number={f.number(card.tickets.openUrgent, 0)}
      />
    </Statistics>
  );
}

/** The latest survey comments, newest first. */
export function SurveyComments({ t, f, card }: Props) {
  return (
    <Flex direction="column" gap="xs">
      <Heading>{t.commentsTitle}</Heading>
      {card.lastSurveyComments.length === 0 ? (
        <Text testId="comments-none">{t.noComments}</Text>
      ) : (
        card.lastSurveyComments.map((c, i) => (
          <Text key={`${c.source}-${c.submittedAt}-${c.comment}`} testId={`comment-${i}`}>
            {`${c.surveyType} ${c.value !== null ? f.number(c.value) : (c.rating ?? '')} · ${f.date(c.submittedAt)}: “${c.comment}”`}
          </Text>
        ))
      )}
    </Flex>
  );
}
