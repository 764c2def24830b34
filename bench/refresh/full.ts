/**
 * bench/refresh/full: the whole refresh of every card (`refreshAccounts({ all: true })`), first
 * on an empty `account_metrics`, then again with nothing changed, with where the time goes: the
 * facts stream (`accountFactsBatches`), the per-batch reads of `cardsOf` (snapshots, usage), the
 * save (`accountMetrics.save`), the coverage count, and the rest (computing and validating the
 * cards, in JS). A store seeded like bench/cards (per company: 2 contacts, a deal, 3 HubSpot
 * tickets, an NPS answer), on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 * Run: `pnpm bench:refresh:full [companies=10000,100000] [pglite,postgres]`.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { refreshAccounts } from '@csm/accounts';
import { generateKey, openStore, type Store } from '@csm/store';
import pg from 'pg';

const SIZES = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const BACKENDS = (process.argv[3] ?? 'pglite,postgres').split(',');
const PAGE = 1000;
const DAY = 86_400_000;
const now = Date.now();
// An hour off whole days before `now`: the second refresh, a minute later, moves no day count.
const at = (days: number) => new Date(now - days * DAY - 3_600_000);

async function populate(store: Store, tenantId: number, n: number) {
  const pages = async (
    kind: Parameters<Store['writePage']>[0]['kind'],
    count: number,
    make: (i: number) => unknown,
  ) => {
    for (let i = 0; i < count; i += PAGE) {
      const records = Array.from({ length: Math.min(PAGE, count - i) }, (_, k) => make(i + k));
      await store.writePage({ tenantId, stream: `bench.${kind}`, kind, records } as Parameters<
        Store['writePage']
      >[0]);
    }
  };
  await pages('companies', n, (i) => ({
    hubspotCompanyId: String(i + 1),
    name: `Company ${i + 1}`,
    domain: `c${i + 1}.test`,
    ownerId: String((i % 50) + 1),
    createdAt: at(400),
    updatedAt: at(1),
  }));
  await pages('contacts', n * 2, (i) => ({
    hubspotContactId: String(i + 1),
    email: `p${i + 1}@c${(i % n) + 1}.test`,
    primaryCompanyId: String((i % n) + 1),
    updatedAt: at(1),
  }));
  await pages('deals', n, (i) => ({
    hubspotDealId: String(i + 1),
    name: `Deal ${i + 1}`,
    amount: 12_000 + (i % 7) * 1200,
    mrr: null,
    isClosedWon: i % 9 !== 0,
    closeDate: at(300 - (i % 200)),
    contractEndDate: i % 4 === 0 ? at(-60) : null,
    companyId: String(i + 1),
    updatedAt: at(1),
  }));
  await pages('tickets', n * 3, (i) => ({
    source: 'hubspot',
    externalId: String(i + 1),
    subject: 'Help',
    status: i % 5 === 0 ? 'open' : 'solved',
    priority: i % 23 === 0 ? 'urgent' : 'normal',
    organizationId: null,
    requesterId: null,
    companyId: String((i % n) + 1),
    contactId: null,
    createdAt: at(i % 120),
    updatedAt: at(i % 60),
    solvedAt: i % 5 === 0 ? null : at(i % 50),
    replies: 1 + (i % 3),
    reopens: i % 11 === 0 ? 1 : 0,
    firstReplyMinutes: 5 + (i % 300),
    fullResolutionMinutes: 100,
  }));
  await pages('surveyResponses', n, (i) => ({
    source: 'hubspot',
    externalId: String(i + 1),
    surveyType: 'NPS',
    value: i % 11,
    rating: null,
    scaleMin: 0,
    scaleMax: 10,
    contactId: String((i % (n * 2)) + 1),
    zendeskTicketId: null,
    companyId: null,
    comment: i % 3 === 0 ? 'comment' : null,
    submittedAt: at(i % 90),
  }));
}

/** Time spent in each part of a refresh, measured around the store calls it makes. */
interface Split {
  facts: number;
  reads: number;
  save: number;
  coverage: number;
  written: number;
}

/** The store with its refresh calls timed into `split` (the refresh takes the store as given). */
function timedStore(store: Store, split: Split): Store {
  const time =
    <A extends unknown[], R>(part: keyof Split, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const t = performance.now();
      try {
        return await fn(...args);
      } finally {
        split[part] += performance.now() - t;
      }
    };
  return {
    ...store,
    accountFactsBatches: (tenantId, batchSize) => {
      const inner = store.accountFactsBatches(tenantId, batchSize);
      const next = time('facts', () => inner.next());
      return {
        next,
        return: (v) => inner.return(v),
        throw: (e) => inner.throw(e),
        [Symbol.asyncIterator]() {
          return this;
        },
      } as AsyncGenerator<Awaited<ReturnType<typeof inner.next>>['value'] & object>;
    },
    coverage: time('coverage', (tenantId: number) => store.coverage(tenantId)),
    usage: { ...store.usage, latest: time('reads', store.usage.latest.bind(store.usage)) },
    accountMetrics: {
      ...store.accountMetrics,
      snapshotsAround: time('reads', store.accountMetrics.snapshotsAround.bind(store.accountMetrics)),
      save: time('save', async (...args: Parameters<Store['accountMetrics']['save']>) => {
        const result = await store.accountMetrics.save(...args);
        split.written += result.written;
        return result;
      }),
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function refresh(store: Store, tenantId: number, instant: Date) {
  const split: Split = { facts: 0, reads: 0, save: 0, coverage: 0, written: 0 };
  const t = performance.now();
  const { accounts } = await refreshAccounts({
    store: timedStore(store, split),
    tenantId,
    now: instant,
    all: true,
    batchSize: 1000,
  });
  const total = performance.now() - t;
  const rest = total - split.facts - split.reads - split.save - split.coverage;
  return { accounts, total, split, rest };
}

async function run(name: string, store: Store, n: number) {
  const tenant = await store.tenants.upsert({
    name: `bench-${n}`,
    hubspotPortalId: n,
    credentials: { hubspot: { kind: 'private-app', token: 'x' } },
  });
  const t0 = performance.now();
  await populate(store, tenant.id, n);
  await store.statistics.refresh(tenant.id);
  console.error(`  (${name} ${n}: data loaded in ${seconds(performance.now() - t0)})`);
  for (const [label, instant] of [
    ['first', new Date(now)],
    ['nothing changed', new Date(now + 60_000)],
  ] as const) {
    const r = await refresh(store, tenant.id, instant);
    console.log(
      `| ${name} | ${n.toLocaleString('en-US')} | ${label} | ${seconds(r.total)} | ${Math.round((r.accounts / r.total) * 1000).toLocaleString('en-US')} | ${seconds(r.split.facts)} | ${seconds(r.split.reads)} | ${seconds(r.rest)} | ${seconds(r.split.save)} (${r.split.written.toLocaleString('en-US')} written) | ${seconds(r.split.coverage)} |`,
    );
  }
}

const key = generateKey();
console.log(
  `Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start, ${new Date().toISOString()}`,
);
console.log(
  '| store | accounts | refresh | total | accounts/s | facts stream | snapshot + usage reads | cards computed (JS) | save | coverage |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const n of SIZES) {
  if (BACKENDS.includes('pglite')) {
    const lite = await openStore({ encryptionKey: key });
    try {
      await run('PGlite', lite, n);
    } finally {
      await lite.close();
    }
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url && BACKENDS.includes('postgres')) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const server = await openStore({ databaseUrl: url, schema, encryptionKey: key });
    try {
      await run('PostgreSQL', server, n);
    } finally {
      await server.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE`);
      await client.end();
    }
  }
}
