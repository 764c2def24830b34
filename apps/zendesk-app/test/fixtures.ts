/**
 * Sidebar answers typed by the `@csm/accounts` contract (docs/card-api.md), so that a contract
 * change the app has not followed is a compile error here, with hand-picked numbers so that the
 * tests can say exactly what an agent should see.
 */
import type { AccountCard, Freshness, OrganizationAnswer, RequesterAnswer } from '@csm/accounts/contract';

export const BACKEND = 'https://csm.example.com';
const computedAt = '2026-06-15T08:00:00.000Z';

export function aCard(overrides: Partial<AccountCard> = {}): AccountCard {
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
      currency: 'USD',
      windows: { npsDays: 365, csatDays: 90, fcrDays: 90 },
      lowConfidence: [],
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
    nps: {
      score: 35,
      responses: 20,
      promoters: 9,
      passives: 9,
      detractors: 2,
      benchmark: null,
      windowDays: 365,
      lowConfidence: false,
    },
    csat: { score: 80, responses: 10, positive: 8, good: 8, bad: 2, windowDays: 90, lowConfidence: false },
    ces: { score: null, easyShare: null, responses: 0, windowDays: 90, lowConfidence: false },
    fcr: { rate: 70, firstContactResolved: 7, solved: 10, windowDays: 90, lowConfidence: false },
    firstReply: { medianMinutes: 42, p90Minutes: 180, tickets: 12, windowDays: 90 },
    revenue: {
      mrr: 2500,
      arr: 30000,
      currency: 'USD',
      month: '2026-06',
      movement: 'flat',
      change: 0,
      renewalDate: '2026-07-30T00:00:00.000Z',
      daysToRenewal: 45,
      tier: 'mid-market',
    },
    tickets: { total: 30, open: 4, urgent: 3, openUrgent: 2, last30Days: 6 },
    lastTouch: { at: '2026-06-03T00:00:00.000Z', daysSince: 12 },
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

const freshness: Freshness = {
  hubspot: { status: 'succeeded', lastRunAt: computedAt, lastSucceededAt: computedAt },
  zendesk: { status: 'succeeded', lastRunAt: computedAt, lastSucceededAt: computedAt },
  computedAt,
};

export function anOrganization(
  card: AccountCard | null = aCard(),
  overrides: Partial<OrganizationAnswer> = {},
): OrganizationAnswer {
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
      fcr: {
        rate: 66.66666666666667,
        firstContactResolved: 4,
        solved: 6,
        windowDays: 90,
        lowConfidence: false,
      },
      csat: { good: 5, bad: 1, score: 83.33333333333333, responses: 6, windowDays: 90, lowConfidence: false },
      recentComments: [{ rating: 'bad', comment: 'Slow answer', submittedAt: '2026-06-10T00:00:00.000Z' }],
    },
    freshness,
    ...overrides,
  };
}

export function aRequester(organization: OrganizationAnswer | null = anOrganization()): RequesterAnswer {
  let org: RequesterAnswer['organization'] = null;
  if (organization) {
    const { freshness: _, ...rest } = organization;
    org = rest;
  }
  return {
    requester: { id: '7001', email: 'ann@acme.com', organizationId: organization?.organization.id ?? null },
    account: organization?.card?.account ?? null,
    card: organization?.card ?? null,
    organization: org,
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
