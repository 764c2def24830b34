/**
 * Hand-written card answers typed by the `@csm/accounts` contract (what the backend sends, every
 * field), for the states the real backend cannot be made to produce on demand (a 500, a timeout)
 * and for exact text checks per language. Values that the real backend produces are checked
 * against it in cards-backend.test.tsx.
 */
import type {
  AccountCard,
  CompanyAnswer,
  ContactAnswer,
  DealAnswer,
  Freshness,
} from '@csm/accounts/contract';
import type { HubSpotFetch } from '../src/app/cards/lib/fetch-card.ts';

export const NOW = new Date('2026-06-15T12:00:00Z');
export const THREE_MINUTES_AGO = new Date(NOW.getTime() - 3 * 60_000).toISOString();

export function anAccountCard(over: Partial<AccountCard> = {}): AccountCard {
  return {
    account: {
      hubspotCompanyId: '42',
      name: 'Acme',
      domain: 'acme.example',
      health: { score: 38.4, band: 'red' },
      nps: { score: -20, responses: 10 },
      csat: { score: 62.5, responses: 8 },
      fcr: { rate: 55, firstContactResolved: 11, solved: 20 },
      mrr: 12500,
      arr: 150000,
      openTickets: 7,
      currency: 'USD',
      windows: { npsDays: 365, csatDays: 90, fcrDays: 90 },
      lowConfidence: [],
    },
    health: {
      score: 38.4,
      band: 'red',
      components: [
        { key: 'nps', value: -20, score: 20, weight: 0.4, contribution: 8, gain: 32 },
        { key: 'csat', value: 62.5, score: 45, weight: 0.3, contribution: 13.5, gain: 16.5 },
        { key: 'fcr', value: 55, score: 56.3, weight: 0.3, contribution: 16.9, gain: 13.1 },
      ],
      missing: ['licenseUtilization'],
      biggestLever: 'nps',
      trend: {
        since: '2026-05-16',
        scoreThen: 50.4,
        delta: -12,
        direction: 'down',
        basis: 'snapshot',
        movers: [{ key: 'nps', delta: -9 }],
      },
    },
    nps: {
      score: -20,
      responses: 10,
      promoters: 2,
      passives: 2,
      detractors: 6,
      benchmark: { value: 30, position: 'below' },
      windowDays: 365,
      lowConfidence: false,
    },
    csat: { score: 62.5, responses: 8, positive: 5, good: 5, bad: 3, windowDays: 90, lowConfidence: false },
    ces: { score: 4.2, easyShare: 60, responses: 5, windowDays: 90, lowConfidence: false },
    fcr: { rate: 55, firstContactResolved: 11, solved: 20, windowDays: 90, lowConfidence: false },
    firstReply: { medianMinutes: 42, p90Minutes: 300, tickets: 20, windowDays: 90 },
    revenue: {
      mrr: 12500,
      arr: 150000,
      currency: 'USD',
      month: '2026-06',
      movement: 'contraction',
      change: -1500,
      renewalDate: '2026-08-01T00:00:00.000Z',
      daysToRenewal: 47,
      tier: 'enterprise',
    },
    tickets: { total: 40, open: 7, urgent: 3, openUrgent: 2, last30Days: 9 },
    lastTouch: { at: '2026-06-01T09:00:00.000Z', daysSince: 14 },
    lastSurveyComments: [
      {
        source: 'hubspot',
        surveyType: 'NPS',
        value: 3,
        rating: null,
        comment: 'Support is slow',
        submittedAt: '2026-06-10T09:00:00.000Z',
      },
    ],
    computedAt: THREE_MINUTES_AGO,
    ...over,
  };
}

const freshness = (zendesk: boolean): Freshness => ({
  hubspot: { status: 'succeeded', lastRunAt: THREE_MINUTES_AGO, lastSucceededAt: THREE_MINUTES_AGO },
  zendesk: zendesk
    ? { status: 'succeeded', lastRunAt: THREE_MINUTES_AGO, lastSucceededAt: THREE_MINUTES_AGO }
    : null,
  computedAt: THREE_MINUTES_AGO,
});

export function aCompanyAnswer(options: { zendesk?: boolean } = {}): CompanyAnswer {
  const card = anAccountCard();
  return {
    card,
    account: card.account,
    freshness: freshness(options.zendesk ?? true),
    coverage: {
      unmatchedOrganizations: 1,
      unmatchedTickets: 4,
      contactsWithoutCompany: 0,
      companiesWithoutRevenue: 0,
    },
    links: { dashboard: 'https://success-metrics.example.com/dashboard/accounts/42' },
  };
}

export function aDealAnswer(options: { company?: boolean } = {}): DealAnswer {
  return {
    deal: {
      id: '900',
      name: 'Acme renewal 2026',
      amount: 48000,
      mrr: 4000,
      currency: 'USD',
      closeDate: '2025-08-01T00:00:00.000Z',
      contractEndDate: '2026-08-01T00:00:00.000Z',
      isClosedWon: true,
      companyId: options.company === false ? null : '42',
    },
    card: options.company === false ? null : anAccountCard(),
    renewalRisk:
      options.company === false
        ? { level: null, reasons: [] }
        : { level: 'high', reasons: ['health is red', 'contract ends in 47 days'] },
    freshness: freshness(true),
  };
}

export function aContactAnswer(): ContactAnswer {
  return {
    contact: { id: '501', email: 'ann@acme.example', companyId: '42' },
    surveys: [
      {
        source: 'hubspot',
        surveyType: 'NPS',
        value: 9,
        rating: null,
        comment: null,
        submittedAt: '2026-01-10T09:00:00.000Z',
      },
      {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: 'bad',
        comment: 'Waited two days',
        submittedAt: '2026-05-02T09:00:00.000Z',
      },
    ],
    tickets: [
      {
        id: '77',
        source: 'zendesk',
        subject: 'Export fails',
        status: 'solved',
        priority: 'high',
        replies: 1,
        reopens: 0,
        oneTouch: true,
        createdAt: '2026-05-01T09:00:00.000Z',
        solvedAt: '2026-05-01T10:00:00.000Z',
      },
      {
        id: '78',
        source: 'zendesk',
        subject: 'Login loop',
        status: 'open',
        priority: 'urgent',
        replies: 3,
        reopens: 1,
        oneTouch: null,
        createdAt: '2026-05-03T09:00:00.000Z',
        solvedAt: null,
      },
    ],
    fcr: { rate: 100, firstContactResolved: 1, solved: 1 },
    card: anAccountCard(),
    freshness: freshness(true),
  };
}

/** A `hubspot.fetch` stand-in answering with a fixed status and body, recording the URLs asked for. */
export function answering(status: number, body: unknown) {
  const urls: string[] = [];
  const fetch: HubSpotFetch = async (url) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, urls };
}

/** A `hubspot.fetch` that never answers (HubSpot's own timeout would end it). */
export const hanging: HubSpotFetch = () => new Promise<Response>(() => {});
