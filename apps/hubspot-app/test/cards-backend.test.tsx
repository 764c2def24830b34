import { storeBackends } from '@csm/store/test-utils';
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Link,
  StatisticsItem,
  StatusTag,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_URL, cardPaths } from '../src/app/cards/lib/backend.ts';
import type { CompanyAnswer, ContactAnswer, DealAnswer } from '../src/app/cards/lib/card-types.ts';
import { type Backend, startBackend } from './backend.ts';
import { CARDS, renderCard, textOf, until } from './render.tsx';

const LOCALES = [
  { locale: 'en-us', intl: 'en-US', bands: { green: 'Healthy', yellow: 'At risk', red: 'Critical' } },
  { locale: 'ja-jp', intl: 'ja-JP', bands: { green: '良好', yellow: '要注意', red: '危険' } },
  { locale: 'ro', intl: 'ro', bands: { green: 'Sănătos', yellow: 'La risc', red: 'Critic' } },
] as const;

const num = (locale: string, n: number | null, digits = 1) =>
  n === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
const pct = (locale: string, n: number | null) =>
  n === null
    ? '—'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n / 100);
/** Money as the cards show it: in the answer's currency, USD when it names none. */
const money = (locale: string, n: number | null, currency: string | null) =>
  n === null
    ? '—'
    : new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: currency ?? 'USD',
        maximumFractionDigits: 0,
      }).format(n);

