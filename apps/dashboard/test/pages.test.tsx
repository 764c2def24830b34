import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '../src/App.tsx';
import { I18nProvider } from '../src/contexts/I18nProvider.tsx';
import { SessionProvider } from '../src/contexts/SessionProvider.tsx';
import { type StubbedCall, stubApi } from './fetch-stub.ts';
import {
  aBacktest,
  adminSession,
  aFigures,
  anAccountPage,
  anAccountRow,
  aSettingsAnswer,
  bands,
} from './fixtures.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderAt(path: string, locale = 'en-US') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <I18nProvider locale={locale}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>,
  );
  return router;
}

const cells = (table: HTMLElement, testId: string) =>
  within(table)
    .getAllByTestId(testId)
    .map((c) => c.textContent);

const accounts = [
  anAccountRow('1', { name: 'Falling Green', score: 72, band: 'green', delta: -9, mrr: 300 }),
  anAccountRow('2', {
    name: 'Steady Red',
    score: 20,
    band: 'red',
    delta: 0,
    mrr: 5000,
    owner: { id: '902', name: null, email: 'zed@acme.test' },
  }),
  anAccountRow('3', { name: 'Fine', score: 90, band: 'green', delta: 3, mrr: 100, owner: null }),
  // An owner the owners stream has not read (a token without crm.objects.owners.read): its id.
  anAccountRow('4', {
    name: 'Falling Yellow',
    score: 45.5,
    band: 'yellow',
    delta: -4,
    mrr: null,
    owner: { id: '901', name: null, email: null },
  }),
];

const portfolio = {
  'GET /tenants/acme/portfolio': {
    figures: aFigures('2026-06'),
    previous: aFigures('2026-05', { nrr: 99 }),
    currency: null,
  },
  'GET /tenants/acme/portfolio?period=2026-Q2': {
    figures: aFigures('2026-Q2', { mrr: 12_345 }),
    previous: aFigures('2026-Q1'),
    currency: null,
  },
  'GET /tenants/acme/portfolio/months?months=18': {
    months: [
      aFigures('2026-05'),
      aFigures('2026-06', { movements: { ...aFigures('2026-06').movements, churn: 1234 } }),
    ],
    currency: null,
  },
};

