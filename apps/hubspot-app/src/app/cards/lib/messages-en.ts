import type { Band, HealthSignalKey } from './card-types.ts';

const plural = new Intl.PluralRules('en');
const one = (n: number) => plural.select(n) === 'one';

/**
 * Every text the cards show, in English: the reference the other languages follow key by key.
 * Counted texts take the count (which picks the language's plural form) and the count as shown.
 */
export const en = {
  loading: 'Loading customer health…',
  errorTitle: 'Success Metrics could not load this card',
  errorBody: (status: number | null) =>
    status === null
      ? 'The Success Metrics server did not answer in time. Try again in a moment.'
      : `The Success Metrics server answered with an error (HTTP ${status}). Try again in a moment.`,
  retry: 'Try again',
  emptyTitle: 'No figures yet',
  emptyBody:
    'Success Metrics has nothing for this record yet. The first sync may still be running: check back in a few minutes.',
  paused: (source: string, since: string) =>
    `${source} is paused since ${since}: its credential was refused. Figures from ${source} stay as of its last sync until an admin reconnects it.`,
  notConnected: (source: string) =>
    `${source} is not connected yet, so figures from ${source} are missing from this card.`,
  healthScore: 'Health score',
  band: { green: 'Healthy', yellow: 'At risk', red: 'Critical' } satisfies Record<Band, string>,
  noScore: 'No score yet',
  trendVs: (delta: string) => `${delta} pts vs. 30 days ago`,
  trendFlat: 'Steady vs. 30 days ago',
  trendUnknown: 'No trend yet',
  whyTitle: 'What drives the score',
  signal: {
    nps: 'NPS',
    csat: 'CSAT',
    fcr: 'First-contact resolution',
    ticketsPerMonth: 'Tickets per month',
    openUrgentTickets: 'Open urgent tickets',
    mrrChange: 'MRR change',
    daysSinceLastTouch: 'Days since last touch',
    licenseUtilization: 'License utilization',
    onboardingCompletion: 'Onboarding completion',
  } satisfies Record<HealthSignalKey, string>,
  columns: { signal: 'Signal', measured: 'Measured', score: 'Score', weight: 'Weight', points: 'Points' },
  biggestLever: (signal: string, gain: string) =>
    `Improving ${signal} would raise the score most: up to ${gain} points.`,
  missing: (list: string) => `Not measured, weight shared by the others: ${list}`,
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  answers: (n: number, shown: string) => (one(n) ? `${shown} answer` : `${shown} answers`),
  solvedTickets: (n: number, shown: string) =>
    one(n) ? `of ${shown} solved ticket` : `of ${shown} solved tickets`,
  lastDays: (n: number, shown: string) => (one(n) ? `last ${shown} day` : `last ${shown} days`),
  fewAnswers: 'Few answers',
  fewAnswersTip: 'Fewer than 5 answers in this window: one more answer can move this figure a lot.',
  fewTickets: 'Few tickets',
  fewTicketsTip: 'Fewer than 5 solved tickets in this window: one more ticket can move this rate a lot.',
  benchmark: (value: string, position: 'above' | 'below' | 'within') =>
    `${{ above: 'Above', below: 'Below', within: 'Within' }[position]} the benchmark (${value})`,
  mrr: 'MRR',
  arr: 'ARR',
  movement: {
    new: 'New this month',
    expansion: 'Expansion this month',
    contraction: 'Contraction this month',
    churn: 'Churned this month',
    reactivation: 'Reactivated this month',
    flat: 'No change this month',
  },
  renewal: (date: string, days: string) => `Renewal on ${date} (in ${days} days)`,
  /** The last call, email, meeting or survey answer: "Last touch 14 days ago (1 Jun 2026)". */
  lastTouch: (days: number, shown: string, date: string) =>
    days === 0
      ? `Last touch today (${date})`
      : one(days)
        ? `Last touch ${shown} day ago (${date})`
        : `Last touch ${shown} days ago (${date})`,
  noTouch: 'No call, email, meeting or survey answer on record',
  openTickets: 'Open tickets',
  urgentTickets: 'Urgent',
  last30Days: (n: string) => `${n} in the last 30 days`,
  commentsTitle: 'Latest survey comments',
  noComments: 'No survey comments yet.',
  asOf: (when: string) => `As of ${when}`,
  coverage: (n: string) => `${n} records in this portal could not be linked to an account.`,
  openDashboard: 'Open in Success Metrics',
  dashboardMinting: 'Preparing your sign-in link…',
  dashboardReady: 'Open the Success Metrics dashboard',
  dashboardLinkValid: 'This sign-in link works once, within 5 minutes.',
  dashboardLinkFailed: 'The dashboard link could not be made. Try again in a moment.',
  renewalRisk: 'Renewal risk',
  risk: { high: 'High', medium: 'Medium', low: 'Low' },
  riskUnknown: 'Not enough data',
  dealRevenue: 'This deal',
  dealAmount: 'Amount',
  dealMrr: 'MRR',
  closeDate: 'Close date',
  contractEnd: 'Contract end',
  noCompanyTitle: 'No associated company',
  noCompanyBody: 'Associate this deal with a company to see the account health and renewal risk.',
  surveysTitle: 'Survey answers',
  noSurveys: 'This person has not answered a survey yet.',
  surveyColumns: { date: 'Date', survey: 'Survey', answer: 'Answer', comment: 'Comment' },
  ticketsTitle: 'Recent tickets',
  noTickets: 'No tickets from this person yet.',
  ticketColumns: {
    ticket: 'Ticket',
    status: 'Status',
    replies: 'Replies',
    firstContact: 'Resolved on first contact',
  },
  yes: 'Yes',
  no: 'No',
  notApplicable: '–',
  personFcr: 'Their FCR',
  accountHealth: 'Account health',
};

export type Messages = typeof en;
