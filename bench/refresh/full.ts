/**
 * bench/refresh/full: the whole refresh of every card (`refreshAccounts({ all: true })`), first
 * on an empty `account_metrics`, then again a minute later with nothing changed, with where the
 * time goes, measured alone: the facts stream (`accountFactsBatches`); the cards computed from it
 * (per-batch snapshot and usage reads, `accountCard`, validation); the coverage count; the rest of
 * the refresh is the writes its overlap does not hide. A store seeded like bench/cards (per company: 2 contacts, a deal, 3 HubSpot
 * tickets, an NPS answer), on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 * Run: `pnpm bench:refresh:full [companies=10000,100000] [pglite,postgres]`.
 */

import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { allCards, refreshAccounts, tenantCardContext } from '@csm/accounts';
import { accountCardSchema } from '@csm/accounts/contract';
import { generateKey, openStore, type Store } from '@csm/store';
import pg from 'pg';
import { writeBenchPortfolio } from '../lib/portfolio.ts';

const SIZES = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const BACKENDS = (process.argv[3] ?? 'pglite,postgres').split(',');
const DAY = 86_400_000;
const now = Date.now();
// An hour off whole days before `now`: the second refresh, a minute later, moves no day count.
const at = (days: number) => new Date(now - days * DAY - 3_600_000);

const populate = (store: Store, tenantId: number, n: number) => writeBenchPortfolio(store, tenantId, n, at);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await fn();
  return [result, performance.now() - t];
}

/**
 * The parts measured alone (the refresh overlaps them: the next facts batch is read and the last
 * batch saved while a batch's cards are computed): the facts stream; the cards (stream, per-batch
 * snapshot and usage reads, `accountCard`, validation) without saving; the coverage count.
 */
async function parts(store: Store, tenantId: number, instant: Date) {
  const [, facts] = await timed(async () => {
    for await (const _batch of store.accountFactsBatches(tenantId, 1000));
  });
  const ctx = await tenantCardContext(store, tenantId, instant);
  const [, cards] = await timed(async () => {
    for await (const batch of allCards(store, ctx, 1000))
      for (const card of batch) accountCardSchema.parse(card);
  });
  const [, coverage] = await timed(() => store.coverage(tenantId));
  return { facts, cards, coverage };
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
  const p = await parts(store, tenant.id, new Date(now));
  for (const [label, instant] of [
    ['first', new Date(now)],
    ['nothing changed', new Date(now + 60_000)],
  ] as const) {
    const [result, total] = await timed(() =>
      refreshAccounts({ store, tenantId: tenant.id, now: instant, all: true, batchSize: 1000 }),
    );
    const [row] = await store.db.query<{ written: string | number }>(
      'SELECT count(*) FILTER (WHERE computed_at = $2) AS written FROM account_metrics WHERE tenant_id = $1',
      [tenant.id, instant.toISOString()],
    );
    console.log(
      `| ${name} | ${n.toLocaleString('en-US')} | ${label} | ${seconds(total)} | ${Math.round((result.accounts / total) * 1000).toLocaleString('en-US')} | ${Number(row?.written ?? 0).toLocaleString('en-US')} | ${seconds(p.facts)} | ${seconds(p.cards - p.facts)} | ${seconds(total - p.cards - p.coverage)} | ${seconds(p.coverage)} |`,
    );
  }
}

const key = generateKey();
console.log(
  `Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start, ${new Date().toISOString()}`,
);
console.log(
  '| store | accounts | refresh | total | accounts/s | cards written | facts stream alone | + cards computed | rest: writes not overlapped | coverage |',
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
