import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountFacts } from './account-facts.ts';
import { estimatedRows, IDENTITY_TABLES } from './auto-analyze.ts';
import { coverage } from './coverage.ts';
import type { RecordKind, RecordOf } from './records.ts';
import type { Store } from './store.ts';
import {
  aCompany,
  aContact,
  aDeal,
  aSurveyResponse,
  aTicket,
  aZendeskOrganization,
  aZendeskUser,
} from './test-utils/builders.ts';
import { type ExplainedRead, explaining } from './test-utils/plan-visits.ts';
import { addTestTenant, storeBackends } from './test-utils/stores.ts';

/**
 * A portal of `n` companies, written page by page as a sync writes it. Every tenant uses the same
 * ids (HubSpot and Zendesk ids overlap across tenants); domains and emails differ per tenant.
 * Per company: 3 contacts, 1 deal, an organization with 2 users, 4 tickets (2 through the
 * organization, 2 through a requester's email), 2 HubSpot NPS answers and a Zendesk rating.
 */
async function writePortal(store: Store, tenantId: number, n: number): Promise<number> {
  const tag = `t${tenantId}`;
  const rows = new Map<RecordKind, RecordOf<RecordKind>[]>();
  const add = <K extends RecordKind>(kind: K, record: RecordOf<K>) => {
    const list = rows.get(kind) ?? [];
    list.push(record);
    rows.set(kind, list);
  };
  for (let i = 1; i <= n; i++) {
    const company = String(1000 + i);
    const domain = `c${i}.${tag}.test`;
    add('companies', aCompany(company, { domain }));
    add('deals', aDeal(String(7000 + i), { companyId: company, mrr: 100 }));
    add('zendeskOrganizations', aZendeskOrganization(String(500 + i), { domainNames: [domain] }));
    for (let k = 0; k < 3; k++) {
      const contact = String(20_000 + 3 * i + k);
      add('contacts', aContact(contact, { email: `p${contact}@${domain}`, primaryCompanyId: company }));
      if (k < 2) {
        add(
          'surveyResponses',
          aSurveyResponse(String(40_000 + 3 * i + k), { contactId: contact, value: (i + k) % 11 }),
        );
      }
    }
    for (let k = 0; k < 2; k++) {
      const user = String(60_000 + 2 * i + k);
      const email = `p${20_000 + 3 * i + k}@${domain}`;
      add('zendeskUsers', aZendeskUser(user, { email, organizationId: k === 0 ? String(500 + i) : null }));
      add(
        'tickets',
        aTicket(String(80_000 + 4 * i + k), { organizationId: String(500 + i), requesterId: user }),
      );
      add('tickets', aTicket(String(80_000 + 4 * i + 2 + k), { requesterId: user, status: 'solved' }));
    }
    add(
      'surveyResponses',
      aSurveyResponse(String(90_000 + i), {
        source: 'zendesk',
        surveyType: 'CSAT',
        value: null,
        rating: i % 3 ? 'good' : 'bad',
        scaleMin: null,
        scaleMax: null,
        zendeskTicketId: String(80_000 + 4 * i),
      }),
    );
  }
  let written = 0;
  for (const [kind, records] of rows) {
    for (let p = 0; p < records.length; p += 100) {
      const page = records.slice(p, p + 100);
      await store.writePage({ tenantId, stream: `test.${kind}`, kind, records: page, cursor: { p } });
      written += page.length;
    }
  }
  return written;
}

