import { Tag } from '@zendeskgarden/react-tags';
import { LG, MD, SM, XXL } from '@zendeskgarden/react-typography';
import { styled } from 'styled-components';
import { useI18n } from '../contexts/I18nProvider.tsx';
import type { AccountCard, Band } from '../lib/answers.ts';
import type { Formatter } from '../lib/format.ts';
import type { MessageKey } from '../lib/i18n.ts';

const BAND_HUE: Record<Band, string> = { green: 'green', yellow: 'yellow', red: 'red' };
const PERCENT_SIGNALS = new Set(['csat', 'fcr', 'licenseUtilization', 'onboardingCompletion', 'mrrChange']);
const WHOLE_SIGNALS = new Set(['openUrgentTickets', 'daysSinceLastTouch']);
const SIGNALS = new Set([
  'nps',
  'csat',
  'fcr',
  'ticketsPerMonth',
  'openUrgentTickets',
  'mrrChange',
  'daysSinceLastTouch',
  'licenseUtilization',
  'onboardingCompletion',
]);

const ScoreRow = styled.div`
  display: flex;
  align-items: center;
  gap: ${(p) => p.theme.space.sm};
  flex-wrap: wrap;
`;
const Reasons = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  display: grid;
  gap: 2px;
`;

/** A health component's label, in the agent's language (an unknown key shows as itself). */
export function useSignalLabel() {
  const { t } = useI18n();
  return (key: string) => (SIGNALS.has(key) ? t(`signal.${key}` as MessageKey) : key);
}

function signalValue(f: Formatter, key: string, value: number) {
  if (PERCENT_SIGNALS.has(key)) return f.percent(value);
  return f.number(value, WHOLE_SIGNALS.has(key) ? 0 : 1);
}

/**
 * When someone last reached the account (its last call, email or meeting, or its latest survey
 * answer): what the health score's recency signal counts. Cards of an older backend may lack it.
 */
function LastTouch({ card }: { card: AccountCard }) {
  const { t, f } = useI18n();
  const touch = card.lastTouch;
  if (!touch) return null;
  const text =
    touch.at === null || touch.daysSince === null
      ? t('last_touch.none')
      : touch.daysSince === 0
        ? t('last_touch.today', { date: f.date(touch.at) })
        : t.plural('last_touch.days', touch.daysSince, {
            count: f.number(touch.daysSince, 0),
            date: f.date(touch.at),
          });
  return <SM data-testid="last-touch">{text}</SM>;
}

/** Name, score, band, 30-day trend and the components that hold the score back most. */
export function HealthSection({ card, title }: { card: AccountCard; title: string }) {
  const { t, f } = useI18n();
  const label = useSignalLabel();
  const { health } = card;
  const trend = health.trend;
  const trendText =
    !trend || trend.direction === null || trend.delta === null
      ? t('trend.unknown')
      : trend.direction === 'flat'
        ? t('trend.flat')
        : t(trend.direction === 'up' ? 'trend.up' : 'trend.down', { delta: f.number(Math.abs(trend.delta)) });
  const reasons = health.components
    .filter((c) => c.gain > 0)
    .sort((a, b) => b.gain - a.gain)
    .slice(0, 3);
  return (
    <section aria-label={t('health')}>
      <SM>{t('account')}</SM>
      <LG isBold data-testid="account-name">
        {title}
      </LG>
      <ScoreRow>
        <XXL isBold data-testid="health-score" aria-label={t('health')}>
          {health.score === null ? '—' : f.number(health.score, 0)}
        </XXL>
        {health.band ? (
          <Tag hue={BAND_HUE[health.band]} data-testid="health-band" data-band={health.band}>
            {t(`band.${health.band}`)}
          </Tag>
        ) : (
          <SM data-testid="health-band">{t('no_score')}</SM>
        )}
      </ScoreRow>
      <SM data-testid="health-trend" data-direction={trend?.direction ?? 'unknown'}>
        {trendText}
      </SM>
      <LastTouch card={card} />
      {reasons.length > 0 && (
        <>
          <MD isBold style={{ marginTop: 8 }}>
            {t('reasons')}
          </MD>
          <Reasons>
            {reasons.map((c) => (
              <li key={c.key} data-testid={`health-reason-${c.key}`}>
                <SM>
                  {label(c.key)}:{' '}
                  {t('reason_value', { value: signalValue(f, c.key, c.value), score: f.number(c.score, 0) })}
                </SM>
              </li>
            ))}
          </Reasons>
        </>
      )}
      {health.missing.length > 0 && (
        <SM data-testid="health-missing" style={{ opacity: 0.75 }}>
          {t('missing', { list: health.missing.map(label).join(', ') })}
        </SM>
      )}
    </section>
  );
}
