/**
 * Store benchmark: bulk page writes and account facts at scale, on PGlite and (when
 * TEST_DATABASE_URL is set) PostgreSQL. Run: `pnpm bench:store [companies]`. `BENCH_WRITES_ONLY=1`
 * stops after the writes; `BENCH_NO_CAPTURE=1` drops the triggers that record touched keys
 * (migration 013) first, to measure what capturing them costs the writes.
 */
import { randomBytes } from 'node:crypto';
import {
  type CompanyRecord,
  type ContactRecord,
  generateKey,
  openStore,
  type Store,
  type TicketRecord,
} from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';

const N = Number(process.argv[2] ?? 20_000);
const PAGE = 1000;
const at = new Date('2026-01-01T00:00:00Z');

async function timed<T>(label: string, count: number, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${label}: ${count} in ${s.toFixed(2)} s = ${Math.round(count / s)}/s`);
  return result;
}

async function run(store: Store) {
  if (process.env.BENCH_NO_CAPTURE) {
    const triggers = await store.db.query<{ tgname: string; relname: string }>(
      `SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE t.tgname LIKE '%\\_touched\\_%' AND c.relnamespace = current_schema()::regnamespace`,
    );
    for (const t of triggers) await store.db.exec(`DROP TRIGGER ${t.tgname} ON ${t.relname}`);
    console.log(`  (${triggers.length} capture triggers dropped)`);
  }
  const t = await store.tenants.upsert({
    name: 'bench',
    hubspotPortalId: 1,
    credentials: { hubspot: { kind: 'private-app', token: 'x' } },
  });
  const companies: CompanyRecord[] = Array.from({ length: N }, (_, i) => ({
    hubspotCompanyId: String(i + 1),
    name: `Company ${i}`,
    domain: `c${i}.test`,
    ownerId: null,
    createdAt: at,
    updatedAt: at,
    notesLastContacted: null,
  }));
  const contacts: ContactRecord[] = Array.from({ length: N * 2 }, (_, i) => ({
    hubspotContactId: String(i + 1),
    email: `p${i}@c${i % N}.test`,
    primaryCompanyId: String((i % N) + 1),
    updatedAt: at,
  }));
  const tickets: TicketRecord[] = Array.from({ length: N * 3 }, (_, i) => ({
    source: 'zendesk',
    externalId: String(i + 1),
    subject: 'Help',
    status: i % 5 === 0 ? 'open' : 'solved',
    priority: 'normal',
    organizationId: i % 2 ? String((i % N) + 1) : null,
    requesterId: String((i % (N * 2)) + 1),
    companyId: null,
    contactId: null,
    createdAt: at,
    updatedAt: at,
    solvedAt: at,
    replies: 1,
    reopens: 0,
    firstReplyMinutes: 5,
    fullResolutionMinutes: 50,
  }));
  const write = async <K extends 'companies' | 'contacts' | 'tickets'>(kind: K, records: unknown[]) => {
    for (let i = 0; i < records.length; i += PAGE) {
      await store.writePage({
        tenantId: t.id,
        stream: kind,
        kind,
        records: records.slice(i, i + PAGE),
        cursor: { i },
      } as Parameters<Store['writePage']>[0]);
    }
  };
  await timed('companies', companies.length, () => write('companies', companies));
  await timed('contacts', contacts.length, () => write('contacts', contacts));
  await timed('tickets', tickets.length, () => write('tickets', tickets));
  await timed('tickets again (no-op)', tickets.length, () => write('tickets', tickets));
  if (process.env.BENCH_WRITES_ONLY) return;
  await store.writePage({
    tenantId: t.id,
    stream: 'orgs',
    kind: 'zendeskOrganizations',
    records: Array.from({ length: N }, (_, i) => ({
      zendeskOrgId: String(i + 1),
      name: null,
      domainNames: [`c${i}.test`],
      updatedAt: at,
    })),
  });
  await store.writePage({
    tenantId: t.id,
    stream: 'users',
    kind: 'zendeskUsers',
    records: contacts.map((c) => ({
      zendeskUserId: c.hubspotContactId,
      email: c.email,
      organizationId: null,
      role: 'end-user',
      updatedAt: at,
    })),
  });
  const facts = await timed('accountFacts (all)', N, () => store.accountFacts(t.id));
  console.log(`    tickets linked: ${facts.reduce((n, f) => n + f.tickets.length, 0)}`);
  await timed('accountFacts (one company) x20', 20, async () => {
    for (let i = 0; i < 20; i++) await store.accountFacts(t.id, String(i * 7 + 1));
  });
  if ('accountFactsBatches' in store) {
    await timed('accountFactsBatches', N, async () => {
      let n = 0;
      for await (const batch of store.accountFactsBatches(t.id)) n += batch.length;
      return n;
    });
  }
  await timed('coverage', 1, () => store.coverage(t.id));
}

const key = generateKey();
console.log(`PGlite, ${N} companies`);
const lite = await openStore({ encryptionKey: key });
await run(lite);
await lite.close();
const url = process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  console.log(`PostgreSQL (${schema}), ${N} companies`);
  const server = await openStore({ databaseUrl: url, schema, encryptionKey: key });
  try {
    await run(server);
  } finally {
    await server.close();
    await dropSchema(url, schema);
  }
}