async function answer<T>(b: Backend, path: string): Promise<T> {
  const res = await b.hubspotFetch(`${BACKEND_URL}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

for (const store of storeBackends()) {
  describe(`cards over the real backend on ${store.name}`, () => {
    afterAll(() => store.cleanup());

    describe('a portal with HubSpot and Zendesk', () => {
      let b: Backend;
      let companyId: string;
      let company: CompanyAnswer;

      beforeAll(async () => {
        b = await startBackend(store);
        // The account with the most to show: a score, NPS answers and revenue.
        const rich = b.report
          .filter((r) => r.health.score !== null && r.nps.responses > 0 && r.mrr !== null)
          .sort((x, y) => y.nps.responses + y.csat.responses - (x.nps.responses + x.csat.responses))[0];
        if (!rich) throw new Error('the sandbox seed has no account with a score, NPS answers and MRR');
        companyId = rich.hubspotCompanyId;
        company = await answer<CompanyAnswer>(b, cardPaths.company(companyId));
      });
      afterAll(async () => {
        await b?.close();
      });

      it("the company answer is the account's `csm report` element", () => {
        const element = JSON.parse(JSON.stringify(b.report.find((r) => r.hubspotCompanyId === companyId)));
        // The report is built a moment after the stored card: time-based signals (days since the
        // last touch) may move the score in its fourth decimal.
        expect(company.account.health.score).toBeCloseTo(element.health.score, 2);
        expect({ ...company.account, health: { ...company.account.health, score: 0 } }).toEqual({
          ...element,
          health: { ...element.health, score: 0 },
        });
        expect(company.card.account).toEqual(company.account);
      });

      describe.each(LOCALES)('in $locale', (lang) => {
        it.each([CARDS[0], CARDS[1]])(
          '$name shows the answer’s figures, formatted for the locale',
          async (card) => {
            const r = renderCard(card, { fetch: b.hubspotFetch, objectId: companyId, locale: lang.locale });
            await until(r, () => r.maybeFindByTestId(StatisticsItem, 'health-score') !== null);
            const c = company.card;
            expect(r.findByTestId(StatisticsItem, 'health-score').props.number).toBe(
              num(lang.intl, c.health.score, 0),
            );
            expect(r.findByTestId(StatusTag, 'health-band').text).toBe(lang.bands[c.health.band!]);
            expect(r.findByTestId(StatisticsItem, 'kpi-nps').props.number).toBe(num(lang.intl, c.nps.score));
            expect(r.findByTestId(StatisticsItem, 'kpi-csat').props.number).toBe(
              pct(lang.intl, c.csat.score),
            );
            expect(r.findByTestId(StatisticsItem, 'kpi-fcr').props.number).toBe(pct(lang.intl, c.fcr.rate));
            expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe(
              money(lang.intl, c.revenue.mrr, c.revenue.currency),
            );
            // Sample size and window of each figure, as the answer gives them.
            expect(r.findByTestId(Text, 'kpi-nps-sample').text).toContain(num(lang.intl, c.nps.responses, 0));
            expect(r.findByTestId(Text, 'kpi-nps-sample').text).toContain(
              num(lang.intl, c.nps.windowDays, 0),
            );
            expect(r.findByTestId(Text, 'kpi-fcr-sample').text).toContain(
              num(lang.intl, c.fcr.windowDays, 0),
            );
            expect(r.maybeFindByTestId(Tag, 'kpi-nps-sample-few') !== null).toBe(c.nps.lowConfidence);
            expect(r.maybeFindByTestId(Tag, 'kpi-csat-sample-few') !== null).toBe(c.csat.lowConfidence);
            if (card.variant === 'tab') {
              for (const component of c.health.components)
                expect(textOf(r.findByTestId(TableRow, `health-component-${component.key}`))).toContain(
                  num(lang.intl, component.contribution),
                );
              expect(r.findByTestId(StatisticsItem, 'kpi-arr').props.number).toBe(
                money(lang.intl, c.revenue.arr, c.revenue.currency),
              );
              expect(r.findByTestId(StatisticsItem, 'kpi-open-tickets').props.number).toBe(
                num(lang.intl, c.tickets.open, 0),
              );
            }
            expect(r.maybeFindByTestId(Alert, 'card-partial-zendesk') === null).toBe(true);
            expect(r.findByTestId(Text, 'card-freshness').text).toBeTruthy();
          },
        );
      });

      it('deal cards show the company health, the renewal risk and the deal revenue from the backend', async () => {
        const deals = await b.store.readRecords(b.tenantId, 'deals');
        const deal =
          deals.find((d) => d.companyId === companyId && d.isClosedWon) ?? deals.find((d) => d.companyId);
        expect(deal).toBeDefined();
        const expected = await answer<DealAnswer>(b, cardPaths.deal(deal!.hubspotDealId));
        for (const card of [CARDS[2], CARDS[3]]) {
          const r = renderCard(card, {
            fetch: b.hubspotFetch,
            objectId: deal!.hubspotDealId,
            locale: 'en-us',
          });
          await until(r, () => r.maybeFindByTestId(Text, 'deal-amount') !== null);
          const { currency } = expected.deal;
          expect(r.findByTestId(Text, 'deal-amount').text).toBe(
            money('en-US', expected.deal.amount, currency),
          );
          expect(r.findByTestId(Text, 'deal-mrr').text).toBe(money('en-US', expected.deal.mrr, currency));
          expect(r.findByTestId(StatisticsItem, 'health-score').props.number).toBe(
            num('en-US', expected.card!.health.score, 0),
          );
          if (expected.renewalRisk.level)
            expect(r.findByTestId(StatusTag, 'deal-risk').text).toBe(
              { high: 'High', medium: 'Medium', low: 'Low' }[expected.renewalRisk.level],
            );
          else expect(r.findByTestId(Text, 'deal-risk-none').text).toBe('Not enough data');
        }
      });

      it("the contact card shows this person's answers and tickets from the backend", async () => {
        const contacts = await b.store.readRecords(b.tenantId, 'contacts');
        let best: { id: string; a: ContactAnswer } | undefined;
        for (const contact of contacts.filter((x) => x.primaryCompanyId === companyId)) {
          const a = await answer<ContactAnswer>(b, cardPaths.contact(contact.hubspotContactId));
          if (!best || a.surveys.length + a.tickets.length > best.a.surveys.length + best.a.tickets.length)
            best = { id: contact.hubspotContactId, a };
        }
        expect(best).toBeDefined();
        const { id, a } = best!;
        const r = renderCard(CARDS[4], { fetch: b.hubspotFetch, objectId: id, locale: 'ja-jp' });
        await until(r, () => r.maybeFindByTestId(StatisticsItem, 'contact-fcr') !== null);
        expect(r.findByTestId(StatisticsItem, 'contact-fcr').props.number).toBe(pct('ja-JP', a.fcr.rate));
        const text = textOf(r.getRootNode());
        for (const s of a.surveys)
          expect(text).toContain(
            new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeZone: 'UTC' }).format(
              new Date(s.submittedAt),
            ),
          );
        for (const t of a.tickets.slice(0, 3)) expect(text).toContain(t.subject ?? `#${t.id}`);
        if (a.surveys.length === 0)
          expect(r.findByTestId(Text, 'contact-surveys-none').text).toBe(
            'この人はまだアンケートに回答していません。',
          );
      });

      it('an id the portal does not have shows the empty view (the backend answers 404)', async () => {
        const r = renderCard(CARDS[0], { fetch: b.hubspotFetch, objectId: '987654321', locale: 'ro' });
        await until(r, () => r.maybeFindByTestId(EmptyState, 'card-empty') !== null);
        expect(r.findByTestId(EmptyState, 'card-empty').props.title).toBe('Încă nu există date');
      });

      it('"Open dashboard" mints a sign-in link for this portal and user that opens this account', async () => {
        const id = b.report[0]!.hubspotCompanyId;
        const r = renderCard(CARDS[0], { fetch: b.hubspotFetch, objectId: id, locale: 'en-us' });
        await until(r, () => r.maybeFindByTestId(Button, 'open-dashboard') !== null);
        r.findByTestId(Button, 'open-dashboard').trigger('onClick');
        await until(r, () => r.maybeFindByTestId(Link, 'dashboard-link') !== null);
        const link = r.findByTestId(Link, 'dashboard-link');
        expect(link.text).toBe('Open the Success Metrics dashboard');
        const { url, external } = link.props.href as { url: string; external: boolean };
        expect(external).toBe(true);
        expect(url).toMatch(new RegExp(`^${BACKEND_URL}/dashboard/auth/link\\?token=[\\w.-]+$`));
        const opened = await b.browse(url.slice(BACKEND_URL.length));
        expect(opened.status).toBe(303);
        expect(opened.headers.get('location')).toBe(`/dashboard/acme/accounts/${id}`);
        const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
        const session = await b.browse('/dashboard/api/session', { headers: { cookie } });
        expect(await session.json()).toMatchObject({
          principal: { kind: 'hubspot-user', portalId: b.portalId, userId: '1001' },
          tenants: [{ name: 'acme' }],
        });
      });

      it('"Open dashboard" says so when the backend refuses to mint a link', async () => {
        const id = b.report[0]!.hubspotCompanyId;
        // The card itself loads; only the link request is refused (a forged signature).
        const fetch: typeof b.hubspotFetch = (url, init) =>
          init?.method === 'POST' ? b.forgedFetch(url, init) : b.hubspotFetch(url, init);
        const r = renderCard(CARDS[0], { fetch, objectId: id, locale: 'ja-jp' });
        await until(r, () => r.maybeFindByTestId(Button, 'open-dashboard') !== null);
        r.findByTestId(Button, 'open-dashboard').trigger('onClick');
        await until(r, () => r.maybeFindByTestId(Text, 'dashboard-link-error') !== null);
        expect(r.findByTestId(Text, 'dashboard-link-error').text).toBe(
          'ダッシュボードへのリンクを作成できませんでした。しばらくしてから再試行してください。',
        );
        expect(r.maybeFindByTestId(Link, 'dashboard-link') === null).toBe(true);
      });

      it('a request the backend refuses (bad signature: 401) shows the error view', async () => {
        const r = renderCard(CARDS[2], { fetch: b.forgedFetch, objectId: '1', locale: 'en-us' });
        await until(r, () => r.maybeFindByTestId(ErrorState, 'card-error') !== null);
        expect(textOf(r.findByTestId(ErrorState, 'card-error'))).toMatch(/HTTP 401/);
      });
    });

    describe('a portal without Zendesk, in euros', () => {
      let b: Backend;
      beforeAll(async () => {
        b = await startBackend(store, { zendesk: false, companies: 10, companyCurrency: 'EUR' });
      });
      afterAll(async () => {
        await b?.close();
      });

      it('the cards say Zendesk is not connected (partial state)', async () => {
        const id = b.report[0]!.hubspotCompanyId;
        for (const card of [CARDS[0], CARDS[1]]) {
          const r = renderCard(card, { fetch: b.hubspotFetch, objectId: id, locale: 'en-us' });
          await until(r, () => r.maybeFindByTestId(Alert, 'card-partial-zendesk') !== null);
          expect(textOf(r.findByTestId(Alert, 'card-partial-zendesk'))).toMatch(
            /Zendesk is not connected yet/,
          );
          expect(r.maybeFindByTestId(Alert, 'card-partial-hubspot') === null).toBe(true);
        }
      });

      it("shows money in the portal's currency, formatted for the user's locale", async () => {
        const rich = b.report.find((r) => r.mrr !== null);
        if (!rich) throw new Error('the sandbox seed has no account with MRR');
        expect(rich.currency).toBe('EUR');
        const r = renderCard(CARDS[0], {
          fetch: b.hubspotFetch,
          objectId: rich.hubspotCompanyId,
          locale: 'de-de',
        });
        await until(r, () => r.maybeFindByTestId(StatisticsItem, 'kpi-mrr') !== null);
        expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toBe(money('de-DE', rich.mrr, 'EUR'));
        expect(r.findByTestId(StatisticsItem, 'kpi-mrr').props.number).toMatch(/€$/);
      });
    });
  });
}
