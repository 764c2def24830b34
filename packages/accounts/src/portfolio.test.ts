import {
  aCompany,
  aDeal,
  addTestTenant,
  aSurveyResponse,
  aTicket,
  forEachStore,
} from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { tenantPortfolio } from './portfolio.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

forEachStore('tenant portfolio', (getStore) => {
  it('computes a month and a quarter of one tenant from its accounts, whatever another tenant with the same ids holds', async () => {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 7);
    const other = await addTestTenant(store, 'other', 8);
    for (const t of [acme, other]) {
      await store.writePage({
        tenantId: t.id,
        stream: 'c',
        kind: 'companies',
        records: [aCompany('1'), aCompany('2')],
      });
    }
    await store.writePage({
      tenantId: acme.id,
      stream: 'd',
      kind: 'deals',
      records: [
        aDeal('10', { companyId: '1', isClosedWon: true, mrr: 1000, closeDate: d('2026-01-01') }),
        // Account 2 churns in May: its contract ends on May 10.
        aDeal('11', {
          companyId: '2',
          isClosedWon: true,
          mrr: 500,
          closeDate: d('2026-01-01'),
          contractEndDate: d('2026-05-10'),
        }),
        // Account 1 expands in May.
        aDeal('12', { companyId: '1', isClosedWon: true, mrr: 250, closeDate: d('2026-05-20') }),
      ],
    });
    await store.writePage({
      tenantId: other.id,
      stream: 'd',
      kind: 'deals',
      records: [aDeal('10', { companyId: '1', isClosedWon: true, mrr: 99_999, closeDate: d('2026-01-01') })],
    });
    await store.writePage({
      tenantId: acme.id,
      stream: 's',
      kind: 'surveyResponses',
      records: [
        aSurveyResponse('a', {
          source: 'ingest',
          surveyType: 'NPS',
          value: 10,
          companyId: '1',
          submittedAt: d('2026-05-02'),
        }),
        aSurveyResponse('b', {
          source: 'ingest',
          surveyType: 'NPS',
          value: 2,
          companyId: '2',
          submittedAt: d('2026-05-03'),
        }),
        aSurveyResponse('c', {
          source: 'ingest',
          surveyType: 'NPS',
          value: 9,
          companyId: '2',
          submittedAt: d('2026-04-03'),
        }),
      ],
    });
    await store.writePage({
      tenantId: acme.id,
      stream: 't',
      kind: 'tickets',
      records: [
        aTicket('t1', {
          source: 'hubspot',
          companyId: '1',
          status: 'solved',
          createdAt: d('2026-05-01'),
          solvedAt: d('2026-05-02'),
        }),
      ],
    });

    const may = await tenantPortfolio(store, acme.id, { month: '2026-05' });
    expect(may.period).toMatchObject({ label: '2026-05' });
    expect(may.mrr).toBe(1250);
    expect(may.arr).toBe(15_000);
    expect(may.movements).toMatchObject({ expansion: 250, churn: 500 });
    // Start 1500, churned 500 and expanded 250: NRR = (1500 - 500 + 250) / 1500.
    expect(may.nrr).toBeCloseTo((1250 / 1500) * 100, 9);
    expect(may.grr).toBeCloseTo((1000 / 1500) * 100, 9);
    expect(may.customerChurnRate).toBe(50);
    expect(may.nps).toEqual({ score: 0, responses: 2 });
    expect(may.ticketsPerAccount).toBe(0.5);

    const q2 = await tenantPortfolio(store, acme.id, { quarter: '2026-Q2' });
    expect(q2.nps.responses).toBe(3);
    expect((await tenantPortfolio(store, other.id, { month: '2026-05' })).mrr).toBe(99_999);
  });
});
