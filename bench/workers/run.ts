/**
 * bench/workers: sync throughput of production mode with 1, 2 and 4 `csm worker` processes
 * (2 jobs each) over 20 small tenants on PostgreSQL. Each round: a fresh schema, the 20 tenants
 * registered, a full sync of each enqueued, the time until the queue is empty.
 *
 *   pnpm bench:workers [--tenants 20] [--companies 30] [--workers 1,2,4]
 *
 * Appends a section to BENCHMARKS.md.
 */

import { type ChildProcess, fork } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { SandboxCredentials } from '@csm/sandbox';
import { JobQueue } from '@csm/server';
import { generateKey, openStore } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import type { ApiEndpoints } from '@csm/sync';
import { sandboxTenantCredentials } from '../lib/sandbox-credentials.ts';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '20' },
    companies: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1,2,4' },
  },
});
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tenants = Number(values.tenants);
const companies = Number(values.companies);

const sandboxes = fork(
  new URL('./sandboxes-child.ts', import.meta.url),
  [String(tenants), String(companies)],
  {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  },
);
const portals = await new Promise<{ credentials: SandboxCredentials; endpoints: ApiEndpoints }[]>((resolve) =>
  sandboxes.once('message', (m) => resolve(m as never)),
);

async function round(workerCount: number) {
  const id = `${Date.now()}`;
  const schema = `bench_w_${id}`;
  const queueSchema = `bench_q_${id}`;
  const key = generateKey();
  const store = await openStore({ databaseUrl: url, schema, encryptionKey: key });
  const endpoints: Record<string, ApiEndpoints> = {};
  for (const [i, p] of portals.entries()) {
    const c = p.credentials;
    const t = await store.tenants.upsert({
      name: `t${i}`,
      hubspotPortalId: c.hubspotPortalId,
      credentials: sandboxTenantCredentials(c),
    });
    endpoints[String(t.id)] = p.endpoints;
  }
  const queue = await new JobQueue({ databaseUrl: url, schema: queueSchema, syncIntervalMinutes: 0 }).start();
  const children: ChildProcess[] = [];
  for (let w = 0; w < workerCount; w++) {
    const child = fork(
      new URL('./worker-child.ts', import.meta.url),
      [JSON.stringify({ databaseUrl: url, schema, queueSchema, key, endpoints })],
      { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    await new Promise((r) => child.once('message', r));
    children.push(child);
  }
  const started = performance.now();
  for (const tenantId of Object.keys(endpoints))
    await queue.sendSync({ tenantId: Number(tenantId), full: true, reason: 'bench' });
  for (;;) {
    const sizes = await queue.sizes();
    if (Object.values(sizes).every((s) => s.queued + s.active === 0)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  const [row] = await store.db.query<{ ok: string; records: string }>(
    `SELECT count(*) FILTER (WHERE status = 'succeeded') AS ok,
            coalesce(sum((SELECT sum((s->>'records')::bigint) FROM jsonb_array_elements(stats->'streams') s)), 0) AS records
     FROM sync_runs`,
  );
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  await queue.stop({ graceful: false });
  await store.close();
  await dropSchema(url, schema);
  await dropSchema(url, queueSchema);
  return { workerCount, seconds, succeeded: Number(row?.ok ?? 0), records: Number(row?.records ?? 0) };
}

const loadBefore = loadavg()[0]!;
const results = [];
for (const w of values.workers!.split(',').map(Number)) {
  console.error(`${w} worker(s)…`);
  results.push(await round(w));
}
sandboxes.disconnect();

const command = `pnpm bench:workers --tenants ${tenants} --companies ${companies} --workers ${values.workers}`;
const lines = [
  '',
  `### Sync throughput with 1, 2 and 4 workers, ${tenants} tenants of ${companies} companies (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Command: \`${command}\` (Node ${process.version}, ${cpus().length} cores, PostgreSQL on the same machine). Each worker is a process running 2 jobs at once; the sandboxes (rate limits lifted, our budgets lifted to match) run in another process. Time from enqueueing a full sync of every tenant (each with its after-sync steps: statistics, refresh, write-back, playbooks) to an empty queue.`,
  `Load average when it started: ${loadBefore.toFixed(1)} (on ${cpus().length} cores). Above the core count, the workers compete with other processes for CPU and the figures say little about scaling.`,
  '',
  '| workers | wall time | tenants / min | source runs succeeded | records | records / s |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.workerCount} | ${r.seconds.toFixed(1)} s | ${((tenants / r.seconds) * 60).toFixed(1)} | ${r.succeeded} | ${r.records} | ${Math.round(r.records / r.seconds)} |`,
  ),
  '',
];
console.log(lines.join('\n'));
if (!process.env.BENCH_DRY)
  await appendFile(new URL('../../BENCHMARKS.md', import.meta.url), lines.join('\n'));
