import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '../src/App.tsx';
import { I18nProvider } from '../src/contexts/I18nProvider.tsx';
import { SessionProvider } from '../src/contexts/SessionProvider.tsx';
import { stubApi } from './fetch-stub.ts';
import { adminSession } from './fixtures.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderAt(path: string, locale = 'en-US') {
  render(
    <I18nProvider locale={locale}>
      <SessionProvider>
        <RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />
      </SessionProvider>
    </I18nProvider>,
  );
}

const item = (count: number, sample: string[] = []) => ({ count, sample });
const coverage = (linked: boolean) => ({
  counts: {
    unmatchedOrganizations: item(linked ? 0 : 1, linked ? [] : ['502']),
    unmatchedTickets: item(linked ? 0 : 2, linked ? [] : ['zendesk:9001', 'zendesk:9002']),
    contactsWithoutCompany: item(3),
    companiesWithoutRevenue: item(1),
    ambiguousEmails: item(0),
    ambiguousOrganizations: item(0),
    quarantined: item(0),
  },
  organizations: [
    {
      zendeskOrgId: '502',
      name: 'Nowhere Ltd',
      domainNames: ['nowhere.test'],
      tickets: 2,
      domainMatches: 0,
      linkedCompanyId: linked ? '2' : null,
      linkedCompanyName: linked ? 'Company Two' : null,
      explicit: linked,
    },
  ],
});

describe('coverage', () => {
  it('links an organization to a company picked by search, and shows the link', async () => {
    let linked = false;
    const calls = stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/coverage': () => ({ body: coverage(linked) }),
      'GET /tenants/acme/companies?query=two': {
        companies: [{ companyId: '2', name: 'Company Two', domain: 'c2.test' }],
      },
      'PUT /tenants/acme/organizations/502/link': () => {
        linked = true;
        return {
          body: { zendeskOrgId: '502', hubspotCompanyId: '2', explicit: true, tickets: 2, refreshed: 10 },
        };
      },
    });
    renderAt('/acme/coverage');
    expect((await screen.findByTestId('coverage-unmatchedTickets')).textContent).toBe('2');
    expect(screen.getByTestId('org-state').textContent).toBe('Matches no company');
    fireEvent.click(screen.getByTestId('org-link'));
    fireEvent.change(screen.getByTestId('org-company-search'), { target: { value: 'two' } });
    const results = await screen.findByTestId('org-company-results');
    fireEvent.click(within(results).getByRole('button'));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Linked: 2 tickets now count for that account.',
    );
    await waitFor(() => expect(screen.getByTestId('coverage-unmatchedTickets').textContent).toBe('0'));
    expect(screen.getByTestId('org-state').textContent).toBe('Linked by hand to Company Two');
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ companyId: '2' });
  });
});

const connections = (runs: unknown[]) => ({
  status: 'active',
  syncing: false,
  hubspot: {
    connected: true,
    kind: 'oauth',
    account: '123',
    lastRunAt: '2026-06-15T11:00:00Z',
    lastStatus: 'succeeded',
    lastSucceededAt: '2026-06-15T11:01:00Z',
  },
  zendesk: {
    connected: false,
    kind: null,
    account: null,
    lastRunAt: null,
    lastStatus: null,
    lastSucceededAt: null,
  },
  records: { companies: 200, tickets: 1500 },
  streams: [{ stream: 'hubspot.companies', cursorAt: '2026-06-15T11:00:30Z' }],
  runs,
});
const aRun = (id: number, status: string, error: string | null = null) => ({
  id,
  source: 'hubspot',
  mode: 'incremental',
  status,
  startedAt: '2026-06-15T11:00:00Z',
  finishedAt: status === 'running' ? null : '2026-06-15T11:01:00Z',
  error,
  requests: { requests: 12, retries: 1, rateLimited: 2, budgetWaitMs: 2500 },
  streams: [{ stream: 'hubspot.companies', pages: 2, records: 200, quarantined: 0 }],
});

describe('connections', () => {
  it('shows each side, the runs with their waits and errors, and follows a sync started here', async () => {
    let runs = [aRun(1, 'failed', 'HubSpot: HTTP 401 (token revoked)')];
    const calls = stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/connections': () => ({ body: connections(runs) }),
      'POST /tenants/acme/sync': () => {
        runs = [aRun(2, 'succeeded'), ...runs];
        return { status: 202, body: { queued: true } };
      },
    });
    renderAt('/acme/connections');
    expect((await screen.findByTestId('connection-hubspot-state')).textContent).toBe('Connected (oauth)');
    expect(screen.getByTestId('connection-zendesk-state').textContent).toBe('Not connected');
    const table = screen.getByTestId('connection-runs');
    expect(table.textContent).toContain('HubSpot: HTTP 401 (token revoked)');
    expect(table.textContent).toContain('2.5 s');
    fireEvent.click(screen.getByTestId('sync-now'));
    await waitFor(() =>
      expect(within(screen.getByTestId('connection-runs')).getAllByRole('row')).toHaveLength(3),
    );
    await waitFor(() => expect((screen.getByTestId('sync-now') as HTMLButtonElement).disabled).toBe(false));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('uploads a CSV of survey answers, and names the bad row of a refused one', async () => {
    let first = true;
    const calls = stubApi({
      'GET /session': adminSession(),
      'GET /tenants/acme/connections': connections([]),
      'POST /tenants/acme/ingest/surveys': () => {
        if (first) {
          first = false;
          return { body: { received: 2, inserted: 2, updated: 0, unchanged: 0, duplicates: 0 } };
        }
        return {
          status: 400,
          body: { error: 'invalid_input', message: 'rows[1].value: NPS answers are 0-10' },
        };
      },
    });
    renderAt('/acme/connections');
    await screen.findByTestId('uploads');
    const csv = 'accountId,surveyType,value,submittedAt\n1,NPS,9,2026-06-01\n2,NPS,3,2026-06-02\n';
    fireEvent.change(screen.getByTestId('upload-surveys'), {
      target: { files: [new File([csv], 'nps.csv')] },
    });
    expect((await screen.findByTestId('upload-result')).textContent).toBe(
      '2 rows: 2 new, 0 updated, 0 unchanged.',
    );
    expect(calls.find((c) => c.method === 'POST')!.body).toBe(csv);
    fireEvent.change(screen.getByTestId('upload-surveys'), {
      target: { files: [new File(['x'], 'bad.csv')] },
    });
    expect((await screen.findByTestId('state-error')).textContent).toContain(
      'rows[1].value: NPS answers are 0-10',
    );
  });
});
