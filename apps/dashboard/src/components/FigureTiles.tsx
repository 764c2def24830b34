import { useI18n } from '../contexts/I18nProvider.tsx';
import type { Figures } from '../lib/api-schemas.ts';
import type { Formatter } from '../lib/format.ts';

type Key =
  | 'mrr'
  | 'arr'
  | 'nrr'
  | 'grr'
  | 'customerChurnRate'
  | 'revenueChurnRate'
  | 'quickRatio'
  | 'renewalRate'
  | 'arpu'
  | 'nps'
  | 'csat'
  | 'fcr'
  | 'firstReply'
  | 'ticketsPerAccount';

const KEYS: readonly Key[] = [
  'mrr',
  'arr',
  'nrr',
  'grr',
  'customerChurnRate',
  'revenueChurnRate',
  'quickRatio',
  'renewalRate',
  'arpu',
  'nps',
  'csat',
  'fcr',
  'firstReply',
  'ticketsPerAccount',
];

/** One figure of a period, formatted as what it is (money, a percentage, a count). */
function show(
  t: ReturnType<typeof useI18n>['t'],
  f: Formatter,
  key: Key,
  p: Figures,
): { value: string; n?: number } {
  switch (key) {
    case 'mrr':
    case 'arr':
    case 'arpu':
      return { value: f.money(p[key]) };
    case 'nrr':
    case 'grr':
    case 'customerChurnRate':
    case 'revenueChurnRate':
    case 'renewalRate':
      return { value: f.percent(p[key]) };
    case 'quickRatio':
    case 'ticketsPerAccount':
      return { value: f.number(p[key], 2) };
    case 'nps':
      return { value: f.number(p.nps.score, 1), n: p.nps.responses };
    case 'csat':
      return { value: f.percent(p.csat.score), n: p.csat.responses };
    case 'fcr':
      return { value: f.percent(p.fcr.rate), n: p.fcr.solved };
    case 'firstReply':
      return {
        value:
          p.firstReply.medianMinutes === null
            ? f.number(null)
            : t('portfolio.minutes', { value: f.number(p.firstReply.medianMinutes, 0) }),
        n: p.firstReply.tickets,
      };
  }
}

/** The period's figures, each with the previous period's beside it (no difference is computed here). */
export function FigureTiles({ figures, previous, f }: { figures: Figures; previous: Figures; f: Formatter }) {
  const { t } = useI18n();
  return (
    <div className="tiles figures" data-testid="portfolio-figures">
      {KEYS.map((key) => {
        const now = show(t, f, key, figures);
        const then = show(t, f, key, previous);
        return (
          <div className="tile" key={key} data-figure={key}>
            <span className="tile-label">{t(`portfolio.figure.${key}`)}</span>
            <b data-testid={`figure-${key}`}>{now.value}</b>
            {now.n !== undefined ? (
              <div className="small muted">{t('portfolio.responses', { count: f.number(now.n, 0) })}</div>
            ) : null}
            <div className="small muted" data-testid={`figure-${key}-previous`}>
              {t('portfolio.previous', { value: then.value })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
