import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Link,
  LoadingSpinner,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { BACKEND_URL } from '../src/app/cards/lib/backend.ts';
import type { HubSpotFetch } from '../src/app/cards/lib/fetch-card.ts';
import { aCompanyAnswer, aContactAnswer, aDealAnswer, answering, hanging, NOW } from './fixtures.ts';
import { CARDS, renderCard, textOf, until } from './render.tsx';

const answerFor = (kind: 'company' | 'deal' | 'contact', zendesk = true) => {
  if (kind === 'company') return aCompanyAnswer({ zendesk });
  if (kind === 'deal') {
    const a = aDealAnswer();
    return zendesk ? a : { ...a, freshness: { ...a.freshness, zendesk: null } };
  }
  const a = aContactAnswer();
  return zendesk ? a : { ...a, freshness: { ...a.freshness, zendesk: null } };
};
const pathFor = { company: 'companies', deal: 'deals', contact: 'contacts' } as const;

describe.each(CARDS)('$name card states', (card) => {
  it('asks the backend for its own record, then shows loading until the answer arrives', async () => {
    const { fetch, urls } = answering(200, answerFor(card.kind));
    const r = renderCard(card, { fetch, objectId: 42, now: NOW });
    expect(r.find(LoadingSpinner).props.label).toBe('Loading customer health…');
    await until(r, () => r.maybeFind(LoadingSpinner) === null);
    expect(r.maybeFind(LoadingSpinner) === null).toBe(true);
    expect(urls).toEqual([`${BACKEND_URL}/cards/hubspot/${pathFor[card.kind]}/42`]);
    expect(r.maybeFind(ErrorState) === null).toBe(true);
  });

  it('shows the empty view on a 404 (no data yet: the first sync may still run)', async () => {
    const { fetch } = answering(404, { error: 'not_found', message: 'no account' });
    const r = renderCard(card, { fetch, objectId: 42, now: NOW });
    await until(r, () => r.findByTestId(EmptyState, 'card-empty').props.title === 'No figures yet');
    expect(r.findByTestId(EmptyState, 'card-empty').props.title).toBe('No figures yet');
    expect(textOf(r.findByTestId(EmptyState, 'card-empty'))).toMatch(/first sync may still be running/);
  });

  it('shows the error view on a 500, and a retry that succeeds shows the card', async () => {
    let calls = 0;
    const body = answerFor(card.kind);
    const fetch: HubSpotFetch = async () =>
      ++calls === 1
        ? new Response('{"error":"internal"}', { status: 500 })
        : new Response(JSON.stringify(body), { status: 200 });
    const r = renderCard(card, { fetch, objectId: 42, now: NOW });
    await until(r, () => /HTTP 500/.test(textOf(r.findByTestId(ErrorState, 'card-error'))));
    expect(textOf(r.findByTestId(ErrorState, 'card-error'))).toMatch(/HTTP 500/);
    r.findByTestId(Button, 'card-retry').trigger('onClick');
    await until(r, () => r.maybeFind(ErrorState) === null && r.maybeFind(LoadingSpinner) === null);
    expect(r.maybeFind(ErrorState) === null).toBe(true);
    expect(calls).toBe(2);
    expect(r.maybeFind(LoadingSpinner) === null).toBe(true);
  });

  it('shows the error view when the backend does not answer in time', async () => {
    const r = renderCard(card, { fetch: hanging, objectId: 42, now: NOW, timeoutMs: 30 });
    await until(r, () => /did not answer in time/.test(textOf(r.findByTestId(ErrorState, 'card-error'))));
    expect(textOf(r.findByTestId(ErrorState, 'card-error'))).toMatch(/did not answer in time/);
  });

  it('says which source is not connected (partial figures)', async () => {
    const { fetch } = answering(200, answerFor(card.kind, false));
    const r = renderCard(card, { fetch, objectId: 42, now: NOW });
    await until(r, () => r.findByTestId(Alert, 'card-partial-zendesk').props.title === 'Zendesk');
    expect(r.findByTestId(Alert, 'card-partial-zendesk').props.title).toBe('Zendesk');
    expect(textOf(r.findByTestId(Alert, 'card-partial-zendesk'))).toMatch(/Zendesk is not connected yet/);
    expect(r.maybeFindByTestId(Alert, 'card-partial-hubspot') === null).toBe(true);
  });

  it('says when a source is paused because its credential was refused (stale figures)', async () => {
    const answer = answerFor(card.kind);
    answer.freshness.zendesk = {
      ...answer.freshness.zendesk!,
      status: 'paused',
      reason: 'the API token was refused (401)',
      pausedAt: '2026-06-14T08:00:00.000Z',
    };
    const r = renderCard(card, { fetch: answering(200, answer).fetch, objectId: 42, now: NOW });
    await until(r, () => r.maybeFindByTestId(Alert, 'card-paused-zendesk') !== null);
    expect(r.findByTestId(Alert, 'card-paused-zendesk').props.variant).toBe('warning');
    expect(textOf(r.findByTestId(Alert, 'card-paused-zendesk'))).toMatch(
      /^Zendesk is paused since Jun 14, 2026: its credential was refused/,
    );
    expect(r.maybeFindByTestId(Alert, 'card-partial-zendesk')).toBeNull();
  });

  it('says how fresh the figures are', async () => {
    const { fetch } = answering(200, answerFor(card.kind));
    const r = renderCard(card, { fetch, objectId: 42, now: NOW });
    await until(r, () => r.findByTestId(Text, 'card-freshness').text === 'As of 3 minutes ago');
    expect(r.findByTestId(Text, 'card-freshness').text).toBe('As of 3 minutes ago');
  });
});

