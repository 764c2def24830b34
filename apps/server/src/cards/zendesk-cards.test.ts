import { defaultSettings, refreshAccounts, saveTenantSettings } from '@csm/accounts';
import {
  aCompany,
  aContact,
  addTestTenant,
  aSurveyResponse,
  aTicket,
  aZendeskOrganization,
  aZendeskUser,
  forEachStore,
} from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { testApp } from '../test-utils/index.ts';
import { organizationAnswerSchema, requesterAnswerSchema } from './card-schemas.ts';

const now = new Date('2026-06-15T00:00:00Z');
/** Inside the default 90-day FCR and CSAT windows. */
const recent = new Date('2026-06-01T00:00:00Z');

forEachStore('Zendesk sidebar routes', (getStore) => {
  async function setup() {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 7);
    const other = await addTestTenant(store, 'other', 8);
    const write = <K extends Parameters<typeof store.writePage>[0]['kind']>(
      tenantId: number,
      kind: K,
      records: Parameters<typeof store.writePage<K>>[0]['records'],
    ) => store.writePage({ tenantId, stream: 't', kind, records });
    await write(acme.id, 'companies', [aCompany('42', { domain: 'acme.com' })]);
    await write(acme.id, 'contacts', [aContact('601', { email: 'solo@loner.io', primaryCompanyId: '42' })]);
    await write(acme.id, 'zendeskOrganizations', [
      aZendeskOrganization('900', { domainNames: ['ACME.com'] }),
      aZendeskOrganization('901', { name: 'Unlinked', domainNames: ['nowhere.io'] }),
    ]);
    await write(acme.id, 'zendeskUsers', [
      aZendeskUser('1', { email: 'ann@acme.com', organizationId: '900' }),
      aZendeskUser('2', { email: 'solo@loner.io' }),
    ]);
    await write(acme.id, 'tickets', [
      aTicket('10', {
        organizationId: '900',
        requesterId: '1',
        status: 'solved',
        replies: 1,
        reopens: 0,
        solvedAt: recent,
      }),
      aTicket('11', {
        organizationId: '900',
        requesterId: '1',
        status: 'solved',
        replies: 3,
        reopens: 0,
        solvedAt: recent,
      }),
      aTicket('12', { organizationId: '900', requesterId: '1', status: 'open', priority: 'urgent' }),
      aTicket('13', { requesterId: '2', status: 'solved', replies: 1, reopens: 0 }),
    ]);
    await write(acme.id, 'surveyResponses', [
      aSurveyResponse('r1', {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: 'good',
        zendeskTicketId: '10',
        comment: 'quick!',
        submittedAt: recent,
      }),
      aSurveyResponse('r2', {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: 'bad',
        zendeskTicketId: '11',
        submittedAt: recent,
      }),
    ]);
    await write(other.id, 'zendeskOrganizations', [aZendeskOrganization('950')]);
    await write(other.id, 'zendeskUsers', [aZendeskUser('5')]);
    await refreshAccounts({ store, tenantId: acme.id, now });
    const { app } = testApp(store, { now: () => now });
    const token = (await store.tenants.zendeskAppToken('acme'))!;
    const get = (path: string, auth: string | null = `Bearer ${token}`) =>
      app.request(`/cards/zendesk${path}`, { headers: auth ? { authorization: auth } : {} });
    return { store, get, acme };
  }

  it('answers an organization with its account (the report element) and its own ticket figures', async () => {
    const { store, get, acme } = await setup();
    const res = await get('/organizations/900');
    expect(res.status).toBe(200);
    const body = organizationAnswerSchema.parse(await res.json());
    const stored = (await store.accountMetrics.card(acme.id, '42'))!.card as { account: unknown };
    expect(body.account).toEqual(stored.account);
    expect(body.link).toEqual({ companyId: '42', via: 'domain' });
    expect(body.tickets).toMatchObject({
      total: 3,
      open: 1,
      urgent: 1,
      openUrgent: 1,
      fcr: { rate: 50, firstContactResolved: 1, solved: 2 },
      csat: { good: 1, bad: 1, score: 50 },
    });
    expect(body.tickets.recentComments.map((c) => c.comment)).toEqual(['quick!']);
    expect(body.card?.health.components.length).toBeGreaterThan(0);
  });

  it('answers an unlinked organization with account null, and a requester through their organization or email', async () => {
    const { get } = await setup();
    const unlinked = organizationAnswerSchema.parse(await (await get('/organizations/901')).json());
    expect(unlinked).toMatchObject({ account: null, card: null, link: null, tickets: { total: 0 } });
    const ann = requesterAnswerSchema.parse(await (await get('/requesters/1')).json());
    expect(ann.account?.hubspotCompanyId).toBe('42');
    expect(ann.organization?.organization.id).toBe('900');
    expect(ann.recentTickets.map((t) => [t.id, t.oneTouch])).toEqual([
      ['10', true],
      ['11', false],
      ['12', null],
    ]);
    // No organization: the email's contact's company (the identity rule).
    const solo = requesterAnswerSchema.parse(await (await get('/requesters/2')).json());
    expect(solo).toMatchObject({ organization: null, account: { hubspotCompanyId: '42' } });
    expect(solo.fcr).toEqual({ rate: 100, firstContactResolved: 1, solved: 1 });
  });

  it("counts the organization's tickets over the tenant's windows, with or without a linked account", async () => {
    const { store, get, acme } = await setup();
    // Tickets 10 and 11 were solved 14 days before `now`: outside a 7-day FCR and CSAT window.
    const windows = { ...defaultSettings.windows, fcrDays: 7, csatDays: 7 };
    await saveTenantSettings(store, acme.id, { ...defaultSettings, windows }, new Date(now.getTime() + 1));
    const linked = organizationAnswerSchema.parse(await (await get('/organizations/900')).json());
    expect(linked.card?.fcr.windowDays).toBe(7);
    expect(linked.tickets).toMatchObject({ total: 3, fcr: { solved: 0 }, csat: { good: 0, bad: 0 } });
    await refreshAccounts({ store, tenantId: acme.id, now: new Date(now.getTime() + 2) });
    const stored = organizationAnswerSchema.parse(await (await get('/organizations/900')).json());
    expect(stored.tickets).toEqual(linked.tickets);
    await saveTenantSettings(store, acme.id, defaultSettings, new Date(now.getTime() + 3));
    await refreshAccounts({ store, tenantId: acme.id, now: new Date(now.getTime() + 4) });
    const back = organizationAnswerSchema.parse(await (await get('/organizations/900')).json());
    expect(back.tickets).toMatchObject({ fcr: { solved: 2 }, csat: { good: 1, bad: 1 } });
  });

  it('refuses a missing or wrong token (401), honours a rotated one at once, and hides other tenants (404)', async () => {
    const { store, get } = await setup();
    expect((await get('/organizations/900', null)).status).toBe(401);
    expect((await get('/organizations/900', 'Bearer nope')).status).toBe(401);
    expect((await get('/organizations/900', 'Basic abc')).status).toBe(401);
    expect((await get('/organizations/950')).status).toBe(404);
    expect((await get('/requesters/5')).status).toBe(404);
    expect((await get('/organizations/x1')).status).toBe(400);
    const old = (await store.tenants.zendeskAppToken('acme'))!;
    const fresh = await store.tenants.rotateZendeskAppToken('acme');
    expect((await get('/organizations/900', `Bearer ${old}`)).status).toBe(401);
    expect((await get('/organizations/900', `Bearer ${fresh}`)).status).toBe(200);
  });
});