describe('portfolio', () => {
  it('shows the period’s figures beside the previous period’s, and each month’s movements', async () => {
    stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/accounts': { accounts, currency: null, links: { hubspotCompany: null } },
      'GET /tenants/acme/bands?months=12': bands,
      ...portfolio,
    });
    renderAt('/acme');
    await screen.findByTestId('portfolio-figures');
    expect(screen.getByTestId('figure-mrr').textContent).toBe('$10,000');
    expect(screen.getByTestId('figure-nrr').textContent).toBe('101.5%');
    expect(screen.getByTestId('figure-nrr-previous').textContent).toBe('previous period: 99%');
    expect(screen.getByTestId('figure-firstReply').textContent).toBe('42 min');
    const rows = within(screen.getByTestId('movements-numbers')).getAllByRole('row').slice(1);
    expect([...rows[1]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'Jun 2026',
      '$9,850',
      '$300',
      '$200',
      '$0',
      '$75',
      '$1,234',
      '$10,000',
    ]);
    fireEvent.change(screen.getByTestId('period'), { target: { value: '2026-Q2' } });
    await waitFor(() => expect(screen.getByTestId('figure-mrr').textContent).toBe('$12,345'));
  });

  it('lists red and falling accounts, sortable, with the server’s numbers', async () => {
    stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/accounts': { accounts, currency: null, links: { hubspotCompany: null } },
      'GET /tenants/acme/bands?months=12': bands,
      ...portfolio,
    });
    renderAt('/acme');
    const table = await screen.findByTestId('at-risk');
    expect(cells(table, 'cell-health')).toEqual(['20', '45.5', '72']);
    // The owner by name, else email, else HubSpot's owner id.
    expect(cells(table, 'cell-owner')).toEqual(['zed@acme.test', 'Owner 901', 'Ada Lovelace']);
    fireEvent.click(screen.getByTestId('at-risk-sort-health'));
    expect(cells(table, 'cell-health')).toEqual(['72', '45.5', '20']);
    fireEvent.click(screen.getByTestId('at-risk-sort-mrr'));
    // No MRR sorts last, whichever the direction.
    expect(cells(table, 'cell-mrr')).toEqual(['$300', '$5,000', '—']);
    fireEvent.click(screen.getByTestId('at-risk-sort-mrr'));
    expect(cells(table, 'cell-mrr')).toEqual(['$5,000', '$300', '—']);
    fireEvent.click(screen.getByTestId('at-risk-sort-trend'));
    expect(cells(table, 'cell-trend')).toEqual(['-9', '-4', '0']);
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('CSAT');
    fireEvent.click(screen.getByTestId('at-risk-sort-owner'));
    expect(cells(table, 'cell-owner')).toEqual(['Ada Lovelace', 'zed@acme.test', 'Owner 901']);

    expect(screen.getByTestId('tile-accounts').textContent).toBe('4');
    expect(screen.getByTestId('tile-red').textContent).toBe('3');
    const numbers = within(screen.getByTestId('band-numbers')).getAllByRole('row').slice(1);
    expect(numbers.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['Apr 30, 2026', '2', '3', '5', '0'],
      ['May 31, 2026', '2', '4', '4', '0'],
      ['Jun 15, 2026', '3', '4', '3', '0'],
    ]);
    expect(screen.getByTestId('band-moves').textContent).toContain('Healthy');
  });

  it('shows money in the answer’s currency and the user’s locale', async () => {
    stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/accounts': { accounts, currency: 'EUR', links: { hubspotCompany: null } },
      'GET /tenants/acme/bands?months=12': bands,
      ...portfolio,
    });
    renderAt('/acme', 'ro');
    const table = await screen.findByTestId('all-accounts');
    const money = (v: number) =>
      new Intl.NumberFormat('ro', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v);
    expect(cells(table, 'cell-mrr')).toEqual([money(5000), '—', money(300), money(100)]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Portofoliu');
  });

  it('says when there is nothing yet, and retries after an error', async () => {
    let fail = true;
    stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/accounts': () =>
        fail
          ? { status: 500, body: { error: 'internal', message: 'internal error' } }
          : { body: { accounts: [], currency: null, links: { hubspotCompany: null } } },
      'GET /tenants/acme/bands?months=12': { series: [], moves: null },
      ...portfolio,
    });
    renderAt('/acme');
    const error = await screen.findByTestId('state-error');
    expect(error.dataset.kind).toBe('status');
    expect(screen.getByTestId('bands-empty').textContent).toContain('No daily snapshots yet');
    fail = false;
    fireEvent.click(within(error).getByRole('button'));
    expect((await screen.findByTestId('portfolio-empty')).textContent).toContain('first sync');
  });
});

describe('sign-in states', () => {
  it('tells a signed-out person how to get in', async () => {
    stubApi({
      'GET /session': () => ({
        status: 401,
        body: { error: 'unauthorized', message: 'sign in: open the dashboard from the HubSpot company card' },
      }),
    });
    renderAt('/acme');
    const error = await screen.findByTestId('state-error');
    expect(error.dataset.kind).toBe('unauthorized');
    expect(error.textContent).toContain('Open the dashboard from the Success Metrics card');
    expect(within(error).queryByRole('button')).toBeNull();
  });

  it('refuses another portal’s pages to a HubSpot user', async () => {
    stubApi({
      'GET /session': {
        principal: { kind: 'hubspot-user', portalId: 100, userId: '7', expiresAt: '2026-06-15T20:00:00Z' },
        tenants: [{ name: 'acme', hubspotPortalId: 100, zendeskSubdomain: null, status: 'active' }],
      },
      'GET /tenants/other/accounts/42?days=180': () => ({
        status: 403,
        body: { error: 'forbidden', message: 'this dashboard session belongs to another HubSpot portal' },
      }),
    });
    renderAt('/other/accounts/42', 'ja');
    const error = await screen.findByTestId('state-error');
    expect(error.dataset.kind).toBe('forbidden');
    expect(error.textContent).toContain('別のポータル');
    expect(screen.getByTestId('signed-in').textContent).toBe('HubSpot ユーザー 7 · ポータル 100');
  });

  it('opens the only tenant straight away, and lists several', async () => {
    stubApi({ 'GET /session': adminSession(['acme', 'globex']) });
    renderAt('/');
    const list = await screen.findByTestId('tenant-list');
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['acme', 'globex']);
  });
});

