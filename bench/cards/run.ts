/**
 * Card API throughput and latency: a store of N accounts (default 100,000) with their cards
 * computed, the real server (`startServer`) in a child process, and autocannon sending signed
 * HubSpot company card requests for random accounts, each with a fresh v3 signature. On PGlite and
 * (with TEST_DATABASE_URL) PostgreSQL:
 *
 * - maximum throughput (autocannon without a rate) at 4, 16 and 64 connections, against a bare
 *   node:http server (bare-child.ts: the same signature check and stored row, nothing else)
 *   measured in the same run, one server at a time, and their ratio;
 * - latency at a fixed rate: 1,000/s over 64 connections on PostgreSQL, 200/s over 4 on PGlite;
 * - on PostgreSQL, latency at 200/s while another tenant syncs against the sandbox in another
 *   process (sync-child.ts: full syncs and refreshes in a loop).
 *
 * Run: `pnpm bench:cards [companies] [seconds] [pglite,postgres]`; appends the results to
 * BENCHMARKS.md.
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshAccounts } from '@csm/accounts';
import { hubspotSignatureV3 } from '@csm/server';
import { generateKey, openStore, type Store } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import autocannon from 'autocannon';
import { writeBenchPortfolio } from '../lib/portfolio.ts';

const N = Number(process.argv[2] ?? 100_000);
/** Seconds each measurement lasts (after a warm-up of 3 s). */
const SECONDS = Number(process.argv[3] ?? 10);
/** Which stores to measure (PostgreSQL also needs TEST_DATABASE_URL). */
const STORES = (process.argv[4] ?? 'pglite,postgres').split(',');
const CONNECTIONS = [4, 16, 64];
const PORTAL = 4242;
const SECRET = 'bench-client-secret';
const DAY = 86_400_000;
const now = Date.now();

async function populate(store: Store) {
  const t = await store.tenants.upsert({
    name: 'bench',
    hubspotPortalId: PORTAL,
    credentials: { hubspot: { kind: 'private-app', token: 'x' } },
  });
  const at = (days: number) => new Date(now - days * DAY);
  const t0 = performance.now();
  await writeBenchPortfolio(store, t.id, N, at);
  const loaded = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await refreshAccounts({ store, tenantId: t.id, now: new Date(now), batchSize: 1000 });
  const refreshed = (performance.now() - t1) / 1000;
  return { loaded, refreshed };
}

