/**
 * Another tenant syncing while the benchmark reads cards: a sandbox of its own (rate limits
 * lifted) and, in a loop until SIGTERM, a full sync of both sources followed by the refresh of
 * every card, on the same database. Prints `READY` once the first sync has started and
 * `DONE <syncs>` when stopped.
 */

import { refreshAccounts } from '@csm/accounts';
import { createSandbox } from '@csm/sandbox';
import { openStore } from '@csm/store';
import { createLogger, syncTenant } from '@csm/sync';
import { sandboxTenantCredentials } from '../lib/sandbox-credentials.ts';

const companies = Number(process.env.BENCH_SYNC_COMPANIES ?? 2000);
const sandbox = createSandbox({ seed: 7, companies, rateLimits: false });
const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
const store = await openStore({
  databaseUrl: process.env.BENCH_DATABASE_URL!,
  schema: process.env.BENCH_SCHEMA!,
  encryptionKey: process.env.BENCH_KEY!,
});
const c = sandbox.credentials;
const tenant = await store.tenants.upsert({
  name: 'syncing',
  hubspotPortalId: c.hubspotPortalId,
  credentials: sandboxTenantCredentials(c),
});
let stopping = false;
let syncs = 0;
process.on('SIGTERM', () => {
  stopping = true;
});
process.stdout.write('READY\n');
while (!stopping) {
  const result = await syncTenant({
    store,
    tenant,
    full: true,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
    budgetScale: 1000,
    logger: createLogger({ level: 'silent' }),
  });
  if (!result.ok) throw new Error('the sync failed');
  await refreshAccounts({ store, tenantId: tenant.id });
  syncs++;
}
process.stdout.write(`DONE ${syncs}\n`);
await store.close();
await server.close();
process.exit(0);