describe('account page', () => {
  it.each([
    ['en-US', 'Open urgent tickets', 'Raising CSAT would lift the score most (up to 26.7 points).'],
    ['ja', '未解決の緊急チケット', 'CSAT を改善するとスコアが最も上がります (最大 26.7 ポイント)。'],
    [
      'ro',
      'Tichete urgente deschise',
      'Îmbunătățirea indicatorului CSAT ar crește scorul cel mai mult (până la 26,7 puncte).',
    ],
  ])('explains the score with human labels (%s)', async (locale, urgent, lever) => {
    stubApi({ 'GET /session': adminSession(), 'GET /tenants/acme/accounts/42?days=180': anAccountPage() });
    renderAt('/acme/accounts/42', locale);
    await screen.findByTestId('account-page');
    expect(screen.getByTestId('account-name').textContent).toBe('Acme One');
    expect(screen.getByTestId('account-owner').textContent).toBe('Ada Lovelace');
    expect(screen.getByRole('link', { name: 'ada@acme.test' }).getAttribute('href')).toBe(
      'mailto:ada@acme.test',
    );
    expect(screen.getByTestId('health-score').textContent).toBe('61');
    expect(screen.getByTestId('mrr').textContent).toBe(
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
        1250,
      ),
    );
    const rows = within(screen.getByTestId('component-numbers')).getAllByRole('row').slice(1);
    expect(rows[1]!.querySelector('td')!.textContent).toBe(urgent);
    expect(screen.getByTestId('health-lever').textContent).toBe(lever);
    const ledger = screen.getByTestId('account-ledger');
    expect(within(ledger).getByRole('link').getAttribute('href')).toBe(
      'https://acme.zendesk.com/agent/tickets/7001',
    );
    expect(within(ledger).getAllByTestId('ledger-delta')[0]!.textContent).toContain(
      new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(-8.75),
    );
  });
});