describe('company card content (fixture answer)', () => {
  it('tab: score, band, trend, why (components, biggest lever, missing), KPIs, revenue, tickets, comments, coverage, link', async () => {
    const { fetch } = answering(200, aCompanyAnswer());
    const r = renderCard(CARDS[0], { fetch, objectId: 42, now: NOW });
    await until(r, () => r.findByTestId(StatisticsItem, 'health-score').props.number === '38');
    expect(r.findByTestId(StatisticsItem, 'health-score').props.number).toBe('38');
    expect(r.findByTestId(StatusTag, 'health-band').props.variant).toBe('danger');
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('Critical');
    const trend = r.findByTestId(StatisticsTrend, 'health-trend');
    expect(trend.props).toMatchObject({
      direction: 'decrease',
      color: 'red',
      value: '-12 pts vs. 30 days ago',
    });
    expect(r.findByTestId(Alert, 'health-lever').text).toBe(
      'Improving NPS would raise the score most: up to 32 points.',
    );
    expect(textOf(r.findByTestId(Text, 'health-missing'))).toMatch(/License utilization/);
    expect(textOf(r.getRootNode())).toMatch(/First-contact resolution/);
    expect(r.findByTestId(StatisticsItem, 'kpi-nps').props.number).toBe('-20');
    expect(r.findByTestId(Text, 'kpi-nps-sample').text).toBe('10 answers · last 365 days');
    expect(r.findByTestId(Text, 'last-touch').text).toBe('Last touch 14 days ago (Jun 1, 2026)');
    expect(r.findByTestId(Text, 'kpi-csat-sample').text).toBe('8 answers · last 90 days');
    expect(r.findByTestId(Text, 'kpi-ces-sample').text).toBe('5 answers · last 90 days');
    expect(r.findByTestId(Text, 'kpi-fcr-sample').text).toBe('of 20 solved tickets · last 90 days');
    // Five answers or more everywhere: nothing is marked.
    expect(r.findAll(Tag).filter((tag) => /-few$/.test(tag.props.testId ?? ''))).toEqual([]);
    expect(r.findByTestId(Text, 'kpi-nps-benchmark').text).toBe('Below the benchmark (30)');
    expect(r.findByTestId(StatisticsItem, 'kpi-csat').props.number).toBe('62.5%');
    expect(r.findByTestId(StatisticsItem, 'kpi-ces').props.number).toBe('4.2');
    expect(r.findByTestId(StatisticsItem, 'kpi-fcr').props.number).toBe('55%');
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe('$12,500');
    expect(r.findByTestId(StatisticsTrend, 'kpi-mrr-change').props).toMatchObject({
      direction: 'decrease',
      value: '-$1,500',
    });
    expect(r.findByTestId(StatisticsItem, 'kpi-arr').props.number).toBe('$150,000');
    expect(r.findByTestId(Text, 'kpi-renewal').text).toBe('Renewal on Aug 1, 2026 (in 47 days)');
    expect(r.findByTestId(StatisticsItem, 'kpi-open-tickets').props.number).toBe('7');
    expect(r.findByTestId(StatisticsItem, 'kpi-urgent-tickets').props.number).toBe('2');
    expect(r.findByTestId(Text, 'comment-0').text).toBe('NPS 3 · Jun 10, 2026: “Support is slow”');
    expect(r.findByTestId(Text, 'card-coverage').text).toBe(
      '5 records in this portal could not be linked to an account.',
    );
    // The dashboard link is minted on click (a signed POST), never carried by the card.
    expect(r.maybeFindByTestId(Link, 'card-dashboard-link') === null).toBe(true);
    expect(r.findByTestId(Button, 'open-dashboard').text).toBe('Open in Success Metrics');
  });

  it('sidebar: the summary and headline figures, without the component table', async () => {
    const { fetch } = answering(200, aCompanyAnswer());
    const r = renderCard(CARDS[1], { fetch, objectId: 42, now: NOW });
    await until(r, () => r.findByTestId(StatisticsItem, 'health-score').props.number === '38');
    expect(r.findByTestId(StatisticsItem, 'health-score').props.number).toBe('38');
    expect(textOf(r.findByTestId(Text, 'health-lever'))).toMatch(/Improving NPS/);
    expect(r.maybeFindByTestId(StatisticsItem, 'kpi-ces') === null).toBe(true);
    expect(r.maybeFindByTestId(StatisticsItem, 'kpi-arr') === null).toBe(true);
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe('$12,500');
    expect(r.findByTestId(Text, 'last-touch').text).toBe('Last touch 14 days ago (Jun 1, 2026)');
  });

  it('says so when nobody has touched the account, and today when it was today', async () => {
    const untouched = aCompanyAnswer();
    untouched.card.lastTouch = { at: null, daysSince: null };
    const r = renderCard(CARDS[0], { fetch: answering(200, untouched).fetch, objectId: 42, now: NOW });
    await until(r, () => r.maybeFindByTestId(Text, 'last-touch') !== null);
    expect(r.findByTestId(Text, 'last-touch').text).toBe(
      'No call, email, meeting or survey answer on record',
    );
    const today = aCompanyAnswer();
    today.card.lastTouch = { at: '2026-06-15T08:00:00.000Z', daysSince: 0 };
    const t = renderCard(CARDS[1], { fetch: answering(200, today).fetch, objectId: 42, now: NOW });
    await until(t, () => t.maybeFindByTestId(Text, 'last-touch') !== null);
    expect(t.findByTestId(Text, 'last-touch').text).toBe('Last touch today (Jun 15, 2026)');
  });
});

