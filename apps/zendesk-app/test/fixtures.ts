/**
 * Sidebar answers written from docs/card-api.md (the shapes the backend's card schemas serve),
 * with hand-picked numbers so that the tests can say exactly what an agent should see.
 */

export const BACKEND = 'https://csm.example.com';
const computedAt = '2026-06-15T08:00:00.000Z';

export function aCard(overrides: Record<string, unknown> = {}) {
  return {
    account: {
      hubspotCompanyId: '42',
      name: 'Acme Corp',
      domain: 'acme.com',
      health: { score: 61.6, band: 'yellow' },
      nps: { score: 35, responses: 20 },
      csat: { score: 80, responses: 10 },
      fcr: { rate: 70, firstContactResolved: 7, solved: 10 },
      mrr: 2500,
      arr: 30000,
      openTickets: 4,
    },
    health: {
      score: 61.6,
      band: 'yellow',
      components: [
        { key: 'nps', value: 35, score: 67.5, weight: 0.3, contribution: 20.25, gain: 9.75 },
        { key: 'csat', value: 80, score: 80, weight: 0.2, contribution: 16, gain: 4 },
        { key: 'fcr', value: 70, score: 50, weight: 0.2, contribution: 10, gain: 10 },
        { key: 'openUrgentTickets', value: 2, score: 40, weight: 0.15, contribution: 6, gain: 9 },
        { key: 'mrrChange', value: 0, score: 100, weight: 0.15, contribution: 15, gain: 0 },
      ],
      missing: ['licenseUtilization'],
      biggestLever: 'fcr',
      trend: {
        since: '2026-05-16',
        scoreThen: 65.6,
        delta: -4,
        direction: 'down',
        basis: 'snapshot',
        movers: [{ key: 'fcr', delta: -4 }],
      },
    },
    nps: { score: 35, responses: 20, promoters: 9, passives: 9, detractors: 2, benchmark: null },
    csat: { score: 80, responses: 10, positive: 8, good: 8, bad: 2 },
    ces: { score: null, easyShare: null, responses: 0 },
    fcr: { rate: 70, firstContactResolved: 7, solved: 10 },
    firstReply: { medianMinutes: 42, p90Minutes: 180, tickets: 12 },
    revenue: {
      mrr: 2500,
      arr: 30000,
      month: '2026-06',
      movement: 'flat',
      change: 0,
      renewalDate: '2026-07-30T00:00:00.000Z',
      daysToRenewal: 45,
      tier: 'mid-market',
    },
    tickets: { total: 30, open: 4, urgent: 3, openUrgent: 2, last30Days: 6 },
    lastSurveyComments: [
      {
        source: 'hubspot',
        surveyType: 'NPS',
        value: 9,
        rating: null,
        comment: 'Great onboarding',
        submittedAt: '2026-06-01T00:00:00.000Z',
      },
    ],
    computedAt,
    ...overrides,
  };
}

const freshness = {
  hubspot: { status: 'succeeded', lastRunAt: computedAt, lastSucceededAt: computedAt },
  zendesk: { status: 'succeeded', lastRunAt: computedAt, lastSucceededAt: computedAt },
  computedAt,
};

export function anOrganization(
  card: ReturnType<typeof aCard> | null = aCard(),
  overrides: Record<string, unknown> = {},
) {
  return {
    organization: { id: '900', name: 'Acme Support', domainNames: ['acme.com', 'acme.io'] },
    account: card?.account ?? null,
    card,
    link: card ? { companyId: '42', via: 'domain' } : null,
    tickets: {
      total: 12,
      open: 3,
      urgent: 2,
      openUrgent: 1,
      fcr: { rate: 66.66666666666667, firstContactResolved: 4, solved: 6 },
      csat: { good: 5, bad: 1, score: 83.33333333333333 },
      recentComments: [{ rating: 'bad', comment: 'Slow answer', submittedAt: '2026-06-10T00:00:00.000Z' }],
    },
    freshness,
    ...overrides,
  };
}

export function aRequester(organization: ReturnType<typeof anOrganization> | null = anOrganization()) {
  const { freshness: _, ...org } = organization ?? { freshness: null };
  return {
    requester: { id: '7001', email: 'ann@acme.com', organizationId: organization?.organization.id ?? null },
    account: organization?.card?.account ?? null,
    card: organization?.card ?? null,
    organization: organization ? org : null,
    recentTickets: [
      {
        id: '5003',
        source: 'zendesk',
        subject: 'Now',
        status: 'open',
        priority: 'normal',
        replies: 0,
        reopens: 0,
        oneTouch: null,
        createdAt: '2026-06-14T00:00:00.000Z',
        solvedAt: null,
      },
      {
        id: '5002',
        source: 'zendesk',
        subject: 'B',
        status: 'solved',
        priority: null,
        replies: 3,
        reopens: 0,
        oneTouch: false,
        createdAt: '2026-06-01T00:00:00.000Z',
        solvedAt: '2026-06-02T00:00:00.000Z',
      },
      {
        id: '5001',
        source: 'zendesk',
        subject: 'A',
        status: 'closed',
        priority: null,
        replies: 1,
        reopens: 0,
        oneTouch: true,
        createdAt: '2026-05-01T00:00:00.000Z',
        solvedAt: '2026-05-01T05:00:00.000Z',
      },
    ],
    fcr: { rate: 50, firstContactResolved: 1, solved: 2 },
    freshness,
  };
}
