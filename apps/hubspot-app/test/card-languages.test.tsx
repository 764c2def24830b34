import { EmptyState, Heading, StatisticsItem, StatusTag, Tag, Text } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { aCompanyAnswer, aContactAnswer, aDealAnswer, answering, NOW } from './fixtures.ts';
import { CARDS, renderCard, textOf, until } from './render.tsx';

/** What each language must show, written out here (not read from the cards' message files). */
const LANGUAGES = [
  {
    locale: 'en-us',
    intl: 'en-US',
    band: 'Critical',
    score: 'Health score',
    freshness: 'As of 3 minutes ago',
    empty: 'No figures yet',
    tickets: 'Open tickets',
    contactSurveys: 'Survey answers',
    npsSample: '10 answers · last 365 days',
    fcrSample: 'of 20 solved tickets · last 90 days',
    few: 'Few answers',
    lastTouch: 'Last touch 14 days ago',
  },
  {
    locale: 'ja-jp',
    intl: 'ja-JP',
    band: '危険',
    score: 'ヘルススコア',
    freshness: '3 分前時点',
    empty: 'まだデータがありません',
    tickets: '未解決チケット',
    contactSurveys: 'アンケート回答',
    npsSample: '回答 10 件 · 過去 365 日間',
    fcrSample: '解決済みチケット 20 件中 · 過去 90 日間',
    few: '回答が少ない',
    lastTouch: '最終接点 14 日前',
  },
  {
    locale: 'ro-ro',
    intl: 'ro-RO',
    band: 'Critic',
    score: 'Scor de sănătate',
    freshness: 'Actualizat acum 3 minute',
    empty: 'Încă nu există date',
    tickets: 'Tichete deschise',
    contactSurveys: 'Răspunsuri la sondaje',
    npsSample: '10 răspunsuri · ultimele 365 de zile',
    fcrSample: 'din 20 de tichete rezolvate · ultimele 90 de zile',
    few: 'Puține răspunsuri',
    lastTouch: 'Ultimul contact acum 14 zile',
  },
] as const;

const money = (locale: string, n: number) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);
const percent = (locale: string, n: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n / 100);
const date = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

describe.each(LANGUAGES)('cards in $locale', (lang) => {
  it('company tab: texts in the language, numbers, money and dates in the locale', async () => {
    const answer = aCompanyAnswer();
    const { fetch } = answering(200, answer);
    const r = renderCard(CARDS[0], { fetch, objectId: 42, locale: lang.locale, now: NOW });
    await until(r, () => r.maybeFindByTestId(StatisticsItem, 'health-score') !== null);
    expect(r.findByTestId(StatisticsItem, 'health-score').props.label).toBe(lang.score);
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe(lang.band);
    expect(r.findByTestId(Text, 'card-freshness').text).toBe(lang.freshness);
    expect(r.findByTestId(StatisticsItem, 'kpi-open-tickets').props.label).toBe(lang.tickets);
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe(
      money(lang.intl, answer.card.revenue.mrr!),
    );
    expect(r.findByTestId(StatisticsItem, 'kpi-arr').props.number).toBe(
      money(lang.intl, answer.card.revenue.arr!),
    );
    expect(r.findByTestId(StatisticsItem, 'kpi-csat').props.number).toBe(
      percent(lang.intl, answer.card.csat.score!),
    );
    expect(textOf(r.findByTestId(Text, 'kpi-renewal'))).toContain(
      date(lang.intl, answer.card.revenue.renewalDate!),
    );
    expect(r.findByTestId(Text, 'kpi-nps-sample').text).toBe(lang.npsSample);
    expect(r.findByTestId(Text, 'kpi-fcr-sample').text).toBe(lang.fcrSample);
    expect(r.findByTestId(Text, 'last-touch').text).toBe(
      `${lang.lastTouch} (${date(lang.intl, answer.card.lastTouch.at!)})`,
    );
  });

  it('marks a figure on few answers in the language', async () => {
    const answer = aCompanyAnswer();
    answer.card.csat = { ...answer.card.csat, responses: 2, lowConfidence: true };
    const r = renderCard(CARDS[1], {
      fetch: answering(200, answer).fetch,
      objectId: 42,
      locale: lang.locale,
      now: NOW,
    });
    await until(r, () => r.maybeFindByTestId(Tag, 'kpi-csat-sample-few') !== null);
    expect(r.findByTestId(Tag, 'kpi-csat-sample-few').text).toBe(lang.few);
    expect(textOf(r.findByTestId(Tag, 'kpi-csat-sample-few').props.overlay)).toMatch(/5/);
  });

  it('deal sidebar and contact tab speak it too', async () => {
    const deal = renderCard(CARDS[3], {
      fetch: answering(200, aDealAnswer()).fetch,
      objectId: 900,
      locale: lang.locale,
      now: NOW,
    });
    await until(deal, () => deal.maybeFindByTestId(Text, 'deal-amount') !== null);
    expect(deal.findByTestId(Text, 'deal-amount').text).toBe(money(lang.intl, 48000));
    expect(deal.findByTestId(StatusTag, 'health-band').text).toBe(lang.band);

    const contact = renderCard(CARDS[4], {
      fetch: answering(200, aContactAnswer()).fetch,
      objectId: 501,
      locale: lang.locale,
      now: NOW,
    });
    await until(contact, () => contact.maybeFindByTestId(StatisticsItem, 'contact-fcr') !== null);
    expect(contact.findAll(Heading).map((h) => h.text)).toContain(lang.contactSurveys);
    expect(textOf(contact.getRootNode())).toContain(date(lang.intl, '2026-01-10T09:00:00.000Z'));
  });

  it('the empty view', async () => {
    const r = renderCard(CARDS[1], {
      fetch: answering(404, {}).fetch,
      objectId: 42,
      locale: lang.locale,
      now: NOW,
    });
    await until(r, () => r.maybeFindByTestId(EmptyState, 'card-empty') !== null);
    expect(r.findByTestId(EmptyState, 'card-empty').props.title).toBe(lang.empty);
  });
});

describe('locales the cards do not speak', () => {
  it('an unknown locale reads English with US formats', async () => {
    const answer = aCompanyAnswer();
    const r = renderCard(CARDS[0], {
      fetch: answering(200, answer).fetch,
      objectId: 42,
      locale: 'xx-zz',
      now: NOW,
    });
    await until(r, () => r.maybeFindByTestId(StatusTag, 'health-band') !== null);
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('Critical');
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe('$12,500');
  });

  it('a missing locale reads English', async () => {
    const r = renderCard(CARDS[1], { fetch: answering(404, {}).fetch, objectId: 42, locale: '', now: NOW });
    await until(r, () => r.maybeFindByTestId(EmptyState, 'card-empty') !== null);
    expect(r.findByTestId(EmptyState, 'card-empty').props.title).toBe('No figures yet');
  });

  it('German reads English texts but German numbers', async () => {
    const answer = aCompanyAnswer();
    const r = renderCard(CARDS[0], {
      fetch: answering(200, answer).fetch,
      objectId: 42,
      locale: 'de-de',
      now: NOW,
    });
    await until(r, () => r.maybeFindByTestId(StatusTag, 'health-band') !== null);
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('Critical');
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe(money('de-DE', 12500));
    expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).not.toBe('$12,500');
  });
});