describe('sample sizes and currencies', () => {
  it('marks NPS, CSAT, CES and FCR resting on fewer than 5 answers (or solved tickets), the reason in a tooltip', async () => {
    const answer = aCompanyAnswer();
    const card = answer.card;
    card.nps = {
      ...card.nps,
      responses: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      score: 100,
      lowConfidence: true,
    };
    card.csat = { ...card.csat, responses: 4, lowConfidence: true, windowDays: 30 };
    card.fcr = { ...card.fcr, solved: 3, firstContactResolved: 2, lowConfidence: true };
    const r = renderCard(CARDS[0], { fetch: answering(200, answer).fetch, objectId: 42, now: NOW });
    await until(r, () => r.maybeFindByTestId(Text, 'kpi-nps-sample') !== null);
    expect(r.findByTestId(Text, 'kpi-nps-sample').text).toBe('1 answer · last 365 days');
    expect(r.findByTestId(Text, 'kpi-csat-sample').text).toBe('4 answers · last 30 days');
    expect(r.findByTestId(Text, 'kpi-fcr-sample').text).toBe('of 3 solved tickets · last 90 days');
    const few = (id: string) => r.findByTestId(Tag, `${id}-few`);
    expect(few('kpi-nps-sample').text).toBe('Few answers');
    expect(few('kpi-nps-sample').props.variant).toBe('warning');
    expect(few('kpi-csat-sample').text).toBe('Few answers');
    expect(few('kpi-fcr-sample').text).toBe('Few tickets');
    expect(r.maybeFindByTestId(Tag, 'kpi-ces-sample-few')).toBeNull();
    const tip = few('kpi-fcr-sample').props.overlay;
    expect(textOf(tip)).toBe(
      'Fewer than 5 solved tickets in this window: one more ticket can move this rate a lot.',
    );
  });

  it("a health signal the cards have no name for (a newer backend's) shows as its key", async () => {
    const answer = aCompanyAnswer();
    const health = answer.card.health;
    health.components = [...health.components, { ...health.components[0]!, key: 'seatGrowth' }];
    health.missing = ['seatGrowth'];
    const r = renderCard(CARDS[0], { fetch: answering(200, answer).fetch, objectId: 42, now: NOW });
    await until(r, () => r.maybeFindByTestId(TableRow, 'health-component-seatGrowth') !== null);
    expect(textOf(r.findByTestId(TableRow, 'health-component-seatGrowth'))).toMatch(/^seatGrowth /);
    expect(textOf(r.findByTestId(Text, 'health-missing'))).toMatch(/seatGrowth$/);
  });

  it.each([
    { locale: 'de-de', currency: 'EUR', mrr: 12500, shows: '12.500\u00a0€', arr: '150.000\u00a0€' },
    { locale: 'ja-jp', currency: 'JPY', mrr: 1_250_000, shows: '￥1,250,000', arr: '￥150,000' },
    { locale: 'en-us', currency: null, mrr: 12500, shows: '$12,500', arr: '$150,000' },
  ])("shows money in the answer's currency ($currency) for a $locale user", async (c) => {
    const answer = aCompanyAnswer();
    answer.card.revenue = { ...answer.card.revenue, mrr: c.mrr, currency: c.currency };
    answer.card.account.currency = c.currency;
    const r = renderCard(CARDS[0], {
      fetch: answering(200, answer).fetch,
      objectId: 42,
      locale: c.locale,
      now: NOW,
    });
    await until(r, () => r.maybeFindByTestId(StatisticsItem, 'kpi-mrr') !== null);
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe(c.shows);
    expect(r.findByTestId(StatisticsItem, 'kpi-arr').props.number).toBe(c.arr);
  });

  it("the deal card shows the deal in the deal's currency and the account in the portal's", async () => {
    const answer = aDealAnswer();
    answer.deal.currency = 'EUR';
    answer.card!.revenue.currency = 'JPY';
    answer.card!.account.currency = 'JPY';
    const r = renderCard(CARDS[2], {
      fetch: answering(200, answer).fetch,
      objectId: 900,
      locale: 'ja-jp',
      now: NOW,
    });
    await until(r, () => r.maybeFindByTestId(Text, 'deal-amount') !== null);
    expect(r.findByTestId(Text, 'deal-amount').text).toBe('€48,000');
    expect(r.findByTestId(Text, 'deal-mrr').text).toBe('€4,000');
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe('￥12,500');
  });
});

