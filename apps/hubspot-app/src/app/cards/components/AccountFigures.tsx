import {
  Flex,
  Heading,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  Tag,
  Text,
  Tooltip,
} from '@hubspot/ui-extensions';
import type { AccountCard, Sample } from '../lib/card-types.ts';
import type { Formatter } from '../lib/format.ts';
import type { Messages } from '../lib/messages-en.ts';

interface Props {
  t: Messages;
  f: Formatter;
  card: AccountCard;
}

/**
 * What a windowed figure rests on ("20 answers · last 365 days"), and a "few answers" tag, its
 * reason in a tooltip, when that is fewer than 5 answers (or solved tickets).
 */
export function SampleNote({
  t,
  f,
  testId,
  sample,
  count,
}: {
  t: Messages;
  f: Formatter;
  testId: string;
  sample: Sample;
  /** Answers, or solved tickets (FCR). */
  count: { unit: 'answers' | 'tickets'; n: number };
}) {
  const shown = f.number(count.n, 0);
  const size = count.unit === 'answers' ? t.answers(count.n, shown) : t.solvedTickets(count.n, shown);
  return (
    <Flex direction="column" gap="flush">
      <Text testId={testId} variant="microcopy">
        {`${size} · ${t.lastDays(sample.windowDays, f.number(sample.windowDays, 0))}`}
      </Text>
      {sample.lowConfidence ? (
        <Tag
          testId={`${testId}-few`}
          variant="warning"
          inline
          overlay={
            <Tooltip placement="bottom">
              {count.unit === 'answers' ? t.fewAnswersTip : t.fewTicketsTip}
            </Tooltip>
          }
        >
          {count.unit === 'answers' ? t.fewAnswers : t.fewTickets}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** NPS / CSAT / CES / FCR with their sample sizes and windows, and the NPS benchmark. */
export function SurveyFigures({ t, f, card, compact = false }: Props & { compact?: boolean }) {
  const { nps, csat, ces, fcr } = card;
  return (
    <Flex direction="column" gap="xs">
      <Statistics>
        <StatisticsItem testId="kpi-nps" label={t.nps} number={f.number(nps.score)}>
          <SampleNote
            t={t}
            f={f}
            testId="kpi-nps-sample"
            sample={nps}
            count={{ unit: 'answers', n: nps.responses }}
          />
        </StatisticsItem>
        <StatisticsItem testId="kpi-csat" label={t.csat} number={f.percent(csat.score)}>
          <SampleNote
            t={t}
            f={f}
            testId="kpi-csat-sample"
            sample={csat}
            count={{ unit: 'answers', n: csat.responses }}
          />
        </StatisticsItem>
        {compact ? null : (
          <StatisticsItem testId="kpi-ces" label={t.ces} number={f.number(ces.score)}>
            <SampleNote
              t={t}
              f={f}
              testId="kpi-ces-sample"
              sample={ces}
              count={{ unit: 'answers', n: ces.responses }}
            />
          </StatisticsItem>
        )}
        <StatisticsItem testId="kpi-fcr" label={t.fcr} number={f.percent(fcr.rate)}>
          <SampleNote
            t={t}
            f={f}
            testId="kpi-fcr-sample"
            sample={fcr}
            count={{ unit: 'tickets', n: fcr.solved }}
          />
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

/** MRR / ARR (in the answer's currency) with this month's movement, and the next renewal. */
export function RevenueFigures({ t, f, card, compact = false }: Props & { compact?: boolean }) {
  const { revenue } = card;
  const currency = revenue.currency ?? card.account.currency;
  const movement = revenue.movement;
  const change = revenue.change;
  return (
    <Flex direction="column" gap="xs">
      <Statistics>
        <StatisticsItem testId="kpi-mrr" label={t.mrr} number={f.money(revenue.mrr, currency)}>
          {movement && movement !== 'flat' && change !== null && change !== 0 ? (
            <StatisticsTrend
              testId="kpi-mrr-change"
              direction={change > 0 ? 'increase' : 'decrease'}
              color={movementColor[movement]}
              value={f.money(change, currency, { signed: true })}
            />
          ) : null}
        </StatisticsItem>
        {compact ? null : (
          <StatisticsItem testId="kpi-arr" label={t.arr} number={f.money(revenue.arr, currency)} />
        )}
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