/** The tenant's rows in a table. */
async function rowsOf(store: Store, table: string, tenantId: number): Promise<number> {
  const [row] = await store.db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`,
    [tenantId],
  );
  return Number(row?.n);
}

/** Every whole-tenant and per-account read of the refresh and the cards, explained. */
async function explainReads(store: Store, tenantId: number): Promise<ExplainedRead[]> {
  const reads: ExplainedRead[] = [];
  const db = explaining(store.db, reads);
  const all = await accountFacts(db, tenantId);
  await accountFacts(
    db,
    tenantId,
    all.map((f) => f.hubspotCompanyId),
  );
  await accountFacts(db, tenantId, [all[0]!.hubspotCompanyId]);
  await coverage(db, tenantId);
  return reads;
}

for (const backend of storeBackends()) {
  describe(`per-tenant planner statistics on ${backend.name}`, () => {
    // A store of its own per test: statistics outlive TRUNCATE, and these tests are about them.
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
      await backend.cleanup();
    });

    it('the writer analyzes as a tenant grows, relative to that tenant, not to the whole table', async () => {
      const a = await addTestTenant(store, 'a', 1);
      const b = await addTestTenant(store, 'b', 2);
      await writePortal(store, a.id, 300);
      // The second tenant is as big as the first: relative to the table it is no news.
      await writePortal(store, b.id, 300);
      for (const table of ['contacts', 'tickets', 'zendesk_users', 'survey_responses']) {
        const actual = await rowsOf(store, table, b.id);
        const estimate = await estimatedRows(store.db, table, b.id);
        expect(
          { table, ok: estimate >= actual / 2 },
          `${table}: estimate ${estimate} for ${actual} rows`,
        ).toEqual({
          table,
          ok: true,
        });
      }
    });

    it('refresh analyzes the tables whose estimate for a tenant is far below its rows, and only those', async () => {
      const a = await addTestTenant(store, 'a', 1);
      const b = await addTestTenant(store, 'b', 2);
      await writePortal(store, a.id, 120);
      await store.statistics.refresh(a.id);
      // B's rows arrive behind the writer's back (another process, a restore): no statistics.
      for (const table of ['companies', 'contacts', 'tickets']) {
        await store.db.query(
          `INSERT INTO ${table} SELECT ${await columnsWithTenant(store, table)} FROM ${table} WHERE tenant_id = $1`,
          [a.id, b.id],
        );
      }
      expect(await estimatedRows(store.db, 'tickets', b.id)).toBeLessThan(10);
      expect((await store.statistics.refresh(b.id)).sort()).toEqual(['companies', 'contacts', 'tickets']);
      expect(await estimatedRows(store.db, 'tickets', b.id)).toBeGreaterThan(240);
      // Current now: the next refresh reads little and analyzes nothing.
      expect(await store.statistics.refresh(b.id)).toEqual([]);
    });

    it("a tenant's facts and coverage visit rows in proportion to that tenant, whatever the others hold", async () => {
      const sizes = [300, 150, 40];
      const tenants = [];
      for (const [i, n] of sizes.entries()) {
        const t = await addTestTenant(store, `t${i}`, 100 + i);
        await writePortal(store, t.id, n);
        // What the after-sync pipeline does between a tenant's ingest and its refresh.
        await store.statistics.refresh(t.id);
        tenants.push(t);
      }
      for (const [i, t] of tenants.entries()) {
        let own = 0;
        for (const table of IDENTITY_TABLES) own += await rowsOf(store, table, t.id);
        for (const read of await explainReads(store, t.id)) {
          // A plan linear in the tenant visits a few times its rows; a nested loop re-scanning
          // tickets or contacts per row visits them hundreds of times.
          expect(
            { tenant: i, visited: read.visited <= 6 * own + 1000 },
            `tenant ${i} (${own} rows) visited ${read.visited} rows, loops ${read.maxTableLoops}: ${read.sql.slice(-300)}`,
          ).toEqual({ tenant: i, visited: true });
        }
      }
    });

    it('whole-tenant reads stay linear even when the statistics know nothing of the tenant', async () => {
      const a = await addTestTenant(store, 'a', 1);
      const b = await addTestTenant(store, 'b', 2);
      await writePortal(store, a.id, 200);
      await store.statistics.refresh(a.id);
      // B: a copy of A (same ids), written behind the writer's back and never analyzed.
      for (const table of IDENTITY_TABLES) {
        await store.db.query(
          `INSERT INTO ${table} SELECT ${await columnsWithTenant(store, table)} FROM ${table} WHERE tenant_id = $1`,
          [a.id, b.id],
        );
      }
      expect(await estimatedRows(store.db, 'tickets', b.id)).toBeLessThan(10);
      let own = 0;
      for (const table of IDENTITY_TABLES) own += await rowsOf(store, table, b.id);
      const reads: ExplainedRead[] = [];
      const db = explaining(store.db, reads);
      await accountFacts(db, b.id);
      await coverage(db, b.id);
      for (const read of reads) {
        expect(
          read.visited,
          `visited ${read.visited} rows for ${own}: ${read.sql.slice(-300)}`,
        ).toBeLessThanOrEqual(6 * own + 1000);
      }
    });
  });
}

/** The table's column list with `tenant_id` replaced by `$2` (copies a tenant's rows to another). */
async function columnsWithTenant(store: Store, table: string): Promise<string> {
  const columns = await store.db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`,
    [table],
  );
  return columns.map((c) => (c.column_name === 'tenant_id' ? '$2::bigint' : c.column_name)).join(', ');
}