describe('deal card content (fixture answer)', () => {
  it("shows the company's health, the renewal risk with its reasons, and the deal's revenue", async () => {
    const { fetch } = answering(200, aDealAnswer());
    const r = renderCard(CARDS[2], { fetch, objectId: 900, now: NOW });
    await until(r, () => r.findByTestId(StatusTag, 'deal-risk').text === 'High');
    expect(r.findByTestId(StatusTag, 'deal-risk').text).toBe('High');
    expect(r.findByTestId(StatusTag, 'deal-risk').props.variant).toBe('danger');
    expect([0, 1].map((i) => r.findByTestId(Text, `deal-risk-reason-${i}`).text)).toEqual([
      'health is red',
      'contract ends in 47 days',
    ]);
    expect(r.findByTestId(StatisticsItem, 'health-score').props.number).toBe('38');
    expect(r.findByTestId(Text, 'deal-amount').text).toBe('$48,000');
    expect(r.findByTestId(Text, 'deal-mrr').text).toBe('$4,000');
    expect(r.findByTestId(Text, 'deal-contract-end').text).toBe('Aug 1, 2026');
  });

  it('without an associated company it says so and still shows the deal', async () => {
    const { fetch } = answering(200, aDealAnswer({ company: false }));
    const r = renderCard(CARDS[3], { fetch, objectId: 900, now: NOW });
    await until(
      r,
      () => r.findByTestId(EmptyState, 'deal-no-company').props.title === 'No associated company',
    );
    expect(r.findByTestId(EmptyState, 'deal-no-company').props.title).toBe('No associated company');
    expect(r.findByTestId(Text, 'deal-amount').text).toBe('$48,000');
  });
});

describe('contact card content (fixture answer)', () => {
  it('lists the answers oldest first and the tickets with their first-contact resolution', async () => {
    const { fetch } = answering(200, aContactAnswer());
    const r = renderCard(CARDS[4], { fetch, objectId: 501, now: NOW });
    await until(r, () => r.findByTestId(StatisticsItem, 'contact-fcr').props.number === '100%');
    expect(r.findByTestId(StatisticsItem, 'contact-fcr').props.number).toBe('100%');
    const rows = textOf(r.getRootNode());
    expect(rows.indexOf('Jan 10, 2026')).toBeLessThan(rows.indexOf('May 2, 2026'));
    expect(rows).toMatch(/Waited two days/);
    expect(rows).toMatch(/Export fails/);
    expect(rows).toMatch(/Login loop/);
    expect(r.findByTestId(StatisticsItem, 'contact-account-health').props.number).toBe('38');
  });
});
