/**
 * bench/refresh/full: the whole refresh of every card (`refreshAccounts({ all: true })`), first
 * on an empty `account_metrics`, then again a minute later with nothing changed, with where the
 * time goes, measured alone: the facts stream (`accountFactsBatches`); the cards computed from it
 * (per-batch snapshot and usage reads, `accountCard`, validation); the coverage count; the rest of
 * the refresh is the writes its overlap does not hide. A store seeded like bench/cards (per company: 2 contacts, a deal, 3 HubSpot
 * tickets, an NPS answer), on PGlite and, with TEST_DATABASE_URL, PostgreSQL. A second table gives
 * the limits: one card's JS cost on one core, and the database alone writing the stored cards.
 * Run: `pnpm bench:refresh:full [companies=10000,100000] [pglite,postgres]`.
 */

import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { accountCard, allCards, refreshAccounts, tenantCardContext } from '@csm/accounts';
import { accountCardSchema } from '@csm/accounts/contract';
import { type AccountFacts, generateKey, openStore, type Store } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
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
  return { facts, cards, coverage, perCard: await jsPerCard(store, ctx) };
}

/**
 * What one card costs in JS on one core, with no database in the way: `accountCard`, the card
 * schema and the JSON text the save writes, over the first 10,000 accounts' facts held in memory
 * (the best of three rounds, in microseconds).
 */
async function jsPerCard(store: Store, ctx: Awaited<ReturnType<typeof tenantCardContext>>) {
  const facts: AccountFacts[] = [];
  for await (const batch of store.accountFactsBatches(ctx.tenantId, 1000)) {
    facts.push(...batch);
    if (facts.length >= 10_000) break;
  }
  const inputs = {
    model: ctx.settings.healthModel,
    windows: ctx.settings.windows,
    currency: ctx.currency,
    licenseUtilization: null,
    earlier: null,
  };
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const [, ms] = await timed(async () => {
      for (const f of facts) JSON.stringify(accountCardSchema.parse(accountCard(f, ctx.now, inputs)));
    });
    best = Math.min(best, ms);
  }
  return (best * 1000) / facts.length;
}

/**
 * The database alone writing the cards the refresh stored (PostgreSQL): the tenant's
 * `account_metrics` rows copied by `INSERT ... SELECT` into an empty table of the same shape,
 * JSON parsing, compression, indexes and write-ahead log included; no client, no network. A floor
 * for the first refresh's writes.
 */
async function databaseWriteFloor(store: Store, tenantId: number): Promise<number> {
  await store.db.exec('CREATE TABLE bench_write_floor (LIKE account_metrics INCLUDING ALL)');
  try {
    const [, ms] = await timed(() =>
      // `card::text::json`: each card read as text and parsed again, as a client's would be, then
      // compressed anew (a plain copy would move the stored compressed value as it is).
      store.db.query(
        `INSERT INTO bench_write_floor (tenant_id, company_id, health_score, health_band, card, card_hash,
           components, computed_at)
         SELECT tenant_id, company_id, health_score, health_band, card::text::json, card_hash,
           components::text::jsonb, computed_at
         FROM account_metrics WHERE tenant_id = $1`,
        [tenantId],
      ),
    );
    return ms;
  } finally {
    await store.db.exec('DROP TABLE bench_write_floor');
  }
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
  const floor = store.db.kind === 'pg' ? await databaseWriteFloor(store, tenant.id) : null;
  limits.push(
    `| ${name} | ${n.toLocaleString('en-US')} | ${p.perCard.toFixed(0)} µs | ${seconds((p.perCard * n) / 1000)} | ${floor === null ? 'n/a' : seconds(floor)} |`,
  );
}

/** One line per run: the one-core JS cost of the cards and the database's write floor. */
const limits: string[] = [];

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
      await dropSchema(url, schema);
    }
  }
}
console.log(
  '\n| store | accounts | JS per card, one core (compute, validate, serialise) | that for every account | database alone writing the stored cards |',
);
console.log('| --- | --- | --- | --- | --- |');
for (const line of limits) console.log(line);
