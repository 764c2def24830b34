import type { Store } from '@csm/store';
import {
  aCompany,
  aContact,
  aDeal,
  addTestTenant,
  anOwner,
  aSurveyResponse,
  aTicket,
  aZendeskOrganization,
  aZendeskUser,
  forEachStore,
} from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { refreshAccounts } from './refresh.ts';
import { tenantReport } from './stored-cards.ts';

const now = new Date('2026-06-15T08:00:00Z');
const later = new Date('2026-06-15T09:00:00Z');
const nextDay = new Date('2026-06-16T07:00:00Z');
/** Records changed after the seed carry a later version, as the APIs would send them. */
const changedAt = new Date('2026-06-15T08:30:00Z');
const recent = new Date('2026-06-01T00:00:00Z');

/**
 * Six accounts with every path of the identity rules: organizations matched by domain (o1 -> 1,
 * o2 -> 2) and by an explicit link (o3 -> 3), tickets without organization through their
 * requester's email (z3 -> u1 -> c1 -> 1, z4 -> u2 -> c2 -> 2), HubSpot tickets by company and by
 * contact, answers through a contact and through a ticket. Account 6 has only itself.
 */
async function seed(store: Store, tenantId: number) {
  const page = (stream: string, kind: Parameters<Store['writePage']>[0]['kind'], records: unknown[]) =>
    store.writePage({ tenantId, stream, kind, records: records as never });
  await page(
    'hubspot.companies',
    'companies',
    ['one', 'two', 'three', 'four', 'five', 'six'].map((name, i) =>
      aCompany(String(i + 1), { domain: `${name}.test`, ownerId: i < 2 ? '77' : null }),
    ),
  );
  await page('hubspot.owners', 'owners', [anOwner('77', { firstName: 'Ada', lastName: 'Lovelace' })]);
  await page('hubspot.contacts', 'contacts', [
    aContact('c1', { email: 'p1@x.test', primaryCompanyId: '1' }),
    aContact('c2', { email: 'p2@x.test', primaryCompanyId: '2' }),
    aContact('c3', { email: 'p3@x.test', primaryCompanyId: '3' }),
  ]);
  await page('hubspot.deals', 'deals', [
    aDeal('d1', { companyId: '1', amount: 12_000 }),
    aDeal('d2', { companyId: '2', amount: 24_000 }),
  ]);
  await page('zendesk.organizations', 'zendeskOrganizations', [
    aZendeskOrganization('o1', { domainNames: ['one.test'] }),
    aZendeskOrganization('o2', { domainNames: ['Two.test'] }),
    aZendeskOrganization('o3'),
  ]);
  await store.linkOrganization(tenantId, 'o3', '3');
  await page('zendesk.users', 'zendeskUsers', [
    aZendeskUser('u1', { email: 'p1@x.test' }),
    aZendeskUser('u2', { email: 'P2@x.test' }),
  ]);
  await page('zendesk.tickets', 'tickets', [
    aTicket('z1', { organizationId: 'o1', priority: 'urgent', createdAt: recent }),
    aTicket('z2', { organizationId: 'o2', createdAt: recent }),
    aTicket('z3', { requesterId: 'u1', createdAt: recent }),
    aTicket('z4', { requesterId: 'u2', status: 'solved', solvedAt: recent, replies: 1, reopens: 0 }),
    aTicket('z5', { organizationId: 'o3', createdAt: recent }),
  ]);
  await page('hubspot.tickets', 'tickets', [
    aTicket('h1', { source: 'hubspot', companyId: '4', createdAt: recent }),
    aTicket('h2', { source: 'hubspot', contactId: 'c3', createdAt: recent }),
  ]);
  await page('hubspot.feedback', 'surveyResponses', [
    aSurveyResponse('s1', { contactId: 'c1', value: 10, submittedAt: recent }),
  ]);
  await page('zendesk.ratings', 'surveyResponses', [
    aSurveyResponse('100', {
      source: 'zendesk',
      surveyType: 'CSAT',
      value: null,
      rating: 'good',
      scaleMin: null,
      scaleMax: null,
      zendeskTicketId: 'z2',
      submittedAt: recent,
    }),
  ]);
}

interface Stored {
  card: Record<string, unknown>;
  computedAt: number;
}

async function storedCards(store: Store, tenantId: number): Promise<Map<string, Stored>> {
  const rows = await store.db.query<{ company_id: string; card: Record<string, unknown>; computed_at: Date }>(
    'SELECT company_id, card, computed_at FROM account_metrics WHERE tenant_id = $1',
    [tenantId],
  );
  return new Map(
    rows.map((r) => [r.company_id, { card: r.card, computedAt: new Date(r.computed_at).getTime() }]),
  );
}

