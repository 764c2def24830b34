import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CompanyRecord,
  ContactRecord,
  DealRecord,
  SurveyResponseRecord,
  TicketRecord,
  ZendeskOrganizationRecord,
  ZendeskUserRecord,
} from './records.ts';
import type { Store } from './store.ts';
import { addTestTenant, storeBackends } from './test-utils/index.ts';

const at = new Date('2026-01-01T00:00:00Z');
const company = (id: string, domain: string | null): CompanyRecord => ({
  hubspotCompanyId: id,
  name: `C${id}`,
  domain,
  ownerId: null,
  createdAt: at,
  updatedAt: at,
});
const contact = (id: string, email: string | null, primaryCompanyId: string | null): ContactRecord => ({
  hubspotContactId: id,
  email,
  primaryCompanyId,
  updatedAt: at,
});
const org = (id: string, domainNames: string[]): ZendeskOrganizationRecord => ({
  zendeskOrgId: id,
  name: `O${id}`,
  domainNames,
  updatedAt: at,
});
const user = (id: string, email: string | null): ZendeskUserRecord => ({
  zendeskUserId: id,
  email,
  organizationId: null,
  role: 'end-user',
  updatedAt: at,
});
const ticket = (id: string, over: Partial<TicketRecord>): TicketRecord => ({
  source: 'zendesk',
  externalId: id,
  subject: null,
  status: 'open',
  priority: 'normal',
  organizationId: null,
  requesterId: null,
  companyId: null,
  contactId: null,
  createdAt: at,
  updatedAt: at,
  solvedAt: null,
  replies: 1,
  reopens: 0,
  firstReplyMinutes: 10,
  fullResolutionMinutes: null,
  ...over,
});
const deal = (id: string, over: Partial<DealRecord>): DealRecord => ({
  hubspotDealId: id,
  name: null,
  amount: null,
  mrr: null,
  isClosedWon: true,
  closeDate: new Date('2025-01-01T00:00:00Z'),
  contractEndDate: null,
  companyId: null,
  updatedAt: at,
  ...over,
});
const survey = (id: string, over: Partial<SurveyResponseRecord>): SurveyResponseRecord => ({
  source: 'hubspot',
  externalId: id,
  surveyType: 'NPS',
  value: 9,
  rating: null,
  scaleMin: 0,
  scaleMax: 10,
  contactId: null,
  zendeskTicketId: null,
  companyId: null,
  comment: null,
  submittedAt: at,
  ...over,
});

