import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.tsx';
import { ClientProvider } from '../src/app/contexts/ClientProvider.tsx';
import { aCard, anOrganization, aRequester, BACKEND } from './fixtures.ts';
import { httpError, type StubOptions, stubZafClient } from './zaf-stub.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderSidebar(options: StubOptions) {
  const stub = stubZafClient(options);
  render(
    <ClientProvider>
      <App />
    </ClientProvider>,
  );
  return stub;
}

const text = (testId: string) => screen.getByTestId(testId).textContent;
const pct = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v / 100);

describe('ticket sidebar', () => {
  it("shows the requester's organization and account, asking the backend through ZAF's secure proxy", async () => {
    const stub = renderSidebar({ respond: () => aRequester() });
    await screen.findByTestId('health-score');
    expect(stub.client.request).toHaveBeenCalledWith({
      url: `${BACKEND}/cards/zendesk/requesters/7001`,
      type: 'GET',
      secure: true,
      headers: { Authorization: 'Bearer {{setting.app_token}}' },
      dataType: 'json',
      timeout: 15_000,
    });
    expect(text('account-name')).toBe('Acme Corp');
    expect(text('health-score')).toBe('62');
    expect(text('health-band')).toBe('At risk');
    expect(text('health-trend')).toBe('Down 4 pts in 30 days');
    expect(text('last-touch')).toBe('Last touch 12 days ago (Jun 3, 2026)');
    // The three components with the largest gain, largest first; a full-score component is no reason.
    const reasons = screen.getAllByTestId(/^health-reason-/).map((e) => e.dataset.testid);
    expect(reasons).toEqual(['health-reason-fcr', 'health-reason-nps', 'health-reason-openUrgentTickets']);
    expect(text('health-reason-fcr')).toBe('First-contact resolution: 70% · 50/100');
    expect(text('health-missing')).toBe('Not measured: License utilization');
    // The organization's own tickets, not the whole account's.
    expect(text('fcr-rate')).toBe('66.7%');
    expect(text('fcr-detail')).toBe('4 of 6 solved tickets · last 90 days');
    expect(text('csat-good')).toBe('5');
    expect(text('csat-bad')).toBe('1');
    expect(text('csat-score')).toBe('83.3%');
    expect(text('csat-sample')).toBe('6 answers · last 90 days');
    expect(text('nps-score')).toBe('35');
    expect(text('nps-sample')).toBe('20 answers · last 365 days');
    // Enough answers everywhere: no figure is marked.
    expect(screen.queryAllByTestId(/-few$/)).toEqual([]);
    expect(text('tickets-open')).toBe('3');
    expect(text('tickets-urgent')).toBe('1');
    expect(text('mrr-amount')).toBe('$2,500');
    expect(text('mrr-tier')).toBe('Mid-market');
    expect(text('renewal')).toBe('Renewal in 45 days (Jul 30, 2026)');
    // Earlier tickets only (5003 is the ticket open in the agent's tab), newest first.
    const history = within(screen.getByTestId('history')).getAllByRole('listitem');
    expect(history.map((li) => [li.dataset.testid, li.dataset.oneTouch])).toEqual([
      ['history-5002', 'false'],
      ['history-5001', 'true'],
    ]);
    expect(history[1]!.getAttribute('aria-label')).toBe('Ticket 5001: solved on first contact');
    expect(text('requester-fcr')).toBe('50% · 1 of 2 solved tickets');
    expect(screen.getAllByTestId('comment')[0]!.textContent).toContain('Slow answer');
    expect(text('freshness')).toMatch(/^Figures as of .+ · Zendesk last synced /);
    expect(stub.client.invoke).toHaveBeenCalledWith('resize', {
      width: '100%',
      height: expect.stringMatching(/^\d+px$/),
    });
  });

  it.each([
    {
      locale: 'ja',
      band: '要注意',
      trend: '30日間で 4 ポイント低下',
      lastTouch: '最終接点 12 日前',
      nps: '回答 20 件 · 過去 365 日間',
      fcr: '解決済みチケット 6 件中 4 件 · 過去 90 日間',
      tier: '中堅企業',
    },
    {
      locale: 'ro',
      band: 'La risc',
      trend: 'Scăzut cu 4 puncte în 30 de zile',
      lastTouch: 'Ultimul contact acum 12 zile',
      nps: '20 de răspunsuri · ultimele 365 de zile',
      fcr: '4 din 6 tichete rezolvate · ultimele 90 de zile',
      tier: 'Mid-market',
    },
  ])('speaks $locale, with numbers and dates of that locale', async (lang) => {
    renderSidebar({ locale: lang.locale, respond: () => aRequester() });
    await screen.findByTestId('health-score');
    expect(text('health-band')).toBe(lang.band);
    expect(text('health-trend')).toBe(lang.trend);
    expect(text('last-touch')).toBe(
      `${lang.lastTouch} (${new Intl.DateTimeFormat(lang.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-06-03'))})`,
    );
    expect(text('nps-sample')).toBe(lang.nps);
    expect(text('fcr-detail')).toBe(lang.fcr);
    expect(text('mrr-tier')).toBe(lang.tier);
    expect(text('fcr-rate')).toBe(pct(lang.locale, 66.66666666666667));
    expect(text('renewal')).toContain(
      new Intl.DateTimeFormat(lang.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date('2026-07-30'),
      ),
    );
  });

  it('says when nobody has touched the account, and when it was today', async () => {
    const untouched = aRequester(anOrganization(aCard({ lastTouch: { at: null, daysSince: null } })));
    renderSidebar({ respond: () => untouched });
    await screen.findByTestId('health-score');
    expect(text('last-touch')).toBe('No call, email, meeting or survey answer on record');
    cleanup();
    const today = aRequester(
      anOrganization(aCard({ lastTouch: { at: '2026-06-15T08:00:00.000Z', daysSince: 0 } })),
    );
    renderSidebar({ respond: () => today });
    await screen.findByTestId('health-score');
    expect(text('last-touch')).toBe('Last touch today (Jun 15, 2026)');
  });

  it('reads English for other languages, with the numbers of the agent locale', async () => {
    renderSidebar({ locale: 'de', respond: () => aRequester() });
    await screen.findByTestId('health-score');
    expect(text('health-band')).toBe('At risk');
    expect(text('fcr-rate')).toBe(pct('de', 66.66666666666667));
    expect(text('mrr-amount')).toBe(
      new Intl.NumberFormat('de', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(
        2500,
      ),
    );
  });

  it.each([
    { locale: 'de', currency: 'EUR', mrr: 2500, shows: '2.500\u00a0€' },
    { locale: 'ja', currency: 'JPY', mrr: 120000, shows: '￥120,000' },
    { locale: 'en-US', currency: null, mrr: 2500, shows: '$2,500' },
  ])('shows MRR in the answer’s currency ($currency) for the $locale agent', async (c) => {
    const base = aCard();
    const card = aCard({
      account: { ...base.account, currency: c.currency },
      revenue: { ...base.revenue, mrr: c.mrr, currency: c.currency },
    });
    renderSidebar({ locale: c.locale, respond: () => aRequester(anOrganization(card)) });
    await screen.findByTestId('health-score');
    expect(text('mrr-amount')).toBe(c.shows);
  });

  it('marks figures resting on fewer than 5 answers or solved tickets, saying why on hover or focus', async () => {
    const base = aCard();
    const card = aCard({ nps: { ...base.nps, score: 50, responses: 4, lowConfidence: true } });
    const organization = anOrganization(card);
    organization.tickets.fcr = {
      rate: 50,
      firstContactResolved: 1,
      solved: 2,
      windowDays: 30,
      lowConfidence: true,
    };
    organization.tickets.csat = {
      good: 1,
      bad: 0,
      score: 100,
      responses: 1,
      windowDays: 90,
      lowConfidence: true,
    };
    renderSidebar({ locale: 'ro', respond: () => aRequester(organization) });
    await screen.findByTestId('health-score');
    expect(text('nps-sample')).toBe('4 răspunsuri · ultimele 365 de zile');
    expect(text('csat-sample')).toBe('1 răspuns · ultimele 90 de zile');
    expect(text('fcr-detail')).toBe('1 din 2 tichete rezolvate · ultimele 30 de zile');
    expect(text('nps-sample-few')).toBe('Puține răspunsuri');
    expect(text('csat-sample-few')).toBe('Puține răspunsuri');
    expect(text('fcr-detail-few')).toBe('Puține tichete');
    screen.getByTestId('fcr-detail-few').focus();
    expect((await screen.findByRole('tooltip')).textContent).toBe(
      'Mai puțin de 5 tichete rezolvate în acest interval: încă un tichet poate schimba mult rata.',
    );
  });

  it("follows the ticket's organization when it is not the requester's own", async () => {
    const other = anOrganization(aCard({ account: { ...aCard().account, name: 'Globex' } }), {
      organization: { id: '901', name: 'Globex', domainNames: ['globex.com'] },
    });
    const stub = renderSidebar({
      ticket: { organization: { id: 901 } },
      respond: (r) => (r.url.endsWith('/organizations/901') ? other : aRequester()),
    });
    await waitFor(() => expect(text('account-name')).toBe('Globex'));
    expect(stub.paths()).toEqual(['/cards/zendesk/requesters/7001', '/cards/zendesk/organizations/901']);
  });

  it('says why there is no account for an unlinked organization, and still shows its ticket figures', async () => {
    renderSidebar({ respond: () => aRequester(anOrganization(null)) });
    const empty = await screen.findByTestId('empty-unlinked');
    expect(empty.textContent).toContain('No linked HubSpot company');
    expect(empty.textContent).toContain('Acme Support is not linked to a HubSpot company');
    expect(empty.textContent).toContain('(acme.com, acme.io)');
    expect(screen.queryByTestId('health-score')).toBeNull();
    expect(screen.queryByTestId('nps-score')).toBeNull();
    expect(text('fcr-rate')).toBe('66.7%');
    expect(text('tickets-open')).toBe('3');
  });

  it("says since when Zendesk's sync is paused (its credential was refused)", async () => {
    const answer = aRequester();
    answer.freshness = {
      ...answer.freshness,
      zendesk: {
        ...answer.freshness.zendesk!,
        status: 'paused',
        reason: 'the API token was refused (401)',
        pausedAt: '2026-06-14T08:00:00.000Z',
      },
    };
    renderSidebar({ locale: 'ja', respond: () => answer });
    await screen.findByTestId('health-score');
    expect(text('freshness-paused')).toBe(
      ` · Zendesk の同期は ${new Intl.DateTimeFormat('ja', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-06-14'))} から一時停止中です (認証情報が拒否されました)。管理者による再接続が必要です`,
    );
  });

  it('says why for a requester without organization or linked company', async () => {
    renderSidebar({ respond: () => aRequester(null) });
    const empty = await screen.findByTestId('empty-alone');
    expect(empty.textContent).toContain('their email (ann@acme.com) matches no HubSpot contact');
    expect(text('requester-fcr')).toBe('50% · 1 of 2 solved tickets');
    // The requester's own FCR covers all their tickets: no window to state.
    expect(text('fcr-detail')).toBe('1 of 2 solved tickets');
  });

  it('asks nothing for a ticket without requester', async () => {
    const stub = renderSidebar({ ticket: { requester: null }, respond: () => aRequester() });
    await screen.findByTestId('empty-no-requester');
    expect(stub.client.request).not.toHaveBeenCalled();
  });

  it('shows the loading state until the answer arrives', async () => {
    let answer!: (value: unknown) => void;
    renderSidebar({ respond: () => new Promise((resolve) => (answer = resolve)) });
    await screen.findByTestId('sidebar-loading');
    answer(aRequester());
    await screen.findByTestId('health-score');
    expect(screen.queryByTestId('sidebar-loading')).toBeNull();
  });

  it('explains a refused token and loads after a retry', async () => {
    let calls = 0;
    const stub = renderSidebar({
      respond: () => {
        calls++;
        if (calls === 1) throw httpError(401);
        return aRequester();
      },
    });
    const error = await screen.findByTestId('sidebar-error');
    expect(error.dataset.kind).toBe('unauthorized');
    expect(error.textContent).toContain('The server refused the app token');
    screen.getByTestId('sidebar-retry').click();
    await screen.findByTestId('health-score');
    expect(stub.client.request).toHaveBeenCalledTimes(2);
  });

  it.each([
    {
      name: 'a server error',
      respond: () => Promise.reject(httpError(503)),
      kind: 'status',
      says: 'HTTP 503',
    },
    {
      name: 'no answer',
      respond: () => Promise.reject({ status: 0 }),
      kind: 'network',
      says: 'could not be reached',
    },
    {
      name: 'an answer of another shape',
      respond: () => ({ requester: {} }),
      kind: 'invalid',
      says: 'does not understand',
    },
    {
      name: 'an answer without a field of the contract (an older server)',
      respond: () => {
        const answer = aRequester();
        const { windowDays: _, ...nps } = answer.card!.nps;
        return { ...answer, card: { ...answer.card, nps } };
      },
      kind: 'invalid',
      says: 'does not understand',
    },
  ])('shows an error for $name', async ({ respond, kind, says }) => {
    renderSidebar({ respond });
    const error = await screen.findByTestId('sidebar-error');
    expect(error.dataset.kind).toBe(kind);
    expect(error.textContent).toContain(says);
  });

  it('says "not synced yet" for a requester the backend does not know (404)', async () => {
    renderSidebar({ respond: () => Promise.reject(httpError(404)) });
    expect((await screen.findByTestId('empty-unknown')).textContent).toContain('no record of this requester');
  });

  it.each([{ backend_url: '' }, { backend_url: 'http://csm.example.com' }, {}])(
    'refuses to call a missing or plain-http backend (%j)',
    async (settings) => {
      const stub = renderSidebar({ settings, respond: () => aRequester() });
      expect((await screen.findByTestId('sidebar-error')).dataset.kind).toBe('no_backend');
      expect(stub.client.request).not.toHaveBeenCalled();
    },
  );

  it('reloads when the agent changes the requester', async () => {
    const stub = renderSidebar({
      respond: (r) => (r.url.endsWith('/7002') ? aRequester(null) : aRequester()),
    });
    await screen.findByTestId('health-score');
    stub.set('ticket.requester', { id: 7002, name: 'Bob' });
    stub.trigger('ticket.requester.id.changed');
    await screen.findByTestId('empty-alone');
    expect(stub.paths()).toEqual(['/cards/zendesk/requesters/7001', '/cards/zendesk/requesters/7002']);
  });
});

describe('organization sidebar', () => {
  it("shows the organization's account and its own ticket figures", async () => {
    const stub = renderSidebar({
      location: 'organization_sidebar',
      organization: { id: 900, name: 'Acme Support' },
      respond: () => anOrganization(),
    });
    await screen.findByTestId('health-score');
    expect(stub.paths()).toEqual(['/cards/zendesk/organizations/900']);
    expect(text('health-band')).toBe('At risk');
    expect(text('csat-good')).toBe('5');
    expect(screen.queryByTestId('history')).toBeNull();
  });

  it('says "not synced yet" for an organization the backend does not know', async () => {
    renderSidebar({
      location: 'organization_sidebar',
      organization: { id: 999 },
      respond: () => Promise.reject(httpError(404)),
    });
    expect((await screen.findByTestId('empty-unknown')).textContent).toContain(
      'no record of this organization',
    );
  });
});
