import type {
  AccountPage,
  AccountRow,
  Bands,
  Card,
  Figures,
  Session,
  SettingsAnswer,
} from '../src/lib/api-schemas.ts';

/** Answers shaped like the server's dashboard API (its schemas are in apps/server/src/dashboard). */

export const adminSession = (tenants = ['acme']): Session => ({
  principal: { kind: 'admin', via: 'password' },
  tenants: tenants.map((name, i) => ({
    name,
    hubspotPortalId: 100 + i,
    zendeskSubdomain: null,
    status: 'active',
  })),
});

export function anAccountRow(
  id: string,
  over: {
    name?: string;
    score?: number | null;
    band?: 'green' | 'yellow' | 'red' | null;
    delta?: number | null;
    mrr?: number | null;
    owner?: AccountRow['owner'];
  } = {},
): AccountRow {
  const delta = over.delta ?? 0;
  return {
    account: {
      hubspotCompanyId: id,
      name: over.name ?? `Company ${id}`,
      domain: `c${id}.test`,
      health: { score: over.score ?? 50, band: over.band === undefined ? 'yellow' : over.band },
      nps: { score: 20, responses: 12 },
      csat: { score: 80, responses: 30 },
      fcr: { rate: 70, firstContactResolved: 7, solved: 10 },
      mrr: over.mrr === undefined ? 1000 : over.mrr,
      arr: over.mrr === undefined ? 12000 : over.mrr === null ? null : over.mrr * 12,
      openTickets: 2,
      currency: 'USD',
      windows: { npsDays: 365, csatDays: 90, fcrDays: 90 },
      lowConfidence: [],
    },
    ownerId: over.owner === undefined ? '900' : (over.owner?.id ?? null),
    owner:
      over.owner === undefined ? { id: '900', name: 'Ada Lovelace', email: 'ada@acme.test' } : over.owner,
    trend: {
      since: '2026-05-16',
      scoreThen: 50 - delta,
      delta,
      direction: delta < -2 ? 'down' : delta > 2 ? 'up' : 'flat',
    },
    biggestLever: 'csat',
    revenue: { mrr: 1000, movement: 'flat', change: 0, renewalDate: null, daysToRenewal: null, tier: 'smb' },
    computedAt: '2026-06-15T12:00:00.000Z',
  };
}

export const bands: Bands = {
  series: [
    { day: '2026-04-30', green: 5, yellow: 3, red: 2, none: 0 },
    { day: '2026-05-31', green: 4, yellow: 4, red: 2, none: 0 },
    { day: '2026-06-15', green: 3, yellow: 4, red: 3, none: 0 },
  ],
  moves: {
    from: '2026-05-31',
    to: '2026-06-15',
    moves: [
      { from: 'green', to: 'yellow', accounts: 1 },
      { from: 'yellow', to: 'red', accounts: 1 },
    ],
  },
};

export const aCard = (over: Partial<Card> = {}): Card => ({
  account: {
    ...anAccountRow('42', { name: 'Acme One', score: 61.25, band: 'yellow' }).account,
    currency: 'EUR',
  },
  health: {
    score: 61.25,
    band: 'yellow',
    components: [
      { key: 'csat', value: 70, score: 33.3, weight: 0.4, contribution: 13.3, gain: 26.7 },
      { key: 'openUrgentTickets', value: 1, score: 66.7, weight: 0.3, contribution: 20, gain: 10 },
      { key: 'daysSinceLastTouch', value: 12, score: 100, weight: 0.3, contribution: 30, gain: 0 },
    ],
    missing: ['licenseUtilization', 'onboardingCompletion'],
    biggestLever: 'csat',
    trend: {
      since: '2026-05-16',
      scoreThen: 70,
      delta: -8.75,
      direction: 'down',
      basis: 'snapshot',
      movers: [{ key: 'openUrgentTickets', delta: -10 }],
    },
  },
  nps: {
    score: 20,
    responses: 10,
    promoters: 4,
    passives: 4,
    detractors: 2,
    benchmark: null,
    windowDays: 365,
    lowConfidence: false,
  },
  csat: { score: 70, responses: 10, positive: 7, good: 7, bad: 3, windowDays: 90, lowConfidence: false },
  ces: { score: 5.5, easyShare: 60, responses: 5, windowDays: 90, lowConfidence: false },
  fcr: { rate: 70, firstContactResolved: 7, solved: 10, windowDays: 90, lowConfidence: false },
  firstReply: { medianMinutes: 30, p90Minutes: 240, tickets: 12, windowDays: 90 },
  revenue: {
    mrr: 1250,
    arr: 15000,
    currency: 'EUR',
    month: '2026-06',
    movement: 'expansion',
    change: 250,
    renewalDate: '2026-09-01T00:00:00.000Z',
    daysToRenewal: 78,
    tier: 'mid-market',
  },
  tickets: { total: 20, open: 3, urgent: 2, openUrgent: 1, last30Days: 4 },
  lastTouch: { at: '2026-06-03T00:00:00.000Z', daysSince: 12 },
  lastSurveyComments: [
    {
      source: 'hubspot',
      surveyType: 'NPS',
      value: 3,
      rating: null,
      comment: 'Too slow',
      submittedAt: '2026-06-01T00:00:00.000Z',
    },
  ],
  computedAt: '2026-06-15T12:00:00.000Z',
  ...over,
});

