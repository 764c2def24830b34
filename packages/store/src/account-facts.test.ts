import { beforeEach, expect, it } from 'vitest';
import type { AccountFacts } from './account-facts.ts';
import type { RecordKind, RecordOf } from './records.ts';
import {
  aCompany,
  aContact,
  aDeal,
  addTestTenant,
  aSurveyResponse,
  aTicket,
  aZendeskOrganization,
  aZendeskUser,
  forEachStore,
} from './test-utils/index.ts';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

forEachStore('identity rules', (getStore) => {
  let tenantId: number;
  const write = <K extends RecordKind>(kind: K, records: RecordOf<K>[]) =>
    getStore().writePage({ tenantId, stream: `test.${kind}`, kind, records });
  const byId = async () =>
    Object.fromEntries((await getStore().accountFacts(tenantId)).map((f) => [f.hubspotCompanyId, f]));
  const ticketIds = (f: AccountFacts | undefined) => f?.tickets.map((t) => `${t.source}:${t.externalId}`);

  beforeEach(async () => {
    tenantId = (await addTestTenant(getStore())).id;
    // Another tenant with the same ids must never leak in.
    const other = await addTestTenant(getStore(), 'other', 2);
    await getStore().writePage({
      tenantId: other.id,
      stream: 's',
      kind: 'tickets',
      records: [
        aTicket('z1', { organizationId: '500' }),
        aTicket('h9', { source: 'hubspot', companyId: '10' }),
      ],
    });
    await write('companies', [
      aCompany('10', { domain: 'acme.com' }),
      aCompany('2', { domain: 'beta.io' }),
      aCompany('3', { domain: 'BETA.io' }),
      aCompany('4', { domain: null }),
      aCompany('5', { domain: 'gamma.org' }),
    ]);
    await write('contacts', [
      aContact('100', { email: 'ann@acme.com', primaryCompanyId: '10' }),
      aContact('101', { email: 'Shared@X.com', primaryCompanyId: '3' }),
      aContact('99', { email: 'shared@x.com', primaryCompanyId: '2' }),
      aContact('102', { email: 'lone@x.com', primaryCompanyId: null }),
    ]);
    await write('zendeskOrganizations', [
      aZendeskOrganization('500', { domainNames: ['ACME.com'] }),
      aZendeskOrganization('501', { domainNames: ['nomatch.org'] }),
      aZendeskOrganization('502', { domainNames: ['beta.io'] }),
      aZendeskOrganization('503', { domainNames: ['acme.com', 'gamma.org'] }),
    ]);
    await write('zendeskUsers', [
      aZendeskUser('900', { email: 'ANN@acme.com' }),
      aZendeskUser('901', { email: 'shared@x.com' }),
      aZendeskUser('902', { email: 'nobody@x.com' }),
    ]);
    await write('tickets', [
      aTicket('z1', { organizationId: '500', status: 'solved', replies: 1, reopens: 0, createdAt: day(1) }),
      aTicket('z2', { organizationId: '501', requesterId: '900' }),
      aTicket('z3', {
        requesterId: '900',
        status: 'pending',
        priority: 'urgent',
        createdAt: day(2),
        updatedAt: day(20),
      }),
      aTicket('z4', { requesterId: '901' }),
      aTicket('z5', { organizationId: '502' }),
      aTicket('z6', { organizationId: '500', status: 'deleted', updatedAt: day(30) }),
      aTicket('z7', { requesterId: '902' }),
      aTicket('z8', { organizationId: '503' }),
      aTicket('z9', { organizationId: '999' }),
      aTicket('h1', { source: 'hubspot', companyId: '4' }),
      aTicket('h2', { source: 'hubspot', contactId: '100', createdAt: day(3) }),
      aTicket('h3', { source: 'hubspot', companyId: '4', contactId: '100' }),
      aTicket('h4', { source: 'hubspot', contactId: '102' }),
    ]);
    await write('surveyResponses', [
      aSurveyResponse('s1', { contactId: '100', value: 10, comment: 'love it', submittedAt: day(15) }),
      aSurveyResponse('s2', { contactId: '102', value: 3 }),
      aSurveyResponse('s3', {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: 'bad',
        scaleMin: null,
        scaleMax: null,
        zendeskTicketId: 'z3',
      }),
      aSurveyResponse('s4', {
        source: 'ingest',
        surveyType: 'CES',
        value: 6,
        scaleMin: 1,
        scaleMax: 7,
        companyId: '4',
      }),
      aSurveyResponse('s5', { surveyType: 'CSAT', value: 2, scaleMin: 0, scaleMax: 2, contactId: '100' }),
      aSurveyResponse('s6', {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: null,
        zendeskTicketId: 'z3',
      }),
      aSurveyResponse('s7', {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: 'good',
        zendeskTicketId: 'z6',
      }),
      aSurveyResponse('s8', {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: 'good',
        zendeskTicketId: 'z2',
      }),
    ]);
    await write('deals', [
      aDeal('d1', { companyId: '10', mrr: 100 }),
      aDeal('d2', { companyId: '10', amount: 1200, contractEndDate: new Date('2026-06-01T00:00:00Z') }),
      aDeal('d3', { companyId: '10', mrr: 50, isClosedWon: false }),
      aDeal('d4', { companyId: null, mrr: 70 }),
      aDeal('d5', { companyId: '2', mrr: null, amount: null }),
      aDeal('d6', { companyId: '3', mrr: 50, closeDate: null }),
    ]);
  });

  it('lists every company of the tenant, in numeric id order, even without data', async () => {
    const facts = await getStore().accountFacts(tenantId);
    expect(facts.map((f) => f.hubspotCompanyId)).toEqual(['2', '3', '4', '5', '10']);
    expect(facts[1]).toEqual({
      hubspotCompanyId: '3',
      name: 'Company 3',
      domain: 'BETA.io',
      ownerId: null,
      owner: null,
      npsScores: [],
      csatAnswers: [],
      cesScores: [],
      tickets: [],
      subscriptions: [],
      lastSurveyComments: [],
      lastTouchAt: null,
      notesLastContactedAt: null,
      answeredAt: { nps: [], csat: [], ces: [] },
    });
  });

  it('links organizations by domain (case-insensitive), the smallest id when several match', async () => {
    const f = await byId();
    expect(ticketIds(f['10'])).toEqual(expect.arrayContaining(['zendesk:z1']));
    expect(ticketIds(f['2'])).toContain('zendesk:z5'); // beta.io matches 2 and 3
    expect(ticketIds(f['5'])).toEqual(['zendesk:z8']); // acme.com -> 10, gamma.org -> 5: 5 < 10
    expect(await getStore().resolveOrganization(tenantId, '503')).toEqual({
      zendeskOrgId: '503',
      hubspotCompanyId: '5',
      explicit: false,
      domainMatches: 2,
    });
  });

  it('leaves a ticket of an unmatched organization unmatched, without falling back to the requester', async () => {
    const f = await byId();
    for (const account of Object.values(f)) {
      expect(ticketIds(account)).not.toContain('zendesk:z2');
      expect(ticketIds(account)).not.toContain('zendesk:z9');
    }
    expect(await getStore().resolveOrganization(tenantId, '501')).toMatchObject({
      hubspotCompanyId: null,
      domainMatches: 0,
    });
  });

  it('links a ticket without organization through its requester email to the smallest contact id', async () => {
    const f = await byId();
    expect(ticketIds(f['10'])).toContain('zendesk:z3'); // ANN@acme.com = ann@acme.com
    expect(ticketIds(f['2'])).toContain('zendesk:z4'); // contacts 99 and 101 share it: 99 < 101
    expect(ticketIds(f['3'])).toEqual([]);
  });

  it('links a HubSpot ticket to its company, else its contact primary company', async () => {
    const f = await byId();
    expect(ticketIds(f['4'])).toEqual(['hubspot:h1', 'hubspot:h3']);
    expect(ticketIds(f['10'])).toEqual(['zendesk:z1', 'zendesk:z3', 'hubspot:h2']);
  });

  it('counts deleted tickets nowhere, nor the ratings of deleted tickets', async () => {
    const facts = await getStore().accountFacts(tenantId);
    expect(facts.flatMap((f) => f.tickets.map((t) => t.externalId))).not.toContain('z6');
    expect(facts.flatMap((f) => f.csatAnswers.filter((a) => a.rating === 'good'))).toEqual([]);
    expect((await getStore().coverage(tenantId)).unmatchedTickets.sample).not.toContain('zendesk:z6');
  });

  it('gives survey answers to the right account, keeping ticket figures and the last touch', async () => {
    const f = await byId();
    const acme = f['10']!;
    expect(acme.npsScores).toEqual([10]);
    expect(acme.csatAnswers).toEqual([
      { value: 2, rating: null, scaleMin: 0, scaleMax: 2, source: 'hubspot' },
      { value: null, rating: 'bad', scaleMin: null, scaleMax: null, source: 'zendesk' },
    ]);
    expect(acme.lastSurveyComments).toEqual([
      {
        source: 'hubspot',
        surveyType: 'NPS',
        value: 10,
        rating: null,
        comment: 'love it',
        submittedAt: day(15),
      },
    ]);
    // The latest answer: z3's later update is the customer reaching out, not a touch.
    const answered = [...acme.answeredAt!.nps, ...acme.answeredAt!.csat, ...acme.answeredAt!.ces];
    expect(acme.lastTouchAt).toEqual(new Date(Math.max(...answered.map((d) => d.getTime()))));
    expect(acme.lastTouchAt!.getTime()).toBeLessThan(day(20).getTime());
    expect(acme.tickets[1]).toEqual({
      source: 'zendesk',
      externalId: 'z3',
      status: 'pending',
      priority: 'urgent',
      replies: null,
      reopens: null,
      firstReplyMinutes: null,
      createdAt: day(2),
      solvedAt: null,
    });
    expect(f['4']!.cesScores).toEqual([6]);
    expect(Object.values(f).flatMap((a) => a.npsScores)).toEqual([10]); // s2: contact without company
  });

  it('counts one Zendesk answer per ticket: a survey response supersedes the legacy rating mirroring it', async () => {
    const zendeskCsat = (id: string, ticket: string, rating: 'good' | 'bad') =>
      aSurveyResponse(id, {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating,
        scaleMin: null,
        scaleMax: null,
        zendeskTicketId: ticket,
        comment: `${id} says`,
      });
    // Ticket z1 (account 10) answered on the current CSAT (neutral: stored as bad), mirrored by
    // Zendesk as a legacy rating; ticket z8 (account 5) has only a legacy rating.
    await write('surveyResponses', [
      zendeskCsat('7001', 'z1', 'bad'),
      zendeskCsat('01J1WB51MG6HXTYWE6Q0C93RNW', 'z1', 'bad'),
      zendeskCsat('7002', 'z8', 'good'),
    ]);
    // The other tenant, same ticket id: its legacy rating has no survey response and counts.
    const other = (await getStore().tenants.get('other'))!;
    await getStore().writePage({
      tenantId: other.id,
      stream: 's',
      kind: 'surveyResponses',
      records: [zendeskCsat('7001', 'z1', 'good')],
    });
    const f = await byId();
    expect(f['10']!.csatAnswers.filter((a) => a.source === 'zendesk')).toEqual([
      { value: null, rating: 'bad', scaleMin: null, scaleMax: null, source: 'zendesk' }, // z3's s3
      { value: null, rating: 'bad', scaleMin: null, scaleMax: null, source: 'zendesk' }, // z1's response
    ]);
    expect(f['5']!.csatAnswers).toEqual([
      { value: null, rating: 'good', scaleMin: null, scaleMax: null, source: 'zendesk' }, // z8's rating
    ]);
    expect(f['10']!.lastSurveyComments.map((c) => c.comment)).not.toContain('7001 says');
    const organization = await getStore().cardReads.organizationTickets(tenantId, '500');
    expect(organization.ratings.map((r) => r.comment)).toEqual(['01J1WB51MG6HXTYWE6Q0C93RNW says']);
    expect(
      (await getStore().cardReads.organizationTickets(other.id, '500')).ratings.map((r) => r.comment),
    ).toEqual(['7001 says']);
  });

  it('takes the last touch from notes_last_contacted when it is later than every answer', async () => {
    const store = getStore();
    const notes = new Date('2027-01-01T00:00:00Z');
    await store.writePage({
      tenantId,
      stream: 'hubspot.companies',
      kind: 'companies',
      records: [aCompany('10', { domain: 'acme.com', notesLastContacted: notes })],
    });
    const [acme] = await store.accountFacts(tenantId, ['10']);
    expect(acme).toMatchObject({ notesLastContactedAt: notes, lastTouchAt: notes });
  });

  it('keeps the latest five comments, newest first', async () => {
    await write(
      'surveyResponses',
      [1, 2, 3, 4, 5, 6, 7].map((d) =>
        aSurveyResponse(`c${d}`, {
          source: 'ingest',
          companyId: '5',
          comment: `day ${d}`,
          submittedAt: day(d),
        }),
      ),
    );
    const f = await byId();
    expect(f['5']!.lastSurveyComments.map((c) => c.comment)).toEqual([
      'day 7',
      'day 6',
      'day 5',
      'day 4',
      'day 3',
    ]);
    expect(f['5']!.npsScores).toHaveLength(7);
  });

  it('makes subscriptions of closed-won deals: hs_mrr, else amount / 12; no figure or start, none', async () => {
    const f = await byId();
    expect(f['10']!.subscriptions).toEqual([
      { dealId: 'd1', mrr: 100, start: new Date('2025-01-01T00:00:00Z'), end: null },
      {
        dealId: 'd2',
        mrr: 100,
        start: new Date('2025-01-01T00:00:00Z'),
        end: new Date('2026-06-01T00:00:00Z'),
      },
    ]);
    for (const id of ['2', '3', '4', '5']) expect(f[id]!.subscriptions).toEqual([]);
  });

  it('lets an explicit link override the domain rule, and unlinking restore it', async () => {
    const store = getStore();
    await store.linkOrganization(tenantId, '501', '3');
    await store.linkOrganization(tenantId, '502', '3');
    let f = await byId();
    expect(ticketIds(f['3'])).toEqual(['zendesk:z2', 'zendesk:z5']);
    expect(ticketIds(f['2'])).toEqual(['zendesk:z4']);
    expect(await store.resolveOrganization(tenantId, '502')).toMatchObject({
      hubspotCompanyId: '3',
      explicit: true,
    });
    const coverage = await store.coverage(tenantId);
    expect(coverage.unmatchedOrganizations.count).toBe(0);
    expect(coverage.ambiguousOrganizations.sample).toEqual(['503']);
    await store.unlinkOrganization(tenantId, '502');
    f = await byId();
    expect(ticketIds(f['2'])).toEqual(['zendesk:z4', 'zendesk:z5']);
  });

  it('follows organization domain changes', async () => {
    await write('zendeskOrganizations', [
      aZendeskOrganization('501', { domainNames: ['Gamma.org'], updatedAt: day(2) }),
    ]);
    // An older version arriving late changes nothing.
    await write('zendeskOrganizations', [
      aZendeskOrganization('501', { domainNames: ['nomatch.org'], updatedAt: day(1) }),
    ]);
    expect(ticketIds((await byId())['5'])).toEqual(['zendesk:z2', 'zendesk:z8']);
  });

  it('reads some accounts alone, or in batches, with the same facts as all of them', async () => {
    const store = getStore();
    const all = await store.accountFacts(tenantId);
    for (const f of all) expect(await store.accountFacts(tenantId, f.hubspotCompanyId)).toEqual([f]);
    expect(await store.accountFacts(tenantId, ['10', '2', 'missing'])).toEqual([all[0], all[4]]);
    expect(await store.accountFacts(tenantId, [])).toEqual([]);
    const batches: AccountFacts[][] = [];
    for await (const batch of store.accountFactsBatches(tenantId, 2)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat()).toEqual(all);
  });

  it('reports coverage: what matched nothing, or more than one thing', async () => {
    expect(await getStore().coverage(tenantId)).toEqual({
      unmatchedOrganizations: { count: 1, sample: ['501'] },
      unmatchedTickets: { count: 4, sample: ['hubspot:h4', 'zendesk:z2', 'zendesk:z7', 'zendesk:z9'] },
      contactsWithoutCompany: { count: 1, sample: ['102'] },
      companiesWithoutRevenue: { count: 4, sample: ['2', '3', '4', '5'] },
      ambiguousEmails: { count: 1, sample: ['shared@x.com'] },
      ambiguousOrganizations: { count: 2, sample: ['502', '503'] },
      quarantined: { count: 0, sample: [] },
    });
  });
});