interface Child {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `script` of this folder in a process of its own and waits for its `READY [url]` line. */
function startChild(script: string, env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /READY ?(\S*)/.exec(out);
      if (m && !ready) {
        ready = true;
        resolve({
          url: m[1] ?? '',
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    });
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${script} exited ${code}`));
    });
  });
}

/** Signed company card requests for `seconds`: at `rate` per second overall, or as fast as answered. */
async function load(url: string, options: { connections: number; seconds: number; rate?: number }) {
  const path = () =>
    `/cards/hubspot/companies/${1 + Math.floor(Math.random() * N)}?portalId=${PORTAL}&userId=1&appId=1`;
  return autocannon({
    url,
    connections: options.connections,
    ...(options.rate ? { overallRate: options.rate } : {}),
    duration: options.seconds,
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
}

type Result = Awaited<ReturnType<typeof load>>;
const ok = (r: Result) => `${r['2xx']}/${r.requests.total}${r.errors ? `, ${r.errors} errors` : ''}`;

/**
 * One measurement of a freshly started child (warm-up first: JIT, caches, prepared statements),
 * with the child's CPU time per answer (start-up included): unlike throughput, it does not depend
 * on what else the machine runs.
 */
async function measure(script: string, env: NodeJS.ProcessEnv, options: Parameters<typeof load>[1]) {
  const child = await startChild(script, env);
  let warm: Result;
  let result: Result;
  try {
    warm = await load(child.url, { ...options, seconds: 3 });
    result = await load(child.url, options);
  } finally {
    await child.stop();
  }
  const cpu = Number(/CPU (\d+)/.exec(child.output())?.[1] ?? Number.NaN);
  return Object.assign(result, {
    cpuMsPerAnswer: cpu / 1000 / (warm.requests.total + result.requests.total),
  });
}
const lines: string[] = [];
const out = (line: string) => {
  console.log(line);
  lines.push(line);
};

async function bench(name: 'PGlite' | 'PostgreSQL', open: () => Promise<Store>, env: NodeJS.ProcessEnv) {
  const store = await open();
  const { loaded, refreshed } = await populate(store);
  await store.close();
  console.error(
    `  (${name}: data loaded in ${loaded.toFixed(0)} s, cards refreshed in ${refreshed.toFixed(0)} s)`,
  );
  out('');
  out(`${name}, maximum throughput (no rate), ${SECONDS} s each, servers measured one after the other:`);
  out('');
  out(
    '| connections | csm serve req/s | p50 | p99 | CPU / answer | bare server req/s | p50 | p99 | CPU / answer | ratio (req/s) | answers (csm / bare) |',
  );
  out('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const connections of CONNECTIONS) {
    const csm = await measure('./server-child.ts', env, { connections, seconds: SECONDS });
    const bare = await measure('./bare-child.ts', env, { connections, seconds: SECONDS });
    const ratio = csm.requests.average / bare.requests.average;
    out(
      `| ${connections} | ${Math.round(csm.requests.average)} | ${csm.latency.p50} ms | ${csm.latency.p99} ms | ${csm.cpuMsPerAnswer.toFixed(2)} ms | ${Math.round(bare.requests.average)} | ${bare.latency.p50} ms | ${bare.latency.p99} ms | ${bare.cpuMsPerAnswer.toFixed(2)} ms | **${ratio.toFixed(2)}** | ${ok(csm)} / ${ok(bare)} |`,
    );
  }
  const paced =
    name === 'PostgreSQL'
      ? { rate: 1000, connections: 64, goal: 10 }
      : { rate: 200, connections: 4, goal: 20 };
  out('');
  out('| load | p50 | p90 | p99 | max | answers | goal |');
  out('|---|---|---|---|---|---|---|');
  const r = await measure('./server-child.ts', env, { ...paced, seconds: SECONDS * 3 });
  out(
    `| ${paced.rate}/s, ${paced.connections} connections, ${SECONDS * 3} s | ${r.latency.p50} ms | ${r.latency.p90} ms | ${r.latency.p99} ms | ${r.latency.max} ms | ${ok(r)} | p99 < ${paced.goal} ms: ${r.latency.p99 < paced.goal ? 'met' : 'not met'} |`,
  );
  if (name === 'PostgreSQL') {
    const server = await startChild('./server-child.ts', env);
    try {
      await load(server.url, { connections: 4, seconds: 3 });
      const syncing = await startChild('./sync-child.ts', env);
      let during: Result;
      try {
        // Let the first sync get going (sandbox seeded, first pages written) before measuring.
        await new Promise((res) => setTimeout(res, 5000));
        during = await load(server.url, { rate: 200, connections: 4, seconds: SECONDS * 3 });
      } finally {
        await syncing.stop();
      }
      const syncs = /DONE (\d+)/.exec(syncing.output())?.[1] ?? '?';
      out(
        `| 200/s, 4 connections, ${SECONDS * 3} s, while another tenant syncs (${syncs} full syncs + refreshes of ${process.env.BENCH_SYNC_COMPANIES ?? 2000} companies finished) | ${during.latency.p50} ms | ${during.latency.p90} ms | ${during.latency.p99} ms | ${during.latency.max} ms | ${ok(during)} | |`,
      );
    } finally {
      await server.stop();
    }
  }
}

const key = generateKey();
const loadBefore = loadavg()[0]!;
const startedAt = new Date();
const dir = await mkdtemp(join(tmpdir(), 'csm-bench-cards-'));
try {
  if (STORES.includes('pglite'))
    await bench('PGlite', () => openStore({ dataDir: dir, encryptionKey: key }), {
      BENCH_DATA_DIR: dir,
      BENCH_KEY: key,
      BENCH_SECRET: SECRET,
    });
} finally {
  await rm(dir, { recursive: true, force: true });
}
const url = STORES.includes('postgres') ? process.env.TEST_DATABASE_URL : undefined;
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
    await dropSchema(url, schema);
  }
}

const header = [
  '',
  `### Card throughput against a bare server, ${N.toLocaleString('en-US')} accounts (${startedAt.toISOString().slice(0, 10)})`,
  '',
  `Command: \`flock /tmp/bench.lock pnpm bench:cards ${N} ${SECONDS} ${STORES.join(',')}\`${url ? ' with TEST_DATABASE_URL' : ''} (Node ${process.version}, ${cpus().length} cores, started ${startedAt.toISOString().slice(11, 16)} UTC, load average ${loadBefore.toFixed(1)} at the start). Loopback; autocannon in the parent process, each server in a child process of its own.`,
];
if (!process.env.BENCH_DRY)
  await appendFile(new URL('../../BENCHMARKS.md', import.meta.url), `${[...header, ...lines].join('\n')}\n`);
