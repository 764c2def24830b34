/**
 * bench/tenants: per-tenant cost. Tenants of the given sizes (HubSpot and Zendesk ids overlapping)
 * synced one after another into one store, each in a store handle of its own as `csm sync`
 * processes would: the sync, the planner-statistics step and the refresh of each, timed. A tenant
 * should cost the same whatever the tenants before it hold.
 *
 *   pnpm bench:tenants [--sizes 150,150,150] [--backend postgres|pglite]
 *
 * Appends a section to BENCHMARKS.md.
 */

import { appendFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { refreshAccounts } from '@csm/accounts';
import { createSandbox } from '@csm/sandbox';
import { generateKey, openStore, type Store } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import { createLogger, syncTenant } from '@csm/sync';
import { sandboxTenantCredentials } from '../lib/sandbox-credentials.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '150,150,150' },
    backend: { type: 'string', default: 'postgres' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_tenants_${Date.now()}`;
const key = generateKey();
const logger = createLogger({ level: 'silent' });
const open = () =>
  values.backend === 'pglite'
    ? openStore({ encryptionKey: key })
    : openStore({ databaseUrl: url, schema, encryptionKey: key });

const load = loadavg()[0]!;
const rows: string[] = [];
let store: Store = await open();
for (const [i, companies] of sizes.entries()) {
  if (i > 0 && values.backend !== 'pglite') {
    await store.close();
    store = await open();
  }
  const sandbox = createSandbox({ seed: 300 + i, companies, rateLimits: false });
  const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const c = sandbox.credentials;
  const tenant = await store.tenants.upsert({
    name: `t${i}`,
    hubspotPortalId: c.hubspotPortalId,
    credentials: sandboxTenantCredentials(c),
  });
  const t0 = performance.now();
  const result = await syncTenant({
    store,
    tenant,
    full: true,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
    budgetScale: 1000,
    logger,
  });
  const t1 = performance.now();
  const analyzed = await store.statistics.refresh(tenant.id);
  const t2 = performance.now();
  const { accounts } = await refreshAccounts({ store, tenantId: tenant.id });
  const t3 = performance.now();
  await server.close();
  if (!result.ok) throw new Error(`sync of t${i} failed`);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  rows.push(
    `| ${i + 1} | ${companies} | ${s(t1 - t0)} | ${s(t2 - t1)} (${analyzed.length} tables) | ${s(t3 - t2)} | ${accounts} |`,
  );
  console.error(rows.at(-1));
}
await store.close();
if (values.backend !== 'pglite') {
  await dropSchema(url, schema);
}

const lines = [
  '',
  `### Per-tenant cost: tenants of ${sizes.join(', ')} companies one after another, ${values.backend} (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Command: \`pnpm bench:tenants --sizes ${values.sizes} --backend ${values.backend}\` (Node ${process.version}, ${cpus().length} cores, load average ${load.toFixed(1)} at the start). Ids overlap across tenants; on PostgreSQL each tenant gets a new store handle, as separate \`csm sync\` runs would. Measured before the per-tenant statistics with the same scenario (other seeds; refreshes read with estimates of one or two rows): 0.3 s, 2.6 s and 49 s for the three refreshes of 150 companies on PostgreSQL.`,
  '',
  '| tenant | companies | sync | statistics | refresh | accounts |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
];
console.log(lines.join('\n'));
await appendFile(new URL('../../BENCHMARKS.md', import.meta.url), lines.join('\n'));