describe('health-model editor', () => {
  const preview = {
    accounts: 10,
    changed: 2,
    before: { green: 5, yellow: 3, red: 2, none: 0 },
    after: { green: 3, yellow: 5, red: 2, none: 0 },
    changes: [
      { companyId: '1', name: 'One', from: { score: 72, band: 'green' }, to: { score: 68, band: 'yellow' } },
      {
        companyId: '3',
        name: 'Three',
        from: { score: 75, band: 'green' },
        to: { score: 69, band: 'yellow' },
      },
    ],
  };

  it('previews the draft, saves it only after a preview of that draft, with a note', async () => {
    const calls = stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/settings': aSettingsAnswer(),
      'GET /tenants/acme/backtest?horizonDays=90': aBacktest(),
      'POST /tenants/acme/settings/preview': preview,
      'PUT /tenants/acme/settings': { version: 1, savedAt: '2026-06-15T12:00:00Z', refreshed: 10 },
    });
    renderAt('/acme/model');
    await screen.findByTestId('model-components');
    const save = screen.getByTestId('model-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('model-band-green'), { target: { value: '75' } });
    fireEvent.click(screen.getByTestId('model-preview'));
    expect((await screen.findByTestId('preview-summary')).textContent).toBe(
      '2 of 10 accounts would change band.',
    );
    expect(screen.getByTestId('preview-after-yellow').textContent).toBe('5');
    const sent = calls.find((c: StubbedCall) => c.method === 'POST')!.body as {
      healthModel: { bands: object };
    };
    expect(sent.healthModel.bands).toEqual({ green: 75, yellow: 40 });
    expect(save.disabled).toBe(false);
    // A change after the preview needs a new preview.
    fireEvent.change(screen.getByTestId('model-csat-weight'), { target: { value: '20' } });
    expect(save.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('model-csat-weight'), { target: { value: '10' } });
    expect(save.disabled).toBe(false);
    fireEvent.change(screen.getByTestId('model-note'), { target: { value: 'stricter' } });
    fireEvent.click(save);
    expect((await screen.findByTestId('model-saved')).textContent).toBe(
      'Version 1 saved; 10 cards recomputed.',
    );
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({ settings: sent, note: 'stricter' });
  });

  it('shows the server’s refusal, naming the field', async () => {
    stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/settings': aSettingsAnswer(),
      'GET /tenants/acme/backtest?horizonDays=90': aBacktest(),
      'POST /tenants/acme/settings/preview': () => ({
        status: 400,
        body: { error: 'invalid_input', message: 'body.healthModel.bands.yellow: Expected yellow <= green' },
      }),
    });
    renderAt('/acme/model');
    await screen.findByTestId('model-components');
    fireEvent.change(screen.getByTestId('model-band-yellow'), { target: { value: '90' } });
    fireEvent.click(screen.getByTestId('model-preview'));
    const error = await screen.findByTestId('state-error');
    expect(error.textContent).toContain('body.healthModel.bands.yellow: Expected yellow <= green');
  });

  it('backtests the stored model and, on request, the draft beside it', async () => {
    const calls = stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/settings': aSettingsAnswer(),
      'GET /tenants/acme/backtest?horizonDays=90': aBacktest(),
      'POST /tenants/acme/backtest': aBacktest(0.83),
    });
    renderAt('/acme/model');
    await screen.findByTestId('backtest-table');
    expect(screen.getByTestId('backtest-auc').textContent).toBe('0.78');
    expect(screen.getByTestId('backtest-red').textContent).toBe('50% (3 / 6)');
    expect(screen.getByTestId('backtest-lift').textContent).toBe('× 10');
    expect(screen.queryByTestId('backtest-draft-auc')).toBeNull();
    fireEvent.change(screen.getByTestId('model-nps-weight'), { target: { value: '40' } });
    fireEvent.click(screen.getByTestId('backtest-draft'));
    expect((await screen.findByTestId('backtest-draft-auc')).textContent).toBe('0.83');
    const post = calls.find((c) => c.method === 'POST')!.body as {
      horizonDays: number;
      healthModel: { components: { nps: { weight: number } } };
    };
    expect(post.horizonDays).toBe(90);
    expect(post.healthModel.components.nps.weight).toBe(40);
    // Another draft: the draft column goes until it is backtested again.
    fireEvent.change(screen.getByTestId('model-nps-weight'), { target: { value: '41' } });
    expect(screen.queryByTestId('backtest-draft-auc')).toBeNull();
  });

  it('imports a settings file into the draft, and refuses one that is not', async () => {
    stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/settings': aSettingsAnswer(),
      'GET /tenants/acme/backtest?horizonDays=90': aBacktest(),
    });
    renderAt('/acme/model');
    await screen.findByTestId('model-components');
    const input = screen.getByTestId('model-import') as HTMLInputElement;
    const settings = aSettingsAnswer().settings;
    const file = new File(
      [
        JSON.stringify({
          ...settings,
          healthModel: { ...settings.healthModel, bands: { green: 80, yellow: 30 } },
        }),
      ],
      'm.json',
    );
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() =>
      expect((screen.getByTestId('model-band-green') as HTMLInputElement).value).toBe('80'),
    );
    fireEvent.change(input, { target: { files: [new File(['{"nope":1}'], 'x.json')] } });
    expect((await screen.findByTestId('state-error')).textContent).toContain('not a settings file');
  });
});
