/**
 * Card API latency under load: a store of N accounts (default 100,000) with their cards
 * computed, the real server in a child process, and autocannon sending signed HubSpot company
 * card requests at a fixed rate (default 200/s) for a fixed time, on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL. Every request carries a fresh v3 signature that the server
 * verifies. Run: `pnpm bench:cards [companies] [rate] [seconds] [connections]`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshAccounts } from '@csm/accounts';
import { hubspotSignatureV3 } from '@csm/server';
import { generateKey, openStore, type Store } from '@csm/store';
import autocannon from 'autocannon';
import pg from 'pg';

const N = Number(process.argv[2] ?? 100_000);
const RATE = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 30);
/** Open connections: autocannon paces each one, so N connections arrive in bursts of N. */
const CONNECTIONS = Number(process.argv[5] ?? 4);
const PORTAL = 4242;
const SECRET = 'bench-client-secret';
const PAGE = 1000;
const DAY = 86_400_000;
const now = Date.now();

async function populate(store: Store) {
  const t = await store.tenants.upsert({
    name: 'bench',
    hubspotPortalId: PORTAL,
    credentials: { hubspot: { kind: 'private-app', token: 'x' } },
  });
  const at = (days: number) => new Date(now - days * DAY);
  const pages = async (
    kind: Parameters<Store['writePage']>[0]['kind'],
    count: number,
    make: (i: number) => unknown,
  ) => {
    for (let i = 0; i < count; i += PAGE) {
      const records = Array.from({ length: Math.min(PAGE, count - i) }, (_, k) => make(i + k));
      await store.writePage({ tenantId: t.id, stream: `bench.${kind}`, kind, records } as Parameters<
        Store['writePage']
      >[0]);
    }
  };
  const t0 = performance.now();
  await pages('companies', N, (i) => ({
    hubspotCompanyId: String(i + 1),
    name: `Company ${i + 1}`,
    domain: `c${i + 1}.test`,
    ownerId: String((i % 50) + 1),
    createdAt: at(400),
    updatedAt: at(1),
  }));
  await pages('contacts', N * 2, (i) => ({
    hubspotContactId: String(i + 1),
    email: `p${i + 1}@c${(i % N) + 1}.test`,
    primaryCompanyId: String((i % N) + 1),
    updatedAt: at(1),
  }));
  await pages('deals', N, (i) => ({
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
  await pages('tickets', N * 3, (i) => ({
    source: 'hubspot',
    externalId: String(i + 1),
    subject: 'Help',
    status: i % 5 === 0 ? 'open' : 'solved',
    priority: i % 23 === 0 ? 'urgent' : 'normal',
    organizationId: null,
    requesterId: null,
    companyId: String((i % N) + 1),
    contactId: null,
    createdAt: at(i % 120),
    updatedAt: at(i % 60),
    solvedAt: i % 5 === 0 ? null : at(i % 50),
    replies: 1 + (i % 3),
    reopens: i % 11 === 0 ? 1 : 0,
    firstReplyMinutes: 5 + (i % 300),
    fullResolutionMinutes: 100,
  }));
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
    comment: i % 3 === 0 ? 'comment' : null,
    submittedAt: at(i % 90),
  }));
  const loaded = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await refreshAccounts({ store, tenantId: t.id, now: new Date(now), batchSize: 1000 });
  const refreshed = (performance.now() - t1) / 1000;
  return { loaded, refreshed };
}

function startChild(env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./server-child.ts', import.meta.url))],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /READY (\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise((r) => {
              child.on('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function load(url: string, seconds: number) {
  const path = () =>
    `/cards/hubspot/companies/${1 + Math.floor(Math.random() * N)}?portalId=${PORTAL}&userId=1&appId=1`;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        // A new account and a fresh signature for every request, as HubSpot would send them.
        setupRequest: (req) => {
          const p = path();
          const ts = String(Date.now());
          return {
            ...req,
            path: p,
            headers: {
              'x-hubspot-signature-v3': hubspotSignatureV3(SECRET, 'GET', `${url}${p}`, '', ts),
              'x-hubspot-request-timestamp': ts,
            },
          };
        },
      },
    ],
  });
  return result;
}

async function bench(name: string, open: () => Promise<Store>, childEnv: NodeJS.ProcessEnv) {
  const store = await open();
  const { loaded, refreshed } = await populate(store);
  await store.close();
  const server = await startChild(childEnv);
  try {
    // Warm up: the first requests pay for JIT and cold caches.
    await load(server.url, 5);
    const r = await load(server.url, SECONDS);
    const ok = r['2xx'];
    console.log(
      `| ${name} | ${N.toLocaleString('en-US')} | ${RATE}/s × ${SECONDS} s, ${CONNECTIONS} connections | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.latency.max} ms | ${ok}/${r.requests.total} ok | ${Math.round(N / refreshed)} accounts/s (${refreshed.toFixed(0)} s) |`,
    );
    if (r.non2xx || r.errors) console.log(`  non-2xx ${r.non2xx}, errors ${r.errors}`);
    console.error(`  (${name}: data loaded in ${loaded.toFixed(0)} s)`);
  } finally {
    await server.stop();
  }
}

const key = generateKey();
console.log('| store | accounts | load | p50 | p99 | max | answers | card refresh |');
console.log('|---|---|---|---|---|---|---|---|');
const dir = await mkdtemp(join(tmpdir(), 'csm-bench-cards-'));
try {
  await bench('PGlite', () => openStore({ dataDir: dir, encryptionKey: key }), {
    BENCH_DATA_DIR: dir,
    BENCH_KEY: key,
    BENCH_SECRET: SECRET,
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
const url = process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `bench_cards_${randomBytes(4).toString('hex')}`;
  try {
    await bench('PostgreSQL', () => openStore({ databaseUrl: url, schema, encryptionKey: key }), {
      BENCH_DATABASE_URL: url,
      BENCH_SCHEMA: schema,
      BENCH_KEY: key,
      BENCH_SECRET: SECRET,
    });
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
