/**
 * bench/refresh: the card refresh after one company's change, touched-only against full. A store
 * of N accounts (companies, 2 contacts each, a deal, 3 HubSpot tickets, an NPS answer, a Zendesk
 * organization matched by domain with a ticket) with every card stored; then, K times, one
 * company's data changes (a ticket of it reopens, or a deal moves to it from another company) and
 * the touched-only refresh runs; then one full refresh (`all`). PGlite, and PostgreSQL with
 * TEST_DATABASE_URL. Run: `pnpm bench:refresh [companies=10000] [changes=20]`.
 */

import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { refreshAccounts } from '@csm/accounts';
import { generateKey, openStore, type Store } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import { writePages } from '../lib/portfolio.ts';

const N = Number(process.argv[2] ?? 10_000);
const K = Number(process.argv[3] ?? 20);
const PAGE = 1000;
const DAY = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now - days * DAY);

type Kind = Parameters<Store['writePage']>[0]['kind'];

async function populate(store: Store, tenantId: number) {
  const pages = (kind: Kind, count: number, make: (i: number) => unknown) =>
    writePages(store, tenantId, kind, count, make, PAGE);
  await pages('companies', N, (i) => ({
    hubspotCompanyId: String(i + 1),
    name: `Company ${i + 1}`,
    domain: `c${i + 1}.test`,
    ownerId: null,
    createdAt: at(400),
    updatedAt: at(1),
    notesLastContacted: null,
  }));
  await pages('contacts', N * 2, (i) => ({
    hubspotContactId: String(i + 1),
    email: `p${i + 1}@c${(i % N) + 1}.test`,
    primaryCompanyId: String((i % N) + 1),
    updatedAt: at(1),
  }));
  await pages('deals', N, (i) => deal(i + 1, i + 1, 1));
  await pages('tickets', N * 3, (i) => ticket(i + 1, (i % N) + 1, i % 5 === 0 ? 'open' : 'solved', 1));
  await pages('surveyResponses', N, (i) => ({
    source: 'hubspot',
    externalId: String(i + 1),
    surveyType: 'NPS',
    value: i % 11,
    rating: null,
    scaleMin: 0,
    scaleMax: 10,
    contactId: String((i % (N * 2)) + 1),
    zendeskTicketId: null,
    companyId: null,
    comment: null,
    submittedAt: at(i % 90),
  }));
  await pages('zendeskOrganizations', N, (i) => ({
    zendeskOrgId: String(i + 1),
    name: null,
    domainNames: [`c${i + 1}.test`],
    updatedAt: at(1),
  }));
  await pages('tickets', N, (i) => ({
    ...ticket(i + 1, 0, 'solved', 1),
    source: 'zendesk',
    organizationId: String(i + 1),
    companyId: null,
  }));
}

const deal = (id: number, company: number, daysAgo: number) => ({
  hubspotDealId: String(id),
  name: `Deal ${id}`,
  amount: 12_000 + (id % 7) * 1200,
  mrr: null,
  isClosedWon: true,
  closeDate: at(300 - (id % 200)),
  contractEndDate: null,
  companyId: String(company),
  updatedAt: at(daysAgo),
  currency: null,
});

const ticket = (id: number, company: number, status: string, daysAgo: number) => ({
  source: 'hubspot',
  externalId: String(id),
  subject: 'Help',
  status,
  priority: 'normal',
  organizationId: null,
  requesterId: null,
  companyId: String(company),
  contactId: null,
  createdAt: at(30),
  updatedAt: at(daysAgo),
  solvedAt: status === 'solved' ? at(20) : null,
  replies: 1,
  reopens: 0,
  firstReplyMinutes: 5,
  fullResolutionMinutes: 100,
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function run(name: string, store: Store) {
  const tenant = await store.tenants.upsert({
    name: 'bench',
    hubspotPortalId: 1,
    credentials: { hubspot: { kind: 'private-app', token: 'x' } },
  });
  const t0 = performance.now();
  await populate(store, tenant.id);
  const loaded = performance.now() - t0;
  await store.statistics.refresh(tenant.id);
  const t1 = performance.now();
  const first = await refreshAccounts({ store, tenantId: tenant.id, now: new Date(now), batchSize: 1000 });
  const firstMs = performance.now() - t1;
  const touched: number[] = [];
  let accounts = 0;
  for (let k = 0; k < K; k++) {
    const company = 1 + ((k * 7919) % N);
    // Alternately: a ticket of the company reopens; a deal moves to it from its neighbour.
    const record =
      k % 2 === 0
        ? { kind: 'tickets' as const, r: ticket(company, company, 'open', 0) }
        : { kind: 'deals' as const, r: deal((company % N) + 1, company, 0) };
    (record.r as { updatedAt: Date }).updatedAt = new Date(now + (k + 1) * 1000);
    await store.writePage({
      tenantId: tenant.id,
      stream: 'bench.change',
      kind: record.kind,
      records: [record.r],
    } as Parameters<Store['writePage']>[0]);
    const t = performance.now();
    const result = await refreshAccounts({ store, tenantId: tenant.id, now: new Date(now + (k + 1) * 1000) });
    touched.push(performance.now() - t);
    if (result.mode !== 'touched') throw new Error(`expected a touched-only refresh, got ${result.reason}`);
    accounts += result.accounts;
  }
  const t2 = performance.now();
  await refreshAccounts({ store, tenantId: tenant.id, now: new Date(now + (K + 1) * 1000), all: true });
  const full = performance.now() - t2;
  console.log(
    `| ${name} | ${N.toLocaleString('en-US')} | ${seconds(percentile(touched, 50))} | ${seconds(percentile(touched, 95))} | ${(accounts / K).toFixed(1)} | ${seconds(full)} | ${seconds(firstMs)} (${first.accounts}) |`,
  );
  console.error(`  (${name}: data loaded in ${seconds(loaded)})`);
}

const key = generateKey();
console.log(
  `Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start, ${new Date().toISOString()}`,
);
console.log(
  '| store | accounts | touched-only refresh p50 | p95 | accounts per refresh | full refresh | first refresh (accounts) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const lite = await openStore({ encryptionKey: key });
try {
  await run('PGlite', lite);
} finally {
  await lite.close();
}
const url = process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const server = await openStore({ databaseUrl: url, schema, encryptionKey: key });
  try {
    await run('PostgreSQL', server);
  } finally {
    await server.close();
    await dropSchema(url, schema);
  }
}
