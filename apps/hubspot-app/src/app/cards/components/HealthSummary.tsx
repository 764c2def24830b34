import {
  Flex,
  ScoreCircle,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import type { AccountCard, Band, HealthComponent } from '../lib/card-types.ts';
import type { Formatter } from '../lib/format.ts';
import { signalLabel } from '../lib/i18n.ts';
import type { Messages } from '../lib/messages-en.ts';

export const bandVariant: Record<Band, 'success' | 'warning' | 'danger'> = {
  green: 'success',
  yellow: 'warning',
  red: 'danger',
};

/** Score, band colour and the trend arrow against 30 days ago. */
export function HealthSummary({
  t,
  f,
  health,
}: {
  t: Messages;
  f: Formatter;
  health: AccountCard['health'];
}) {
  const trend = health.trend;
  const delta = trend?.delta ?? null;
  return (
    <Flex direction="row" gap="md" align="center" wrap>
      {health.score !== null ? <ScoreCircle testId="health-score-circle" score={health.score} /> : null}
      <Flex direction="column" gap="xs">
        <Statistics>
          <StatisticsItem testId="health-score" label={t.healthScore} number={f.number(health.score, 0)}>
            {delta !== null && trend?.direction && trend.direction !== 'flat' ? (
              <StatisticsTrend
                testId="health-trend"
                direction={delta > 0 ? 'increase' : 'decrease'}
                color={delta > 0 ? 'green' : 'red'}
                value={t.trendVs(f.signed(delta))}
              />
            ) : null}
          </StatisticsItem>
        </Statistics>
        {health.band ? (
          <StatusTag testId="health-band" variant={bandVariant[health.band]}>
            {t.band[health.band]}
          </StatusTag>
        ) : (
          <Text testId="health-band-none">{t.noScore}</Text>
        )}
        {trend?.direction === 'flat' ? <Text testId="health-trend-flat">{t.trendFlat}</Text> : null}
        {!trend || trend.direction === null ? <Text testId="health-trend-none">{t.trendUnknown}</Text> : null}
      </Flex>
    </Flex>
  );
}

/**
 * When someone last reached the account (its last call, email or meeting, or its latest survey
 * answer): what the health score's recency signal counts.
 */
export function LastTouch({ t, f, card }: { t: Messages; f: Formatter; card: AccountCard }) {
  // Cards stored by an older backend may lack it.
  const touch = card.lastTouch;
  if (!touch) return null;
  if (touch.at === null || touch.daysSince === null)
    return (
      <Text testId="last-touch" variant="microcopy">
        {t.noTouch}
      </Text>
    );
  return (
    <Text testId="last-touch" variant="microcopy">
      {t.lastTouch(touch.daysSince, f.number(touch.daysSince, 0), f.date(touch.at))}
    </Text>
  );
}

/** The signal as measured, in its unit. */
export function signalValue(f: Formatter, key: string, value: number): string {
  switch (key) {
    case 'csat':
    case 'fcr':
    case 'licenseUtilization':
    case 'onboardingCompletion':
    case 'mrrChange':
      return f.percent(value);
    case 'openUrgentTickets':
    case 'daysSinceLastTouch':
      return f.number(value, 0);
    default:
      return f.number(value);
  }
}

/** The sentence that says which input would raise the score most. */
export function biggestLeverText(t: Messages, f: Formatter, health: AccountCard['health']): string | null {
  const lever = health.biggestLever;
  if (!lever) return null;
  const component = health.components.find((c: HealthComponent) => c.key === lever);
  if (!component) return null;
  return t.biggestLever(signalLabel(t, lever), f.number(component.gain));
}
