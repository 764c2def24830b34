import { beforeEach, expect, it } from 'vitest';
import type { AccountFacts } from './account-facts.ts';
import { streamAccountFacts } from './account-facts-stream.ts';
import type { Store } from './store.ts';
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

/** A tenant's records; `shift` varies values so that tenants sharing ids differ in their facts. */
async function seed(store: Store, tenantId: number, shift: number) {
  const write = (kind: string, records: unknown[]) =>
    store.writePage({ tenantId, stream: `test.${kind}`, kind, records } as Parameters<Store['writePage']>[0]);
  // Ids of several lengths, so that numeric order (shorter first) differs from text order.
  const ids = ['1', '2', '9', '10', '11', '100', '1000', '99'];
  await write(
    'companies',
    ids.map((id) => aCompany(id, { domain: `d${id}.test`, notesLastContacted: shift ? day(shift) : null })),
  );
  await write(
    'contacts',
    ids.map((id) => aContact(`c${id}`, { email: `p${id}@d${id}.test`, primaryCompanyId: id })),
  );
  await write('zendeskOrganizations', [aZendeskOrganization('o1', { domainNames: ['d10.test'] })]);
  await write('zendeskUsers', [aZendeskUser('u1', { email: 'p2@d2.test' })]);
  // Many rows per account, in an order unlike their accounts', over several cursor pages.
  const tickets = [];
  const answers = [];
  for (let i = 0; i < 40; i++) {
    const id = ids[(i * 5) % ids.length]!;
    tickets.push(
      aTicket(`h${i}`, { source: 'hubspot', companyId: id, createdAt: day(1 + ((i * 7) % 20)) }),
      aTicket(`z${i}`, {
        organizationId: i % 2 ? 'o1' : null,
        requesterId: i % 2 ? null : 'u1',
        status: i % 3 ? 'solved' : 'open',
        replies: i % 4,
        createdAt: day(1 + (i % 9)),
        solvedAt: i % 3 ? day(10 + shift) : null,
      }),
    );
    answers.push(
      aSurveyResponse(`s${i}`, {
        contactId: `c${id}`,
        value: (i + shift) % 11,
        comment: i % 3 ? `comment ${i}` : null,
        submittedAt: day(1 + ((i * 3) % 25)),
      }),
      aSurveyResponse(`r${i}`, {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: i % 2 ? 'good' : 'bad',
        scaleMin: null,
        scaleMax: null,
        zendeskTicketId: `z${i}`,
      }),
    );
  }
  await write('tickets', tickets);
  await write('surveyResponses', answers);
  await write(
    'deals',
    ids.flatMap((id, i) => [
      aDeal(`d${id}`, { companyId: id, mrr: 100 + i + shift }),
      aDeal(`e${id}`, { companyId: id, amount: 1200, closeDate: day(1 + i) }),
    ]),
  );
}

forEachStore('account facts stream', (getStore) => {
  let tenants: number[];

  beforeEach(async () => {
    const store = getStore();
    tenants = [(await addTestTenant(store, 'acme', 1)).id, (await addTestTenant(store, 'beta', 2)).id];
    await seed(store, tenants[0]!, 0);
    await seed(store, tenants[1]!, 3);
  });

  const streamed = async (tenantId: number, batchSize: number, pageRows?: number) => {
    const batches: AccountFacts[][] = [];
    for await (const b of streamAccountFacts(getStore().db, tenantId, batchSize, pageRows)) batches.push(b);
    return batches;
  };

  it('gives exactly the facts of one read of every account, whatever the batch and page sizes', async () => {
    for (const tenantId of tenants) {
      const all = await getStore().accountFacts(tenantId);
      expect(all.map((f) => f.hubspotCompanyId)).toEqual(['1', '2', '9', '10', '11', '99', '100', '1000']);
      expect(all.some((f) => f.tickets.length > 5 && f.npsScores.length > 3)).toBe(true);
      for (const [batchSize, pageRows] of [
        [1, 1],
        [3, 2],
        [3, 7],
        [100, 5000],
      ] as const) {
        const batches = await streamed(tenantId, batchSize, pageRows);
        expect(batches.flat()).toEqual(all);
        expect(batches.every((b) => b.length <= batchSize)).toBe(true);
      }
    }
    // Tenants sharing ids keep their own facts.
    const [a, b] = await Promise.all(tenants.map((t) => getStore().accountFacts(t)));
    expect(a).not.toEqual(b);
  });

  it('streams through the store, empty for a tenant without companies', async () => {
    const store = getStore();
    const batches: AccountFacts[][] = [];
    for await (const batch of store.accountFactsBatches(tenants[1]!, 3)) batches.push(batch);
    expect(batches.map((x) => x.length)).toEqual([3, 3, 2]);
    const empty = await addTestTenant(store, 'empty', 3);
    expect(await streamed(empty.id, 10)).toEqual([]);
  });

  it('lets other queries and writes run between batches, and frees its cursors when left early', async () => {
    const store = getStore();
    // More streams left early than the pool has connections: each gives its connection back.
    for (let i = 0; i < 7; i++) {
      for await (const batch of store.accountFactsBatches(tenants[0]!, 2)) {
        await store.writePage({
          tenantId: tenants[1]!,
          stream: 'test.companies',
          kind: 'companies',
          records: [aCompany(`${500 + i}`, { updatedAt: day(2) })],
        });
        expect(batch).toHaveLength(2);
        break;
      }
    }
    expect(await store.db.query("SELECT name FROM pg_cursors WHERE name LIKE 'facts%'")).toEqual([]);
    expect((await store.accountFacts(tenants[1]!)).length).toBe(15);
  });
});