const withoutTime = (cards: Map<string, Stored>) =>
  Object.fromEntries(
    [...cards].map(([id, { card }]) => {
      const { computedAt: _at, ...rest } = card;
      return [id, rest];
    }),
  );

forEachStore('touched-only refresh', (getStore) => {
  async function seeded() {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 100);
    const other = await addTestTenant(store, 'other', 200);
    await seed(store, acme.id);
    await seed(store, other.id);
    for (const t of [acme, other]) {
      expect(await refreshAccounts({ store, tenantId: t.id, now })).toEqual({
        mode: 'full',
        accounts: 6,
        reason: 'no cards stored yet',
      });
    }
    return { store, acme: acme.id, other: other.id };
  }

  /**
   * Applies `change` to acme, refreshes the touched accounts, and checks that exactly `affected`
   * were rewritten (the others keep their stored card), that the result equals a full refresh's,
   * and that the other tenant (same ids) is untouched.
   */
  async function expectTouched(
    change: (store: Store, tenantId: number) => Promise<unknown>,
    affected: string[],
    moved: string[] = affected,
  ) {
    const { store, acme, other } = await seeded();
    const before = await storedCards(store, acme);
    const theirs = await storedCards(store, other);
    await change(store, acme);
    const result = await refreshAccounts({ store, tenantId: acme, now: later });
    expect(result).toMatchObject({ mode: 'touched', reason: null });
    const after = await storedCards(store, acme);
    const rewritten = [...after].filter(([, s]) => s.computedAt === later.getTime()).map(([id]) => id);
    // Every affected account is recomputed; of those, only the cards that changed are written again.
    expect(result.accounts).toBe(affected.length);
    expect(affected).toEqual(expect.arrayContaining(rewritten));
    expect(rewritten).toEqual(expect.arrayContaining(moved));
    // The change moved the figures of these accounts (the test is not vacuous).
    for (const id of moved) expect(after.get(id)?.card).not.toEqual(before.get(id)?.card);
    expect(await storedCards(store, other)).toEqual(theirs);
    expect(await store.touched.pending(acme)).toBe(false);
    // A full refresh at the same instant stores the same cards.
    expect(await refreshAccounts({ store, tenantId: acme, now: later, all: true })).toMatchObject({
      mode: 'full',
      reason: 'asked',
    });
    expect(withoutTime(await storedCards(store, acme))).toEqual(withoutTime(after));
    expect(await storedCards(store, other)).toEqual(theirs);
    return { store, acme, after };
  }

  const write = (
    store: Store,
    tenantId: number,
    kind: Parameters<Store['writePage']>[0]['kind'],
    records: unknown[],
  ) => store.writePage({ tenantId, stream: `test.${kind}`, kind, records: records as never });

  it("a ticket's organization changed: the old and the new organization's accounts", async () => {
    await expectTouched(
      (s, t) =>
        write(s, t, 'tickets', [
          aTicket('z1', {
            organizationId: 'o2',
            priority: 'urgent',
            createdAt: recent,
            updatedAt: changedAt,
          }),
        ]),
      ['1', '2'],
    );
  });

  it('a contact moved between companies: its answers and requester tickets move', async () => {
    await expectTouched(
      (s, t) =>
        write(s, t, 'contacts', [
          aContact('c1', { email: 'p1@x.test', primaryCompanyId: '4', updatedAt: changedAt }),
        ]),
      ['1', '4'],
    );
  });

  it("a contact's email changed: the tickets of both emails' requesters move", async () => {
    // c1 (smaller id than c2) now has c2's email: u2's ticket goes to 1, u1's to no one.
    await expectTouched(
      (s, t) =>
        write(s, t, 'contacts', [
          aContact('c1', { email: 'p2@x.test', primaryCompanyId: '1', updatedAt: changedAt }),
        ]),
      ['1', '2'],
    );
  });

  it("an organization's domain names changed: the company of the old and of the new domain", async () => {
    await expectTouched(
      (s, t) =>
        write(s, t, 'zendeskOrganizations', [
          aZendeskOrganization('o2', { domainNames: ['five.test'], updatedAt: changedAt }),
        ]),
      ['2', '5'],
    );
  });

  it('an explicit organization link set: the company it names and the one its domain matched', async () => {
    await expectTouched((s, t) => s.linkOrganization(t, 'o1', '4'), ['1', '4']);
  });

  it('an explicit organization link removed', async () => {
    await expectTouched((s, t) => s.unlinkOrganization(t, 'o3'), ['3']);
  });

  it('a deal moved to another company', async () => {
    await expectTouched(
      (s, t) => write(s, t, 'deals', [aDeal('d1', { companyId: '5', amount: 12_000, updatedAt: changedAt })]),
      ['1', '5'],
    );
  });

  it('answers added through a contact, a Zendesk ticket and the ingestion API', async () => {
    await expectTouched(
      async (s, t) => {
        await write(s, t, 'surveyResponses', [
          aSurveyResponse('s2', { contactId: 'c2', value: 0, submittedAt: changedAt }),
          aSurveyResponse('101', {
            source: 'zendesk',
            surveyType: 'CSAT',
            value: null,
            rating: 'bad',
            scaleMin: null,
            scaleMax: null,
            zendeskTicketId: 'z1',
            submittedAt: changedAt,
          }),
          aSurveyResponse('i1', { source: 'ingest', companyId: '3', value: 3, submittedAt: changedAt }),
        ]);
      },
      ['1', '2', '3'],
    );
  });

  it("a Zendesk user's email changed: its tickets follow the new email's contact", async () => {
    await expectTouched(
      (s, t) =>
        write(s, t, 'zendeskUsers', [aZendeskUser('u1', { email: 'p2@x.test', updatedAt: changedAt })]),
      ['1', '2'],
    );
  });

  it("a company's domain changed: the companies of the old and of the new domain", async () => {
    // 2 takes five.test: o2 (two.test) matches no one any more, 5 shares its domain with 2.
    await expectTouched(
      (s, t) => write(s, t, 'companies', [aCompany('2', { domain: 'five.test', updatedAt: changedAt })]),
      ['2', '5'],
      ['2'],
    );
  });

  it('an owner renamed: the cards of the companies it owns name the new name', async () => {
    const { after } = await expectTouched(
      (s, t) =>
        write(s, t, 'owners', [
          anOwner('77', { firstName: 'Grace', lastName: 'Hopper', updatedAt: changedAt }),
        ]),
      ['1', '2'],
    );
    expect(after.get('1')?.card.owner).toMatchObject({ id: '77', name: 'Grace Hopper' });
  });

  it('a company deleted: its figures are dropped, no other card is rewritten', async () => {
    const { store, acme, after } = await expectTouched(
      (s, t) => s.db.query("DELETE FROM companies WHERE tenant_id = $1 AND hubspot_company_id = '4'", [t]),
      [],
    );
    expect(after.has('4')).toBe(false);
    expect(after.size).toBe(5);
    expect((await tenantReport(store, acme)).map((r) => r.hubspotCompanyId)).not.toContain('4');
  });

  it('usage ingested for an account', async () => {
    await expectTouched(
      (s, t) =>
        s.ingest.commit(t, { kind: 'usage', idempotencyKey: null, contentHash: 'x' }, (w) =>
          w.usage([
            {
              companyId: '3',
              day: '2026-06-14',
              activeUsers: 4,
              licensedSeats: 10,
              logins: null,
              featureEvents: null,
              source: null,
            },
          ]),
        ),
      ['3'],
    );
  });

  it('records re-read unchanged touch nothing, and a refresh then stores no card', async () => {
    const { store, acme, other } = await seeded();
    const before = await storedCards(store, acme);
    await seed(store, acme);
    expect(await store.touched.pending(acme)).toBe(false);
    expect(await refreshAccounts({ store, tenantId: acme, now: later })).toEqual({
      mode: 'touched',
      accounts: 0,
      reason: null,
    });
    expect(await storedCards(store, acme)).toEqual(before);
    expect((await storedCards(store, other)).size).toBe(6);
  });

  it('recomputes every card on a new day, after a settings change, and when the currency changes', async () => {
    const { store, acme } = await seeded();
    expect(await refreshAccounts({ store, tenantId: acme, now: nextDay })).toMatchObject({
      mode: 'full',
      accounts: 6,
      reason: 'cards of an earlier day',
    });
    await store.settings.save(acme, { healthModel: null, windows: null }, new Date(nextDay.getTime() + 1000));
    const afterSettings = new Date(nextDay.getTime() + 60_000);
    expect(await refreshAccounts({ store, tenantId: acme, now: afterSettings })).toMatchObject({
      mode: 'full',
      reason: 'settings changed',
    });
    expect(await refreshAccounts({ store, tenantId: acme, now: afterSettings })).toMatchObject({
      mode: 'touched',
      accounts: 0,
    });
    await store.tenants.setCurrency(acme, 'EUR');
    expect(await refreshAccounts({ store, tenantId: acme, now: afterSettings })).toMatchObject({
      mode: 'full',
      accounts: 6,
      reason: 'a change affects every card',
    });
  });
});
