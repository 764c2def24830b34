/**
 * Recurring-revenue deal plans over the 24 months before the anchor, one scenario per company, so
 * that every MRR movement appears in the data: new, expansion (an add-on or a bigger renewal),
 * contraction (a smaller renewal), churn (contract end date passed, no renewal) and reactivation.
 * A closed-won deal's `closedate` starts its contract; `csm_contract_end_date` (a date, exclusive)
 * ends it; `amount` is annual and `hs_mrr` monthly (`amount / 12`).
 */
import { chance, int, type Rng, weighted } from '../random.ts';
import { addMonths, between, DAY, toUtcDay } from './context.ts';

export type RevenueScenario =
  | 'prospect'
  | 'steady'
  | 'new'
  | 'expansion'
  | 'contraction'
  | 'churn'
  | 'reactivation';

export interface DealPlan {
  stage: 'closedwon' | 'closedlost' | 'open';
  /** `closedate` (for open deals the expected close, which may lie after the anchor). */
  close: number;
  /** Contract end (UTC midnight), exclusive; null when open-ended. */
  end: number | null;
  mrr: number;
  /** `hs_mrr` is set on most deals; the rest carry only `amount`. */
  withMrr: boolean;
  dealtype: 'newbusiness' | 'existingbusiness';
  label: string;
}

export interface RevenuePlan {
  scenario: RevenueScenario;
  deals: DealPlan[];
}

const SCENARIOS: readonly (readonly [RevenueScenario, number])[] = [
  ['prospect', 12],
  ['steady', 30],
  ['new', 10],
  ['expansion', 15],
  ['contraction', 10],
  ['churn', 13],
  ['reactivation', 10],
];

function baseMrr(rng: Rng): number {
  // Mostly small accounts, a long tail of big ones; whole tens so `amount / 12` is exact.
  const raw = 50 + 600 * -Math.log(1 - rng() * 0.999);
  return Math.max(50, Math.min(8000, Math.round(raw / 10) * 10));
}

/** A contract start `months` (plus a few days) before the anchor, never after `latest`. */
function startMonthsAgo(rng: Rng, anchor: number, latest: number, months: number): number {
  return Math.min(latest, addMonths(anchor, -months) + int(rng, -10, 10) * DAY + int(rng, 8, 17) * 3_600_000);
}

export function planRevenue(rng: Rng, anchor: number, latest: number, forced?: RevenueScenario): RevenuePlan {
  const scenario = forced ?? weighted(rng, SCENARIOS);
  const mrr = baseMrr(rng);
  const deals: DealPlan[] = [];
  const won = (
    close: number,
    end: number | null,
    value: number,
    dealtype: DealPlan['dealtype'],
    label: string,
  ) => deals.push({ stage: 'closedwon', close, end, mrr: value, withMrr: chance(rng, 0.9), dealtype, label });

  switch (scenario) {
    case 'steady': {
      const start = startMonthsAgo(rng, anchor, latest, int(rng, 3, 24));
      // Half the contracts carry their next renewal date, in the future.
      let end: number | null = null;
      if (chance(rng, 0.5)) {
        end = toUtcDay(addMonths(start, 12));
        while (end <= anchor) end = toUtcDay(addMonths(end, 12));
      }
      won(start, end, mrr, 'newbusiness', 'Annual subscription');
      break;
    }
    case 'new':
      won(
        Math.min(latest, anchor - between(rng, 7 * DAY, 90 * DAY)),
        null,
        mrr,
        'newbusiness',
        'Annual subscription',
      );
      break;
    case 'expansion': {
      if (chance(rng, 0.5)) {
        const start = startMonthsAgo(rng, anchor, latest, int(rng, 6, 24));
        won(start, null, mrr, 'newbusiness', 'Annual subscription');
        const addOn = Math.min(
          latest,
          start + between(rng, 45 * DAY, Math.max(46 * DAY, anchor - start - 7 * DAY)),
        );
        won(
          addOn,
          null,
          Math.round((mrr * (0.2 + 0.6 * rng())) / 10) * 10 || 10,
          'existingbusiness',
          'Add-on seats',
        );
      } else {
        const start = startMonthsAgo(rng, anchor, latest, int(rng, 14, 24));
        const renewal = toUtcDay(addMonths(start, 12));
        won(start, renewal, mrr, 'newbusiness', 'Annual subscription');
        won(
          renewal,
          null,
          Math.round((mrr * (1.2 + 0.6 * rng())) / 10) * 10,
          'existingbusiness',
          'Renewal (upgrade)',
        );
      }
      break;
    }
    case 'contraction': {
      const start = startMonthsAgo(rng, anchor, latest, int(rng, 14, 24));
      const renewal = toUtcDay(addMonths(start, 12));
      won(start, renewal, mrr, 'newbusiness', 'Annual subscription');
      won(
        renewal,
        null,
        Math.max(10, Math.round((mrr * (0.5 + 0.35 * rng())) / 10) * 10),
        'existingbusiness',
        'Renewal (downgrade)',
      );
      break;
    }
    case 'churn': {
      const start = startMonthsAgo(rng, anchor, latest, int(rng, 13, 24));
      won(start, toUtcDay(addMonths(start, 12)), mrr, 'newbusiness', 'Annual subscription');
      break;
    }
    case 'reactivation': {
      const start = startMonthsAgo(rng, anchor, latest, int(rng, 20, 24));
      const end = toUtcDay(addMonths(start, int(rng, 6, 10)));
      won(start, end, mrr, 'newbusiness', 'Annual subscription');
      const back = Math.min(latest - 7 * DAY, addMonths(end, int(rng, 2, 5)) + int(rng, 9, 16) * 3_600_000);
      won(
        back,
        null,
        Math.round((mrr * (0.8 + 0.5 * rng())) / 10) * 10,
        'newbusiness',
        'Win-back subscription',
      );
      break;
    }
    case 'prospect':
      break;
  }
  if (scenario === 'prospect' || chance(rng, 0.2)) {
    deals.push({
      stage: 'open',
      close: toUtcDay(anchor + between(rng, 5 * DAY, 120 * DAY)),
      end: null,
      mrr: baseMrr(rng),
      withMrr: chance(rng, 0.7),
      dealtype: deals.length ? 'existingbusiness' : 'newbusiness',
      label: deals.length ? 'Expansion opportunity' : 'New opportunity',
    });
  }
  if (chance(rng, 0.15)) {
    deals.push({
      stage: 'closedlost',
      close: Math.min(latest, anchor - between(rng, 14 * DAY, 700 * DAY)),
      end: null,
      mrr: baseMrr(rng),
      withMrr: false,
      dealtype: 'newbusiness',
      label: 'Pilot',
    });
  }
  return { scenario, deals };
}