export const anAccountPage = (): AccountPage => ({
  card: aCard(),
  ownerId: '900',
  owner: { id: '900', name: 'Ada Lovelace', email: 'ada@acme.test' },
  history: [
    { day: '2026-06-14', score: 70, band: 'green' },
    { day: '2026-06-15', score: 61.25, band: 'yellow' },
  ],
  ledger: [
    {
      companyId: '42',
      name: 'Acme One',
      day: '2026-06-15',
      previousDay: '2026-06-14',
      score: 61.25,
      previousScore: 70,
      delta: -8.75,
      band: 'yellow',
      previousBand: 'green',
      movers: [
        {
          key: 'openUrgentTickets',
          contributionThen: null,
          contributionNow: 20,
          delta: 20,
          valueThen: null,
          valueNow: 1,
        },
        {
          key: 'csat',
          contributionThen: 40,
          contributionNow: 13.3,
          delta: -26.7,
          valueThen: 95,
          valueNow: 70,
        },
      ],
      records: [
        {
          kind: 'ticket-created',
          source: 'zendesk',
          externalId: '7001',
          detail: 'urgent',
          value: null,
          rating: null,
          at: '2026-06-15T09:00:00.000Z',
          url: 'https://acme.zendesk.com/agent/tickets/7001',
        },
      ],
    },
  ],
  links: { hubspot: 'https://app.hubspot.com/contacts/100/company/42', zendeskOrganizations: [] },
});

const model = {
  components: {
    nps: { weight: 10, direction: 'higher-is-better' as const, bad: -20, good: 50 },
    csat: { weight: 10, direction: 'higher-is-better' as const, bad: 60, good: 90 },
  },
  bands: { green: 70, yellow: 40 },
};
const windows = { npsDays: 365, csatDays: 90, cesDays: 90, fcrDays: 90, firstReplyDays: 90 };

export const aSettingsAnswer = (over: Partial<SettingsAnswer> = {}): SettingsAnswer => ({
  settings: { healthModel: model, windows },
  isDefault: true,
  defaults: { healthModel: model, windows },
  signals: ['nps', 'csat'],
  versions: [],
  ...over,
});

export const aFigures = (label: string, over: Partial<Figures> = {}): Figures => ({
  period: { start: `${label}-01T00:00:00.000Z`, end: `${label}-28T00:00:00.000Z`, label },
  mrr: 10_000,
  arr: 120_000,
  nrr: 101.5,
  grr: 97.25,
  customerChurnRate: 2.5,
  revenueChurnRate: 2.75,
  quickRatio: 1.8,
  renewalRate: 80,
  arpu: 500,
  nps: { score: 31.4, responses: 35 },
  csat: { score: 88.2, responses: 51 },
  fcr: { rate: 71.3, firstContactResolved: 57, solved: 80 },
  firstReply: { medianMinutes: 42, p90Minutes: 300, tickets: 90 },
  ticketsPerAccount: 4.5,
  movements: {
    startMrr: 9850,
    endMrr: 10_000,
    new: 300,
    expansion: 200,
    contraction: 75,
    churn: 275,
    reactivation: 0,
  },
  ...over,
});

const aBacktestResult = (auc: number | null) => ({
  accounts: 40,
  churned: 6,
  auc,
  bands: {
    green: { accounts: 20, churned: 1, churnRate: 5 },
    yellow: { accounts: 14, churned: 2, churnRate: 14.285714285714286 },
    red: { accounts: 6, churned: 3, churnRate: 50 },
  },
  unscored: { accounts: 2, churned: 0 },
  liftRedOverGreen: auc === null ? null : 10,
});
export const aBacktest = (draft: number | null = null) => ({
  startDay: '2026-03-17',
  horizonDays: 90,
  current: aBacktestResult(0.78),
  draft: draft === null ? null : aBacktestResult(draft),
});