for (const backend of storeBackends()) {
  describe(`identity resolution on ${backend.name}`, () => {
    let store: Store;
    let tenantId: number;
    beforeEach(async () => {
      store = await backend.open();
      tenantId = (await addTestTenant(store)).id;
      const write = <K extends Parameters<Store['writePage']>[0]['kind']>(
        kind: K,
        records: Parameters<Store['writePage']>[0]['records'],
      ) =>
        store.writePage({ tenantId, stream: `test.${kind}`, kind, records } as Parameters<
          Store['writePage']
        >[0]);
      await write('companies', [
        company('10', 'acme.com'),
        company('2', 'beta.io'),
        company('3', 'beta.io'),
        company('4', null),
      ]);
      await write('contacts', [
        contact('100', 'ann@acme.com', '10'),
        contact('101', 'shared@x.com', '3'),
        contact('99', 'shared@x.com', '2'),
        contact('102', 'lone@x.com', null),
      ]);
      await write('zendeskOrganizations', [
        org('500', ['acme.com']),
        org('501', ['nomatch.org']),
        org('502', ['beta.io']),
      ]);
      await write('zendeskUsers', [
        user('900', 'ann@acme.com'),
        user('901', 'shared@x.com'),
        user('902', 'nobody@x.com'),
      ]);
      await write('tickets', [
        ticket('1', { organizationId: '500', status: 'solved', replies: 1, reopens: 0 }), // acme via org
        ticket('2', { organizationId: '501', requesterId: '900' }), // org matches nothing: no email fallback
        ticket('3', { requesterId: '900', status: 'pending', priority: 'urgent' }), // acme via email
        ticket('4', { requesterId: '901' }), // shared email: smallest contact id 99 -> company 2
        ticket('5', { organizationId: '502' }), // beta.io matches 2 and 3: smallest id 2
        ticket('6', { organizationId: '500', status: 'deleted' }), // deleted: nowhere
        ticket('7', { requesterId: '902' }), // no contact: unmatched
        ticket('8', { source: 'hubspot', companyId: '4', replies: null, reopens: null }),
        ticket('9', { source: 'hubspot', contactId: '100', replies: null, reopens: null }), // via contact -> 10
      ]);
      await write('surveyResponses', [
        survey('s1', { contactId: '100', value: 10, comment: 'love it' }),
        survey('s2', { contactId: '102', value: 3 }), // contact without company: nowhere
        survey('s3', {
          source: 'zendesk',
          surveyType: 'CSAT',
          value: null,
          rating: 'bad',
          scaleMin: null,
          scaleMax: null,
          zendeskTicketId: '3',
        }),
        survey('s4', {
          source: 'ingest',
          surveyType: 'CES',
          value: 6,
          scaleMin: 1,
          scaleMax: 7,
          companyId: '4',
        }),
        survey('s5', { surveyType: 'CSAT', value: 2, scaleMin: 0, scaleMax: 2, contactId: '100' }),
      ]);
      await write('deals', [
        deal('d1', { companyId: '10', mrr: 100 }),
        deal('d2', { companyId: '10', amount: 1200, contractEndDate: new Date('2026-06-01T00:00:00Z') }), // 1200 / 12
        deal('d3', { companyId: '10', mrr: 50, isClosedWon: false }), // open deal: no subscription
        deal('d4', { companyId: null, mrr: 70 }), // no company
        deal('d5', { companyId: '2', mrr: null, amount: null }), // no figure: skipped
      ]);
    });
    afterEach(() => store.close());
    afterAll(() => backend.cleanup());

    it('applies the mapping rules of DESIGN.md', async () => {
      const facts = await store.accountFacts(tenantId);
      expect(facts.map((f) => f.hubspotCompanyId)).toEqual(['2', '3', '4', '10']);
      const byId = Object.fromEntries(facts.map((f) => [f.hubspotCompanyId, f]));
      const acme = byId['10']!;
      expect(acme.tickets.map((t) => [t.source, t.status])).toEqual([
        ['hubspot', 'open'],
        ['zendesk', 'solved'],
        ['zendesk', 'pending'],
      ]);
      expect(acme.npsScores).toEqual([10]);
      expect(acme.csatAnswers).toEqual(
        expect.arrayContaining([
          { value: null, rating: 'bad', scaleMin: null, scaleMax: null, source: 'zendesk' },
          { value: 2, rating: null, scaleMin: 0, scaleMax: 2, source: 'hubspot' },
        ]),
      );
      expect(acme.subscriptions).toEqual([
        { dealId: 'd1', mrr: 100, start: new Date('2025-01-01T00:00:00Z'), end: null },
        {
          dealId: 'd2',
          mrr: 100,
          start: new Date('2025-01-01T00:00:00Z'),
          end: new Date('2026-06-01T00:00:00Z'),
        },
      ]);
      expect(acme.lastSurveyComments.map((c) => c.comment)).toEqual(['love it']);
      expect(acme.lastTouchAt).toEqual(at);
      expect(byId['2']!.tickets).toHaveLength(2); // ticket 4 via the smallest contact, ticket 5 via org
      expect(byId['2']!.subscriptions).toEqual([]);
      expect(byId['3']!.tickets).toHaveLength(0);
      expect(byId['4']!.tickets).toHaveLength(1);
      expect(byId['4']!.cesScores).toEqual([6]);
    });

    it('reads one account alone with the same facts', async () => {
      const all = await store.accountFacts(tenantId);
      expect(await store.accountFacts(tenantId, '10')).toEqual(
        all.filter((f) => f.hubspotCompanyId === '10'),
      );
    });

    it('reports coverage: what matched nothing, or more than one thing', async () => {
      const coverage = await store.coverage(tenantId);
      expect(coverage.unmatchedOrganizations).toEqual({ count: 1, sample: ['501'] });
      expect(coverage.unmatchedTickets).toEqual({ count: 2, sample: ['zendesk:2', 'zendesk:7'] });
      expect(coverage.contactsWithoutCompany).toEqual({ count: 1, sample: ['102'] });
      expect(coverage.companiesWithoutRevenue).toEqual({ count: 3, sample: ['2', '3', '4'] });
      expect(coverage.ambiguousEmails).toEqual({ count: 1, sample: ['shared@x.com'] });
      expect(coverage.ambiguousOrganizations).toEqual({ count: 1, sample: ['502'] });
      expect(coverage.quarantined.count).toBe(0);
    });

    it('lets an explicit link override the domain rule', async () => {
      await store.linkOrganization(tenantId, '501', '3');
      const facts = await store.accountFacts(tenantId, '3');
      expect(facts[0]!.tickets).toHaveLength(1);
      expect((await store.coverage(tenantId)).unmatchedOrganizations.count).toBe(0);
    });
  });
}
