/**
 * bench/sync: a full sync of a large sandbox into PGlite and into PostgreSQL.
 *
 *   pnpm bench:sync [--companies 100000] [--backend pglite|postgres|both]
 *
 * Reports (a) API efficiency: the fewest requests the endpoints' page sizes allow / requests
 * made; (b) records ingested per second and CPU microseconds per record of the syncing process;
 * (c) its peak resident memory. The sandbox runs in a child process with its rate limits lifted
 * (and our client budgets lifted to match), so that the numbers measure our side, not the limits.
 * Appends a section to BENCHMARKS.md.
 */

import { fork } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SandboxCredentials, SeedSummary } from '@csm/sandbox';
import { generateKey, openStore, type Store } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import { createLogger, syncTenant } from '@csm/sync';
import { sandboxTenantCredentials } from '../lib/sandbox-credentials.ts';

const { values } = parseArgs({
  options: { companies: { type: 'string', default: '100000' }, backend: { type: 'string', default: 'both' } },
});
const companies = Number(values.companies);

interface ChildReady {
  server: { hubspotBaseUrl: string; zendeskBaseUrl: string };
  credentials: SandboxCredentials;
  summary: SeedSummary;
  seededMs: number;
}

const child = fork(new URL('./sandbox-child.ts', import.meta.url), [String(companies)], {
  execArgv: ['--import', 'tsx'],
  stdio: 'inherit',
});
const ready = await new Promise<ChildReady>((resolve, reject) => {
  child.once('message', (m) => resolve(m as ChildReady));
  child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});
const s = ready.summary;
console.error(`sandbox: ${companies} companies seeded in ${(ready.seededMs / 1000).toFixed(1)} s`);

// The fewest requests the documented page sizes allow for a full read of each stream, plus the
// one account-details read a whole sync starts with (the portal's company currency).
const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
const minimalRequests =
  1 +
  pages(s.companies, 100) +
  pages(s.contacts, 100) +
  pages(s.deals, 100) +
  pages(s.hubspotTickets, 100) +
  pages(s.feedbackSubmissions, 100) +
  pages(s.organizations, 1000) +
  pages(s.users, 1000) +
  pages(s.tickets, 1000) +
  pages(s.satisfactionRatings, 100);

async function withBackend(name: string, fn: (store: Store) => Promise<void>) {
  const key = generateKey();
  if (name === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'csm-bench-'));
    const store = await openStore({ dataDir: dir, encryptionKey: key });
    try {
      await fn(store);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
    return;
  }
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${Date.now()}`;
  const store = await openStore({ databaseUrl: url, schema, encryptionKey: key });
  try {
    await fn(store);
  } finally {
    await store.close();
    await dropSchema(url, schema);
  }
}

interface Result {
  backend: string;
  seconds: number;
  records: number;
  requests: number;
  cpuUs: number;
  peakRssMb: number;
}

async function bench(backend: string): Promise<Result> {
  let result!: Result;
  await withBackend(backend, async (store) => {
    const c = ready.credentials;
    const tenant = await store.tenants.upsert({
      name: 'bench',
      hubspotPortalId: c.hubspotPortalId,
      credentials: sandboxTenantCredentials(c),
    });
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const cpu = process.cpuUsage();
    const started = performance.now();
    let lastLog = 0;
    const sync = await syncTenant({
      store,
      tenant,
      full: true,
      endpoints: {
        hubspotBaseUrl: ready.server.hubspotBaseUrl,
        zendeskBaseUrlTemplate: ready.server.zendeskBaseUrl,
      },
      budgetScale: 1000,
      logger: createLogger({ level: 'silent' }),
      onProgress: (source, p) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          console.error(`  ${backend} ${source} ${p.stream}: ${p.records} records`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    if (!sync.ok) throw new Error(`sync failed: ${sync.sources.map((x) => x.error).join('; ')}`);
    const records = sync.sources.flatMap((x) => x.streams).reduce((n, p) => n + p.records + p.quarantined, 0);
    const requests = sync.sources.reduce((n, x) => n + x.requests.requests, 0);
    result = {
      backend,
      seconds,
      records,
      requests,
      cpuUs: used.user + used.system,
      peakRssMb: peak / 2 ** 20,
    };
  });
  return result;
}

const backends = values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend!];
const results: Result[] = [];
for (const b of backends) {
  console.error(`syncing into ${b}...`);
  results.push(await bench(b));
}
child.disconnect();

const command = `pnpm bench:sync --companies ${companies} --backend ${values.backend}`;
const lines = [
  '',
  `### Full sync, ${companies.toLocaleString('en-US')} companies (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Command: \`${command}\` (Node ${process.version}, ${(await import('node:os')).cpus().length} cores). Sandbox in a child process, rate limits lifted on both sides.`,
  `Sandbox: ${s.companies} companies, ${s.contacts} contacts, ${s.deals} deals, ${s.feedbackSubmissions} feedback submissions, ${s.hubspotTickets} HubSpot tickets, ${s.organizations} organizations, ${s.users} users, ${s.tickets} tickets, ${s.satisfactionRatings} satisfaction ratings.`,
  '',
  '| store | records | requests (minimal / made = efficiency) | wall time | records / s | CPU µs / record | peak RSS |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.backend} | ${r.records} | ${minimalRequests} / ${r.requests} = ${(minimalRequests / r.requests).toFixed(3)} | ${r.seconds.toFixed(1)} s | ${Math.round(r.records / r.seconds)} | ${(r.cpuUs / r.records).toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB |`,
  ),
  '',
];
console.log(lines.join('\n'));
await appendFile(new URL('../../BENCHMARKS.md', import.meta.url), lines.join('\n'));
