/**
 * bench/refresh webhook-to-card: how long after HubSpot tells us a company changed its card shows
 * the new figure. The sandbox (N companies, a process of its own) is synced into an embedded
 * store and every card computed; then the real server runs in a child process and, C times, one
 * company's `notes_last_contacted` (its last call or meeting: the card's last touch) changes in
 * the sandbox through HubSpot's API, a signed `company.propertyChange` webhook is delivered to the
 * server, and the company's signed card is polled until its last touch is the new one. The time
 * covers the webhook's answer, the incremental sync it queues, the after-sync refresh (touched
 * accounts only) and the card read. Run: `pnpm bench:webhook-card [companies=10000] [changes=50]
 * [pglite|postgres]` (postgres: TEST_DATABASE_URL, in a schema of its own that is dropped after).
 */

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshAccounts } from '@csm/accounts';
import type { SandboxCredentials } from '@csm/sandbox';
import { hubspotSignatureV3 } from '@csm/server';
import { generateKey, openStore } from '@csm/store';
import { dropSchema } from '@csm/store/test-utils';
import { createLogger, syncTenant } from '@csm/sync';
import { sandboxTenantCredentials } from '../lib/sandbox-credentials.ts';

const N = Number(process.argv[2] ?? 10_000);
const CHANGES = Number(process.argv[3] ?? 50);
const SECRET = 'bench-webhook-secret';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);
const BACKEND = process.argv[4] === 'postgres' ? 'postgres' : 'pglite';
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_webhook_${process.pid}`;

interface Ready {
  server: { hubspotBaseUrl: string; zendeskBaseUrl: string };
  credentials: SandboxCredentials;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function startServerChild(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./server-child.ts', import.meta.url))],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const load = loadavg()[0]!.toFixed(1);
const sandbox = fork(fileURLToPath(new URL('../sync/sandbox-child.ts', import.meta.url)), [String(N)], {
  execArgv: ['--import', 'tsx'],
  stdio: 'inherit',
});
const ready = await new Promise<Ready>((resolve) => sandbox.once('message', (m) => resolve(m as Ready)));
const c = ready.credentials;
const dir = await mkdtemp(join(tmpdir(), 'csm-bench-webhook-'));
const key = generateKey();
let server: { url: string; child: ChildProcess } | undefined;
try {
  const t0 = performance.now();
  const where = BACKEND === 'postgres' ? { databaseUrl: DATABASE_URL, schema: SCHEMA } : { dataDir: dir };
  const store = await openStore({ ...where, encryptionKey: key });
  const tenant = await store.tenants.upsert({
    name: 'bench',
    hubspotPortalId: c.hubspotPortalId,
    credentials: sandboxTenantCredentials(c),
  });
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
  });
  if (!sync.ok) throw new Error(`sync failed: ${sync.sources.map((s) => s.error).join('; ')}`);
  const synced = performance.now() - t0;
  await store.statistics.refresh(tenant.id);
  const first = await refreshAccounts({ store, tenantId: tenant.id });
  const ids = (
    await store.db.query<{ id: string }>(
      'SELECT hubspot_company_id AS id FROM companies WHERE tenant_id = $1',
      [tenant.id],
    )
  ).map((r) => r.id);
  await store.close();
  console.error(
    `  synced ${ids.length} companies in ${(synced / 1000).toFixed(0)} s, ${first.accounts} cards`,
  );

  const port = await freePort();
  server = await startServerChild({
    ...(BACKEND === 'postgres' ? { BENCH_DATABASE_URL: DATABASE_URL, BENCH_SCHEMA: SCHEMA } : {}),
    BENCH_DATA_DIR: dir,
    BENCH_KEY: key,
    BENCH_PORT: String(port),
    BENCH_SECRET: SECRET,
    BENCH_HUBSPOT_URL: ready.server.hubspotBaseUrl,
    BENCH_ZENDESK_URL: ready.server.zendeskBaseUrl,
  });
  const base = server.url;
  const signed = (method: string, path: string, body = '') => {
    const ts = String(Date.now());
    return {
      'x-hubspot-request-timestamp': ts,
      'x-hubspot-signature-v3': hubspotSignatureV3(SECRET, method, `${base}${path}`, body, ts),
      ...(body ? { 'content-type': 'application/json' } : {}),
    };
  };
  const lastTouch = async (companyId: string) => {
    const path = `/cards/hubspot/companies/${companyId}?portalId=${c.hubspotPortalId}&userId=1&appId=1`;
    // A connection the server closed while its event loop was busy: ask again, as a client would.
    const res = await fetch(`${base}${path}`, { headers: signed('GET', path) }).catch(() => null);
    if (!res) return null;
    if (!res.ok) return null;
    const { card } = (await res.json()) as { card?: { lastTouch?: { at: string | null } } };
    if (process.env.BENCH_DEBUG) console.error(JSON.stringify(card?.lastTouch));
    return card?.lastTouch?.at ? Date.parse(card.lastTouch.at) : null;
  };

  const latencies: number[] = [];
  for (let k = 0; k < CHANGES; k++) {
    const companyId = ids[(k * 7919) % ids.length]!;
    // Whole seconds, later than anything seeded: the card's last touch becomes exactly this.
    const at = Math.floor(Date.now() / 1000) * 1000 - k * 1000;
    const update = await fetch(`${ready.server.hubspotBaseUrl}/crm/v3/objects/companies/batch/update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.hubspotPrivateAppToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        inputs: [{ id: companyId, properties: { notes_last_contacted: new Date(at).toISOString() } }],
      }),
    });
    if (!update.ok) throw new Error(`sandbox update: ${update.status} ${await update.text()}`);
    const body = JSON.stringify([
      {
        eventId: 1_000_000 + k,
        subscriptionId: 1,
        portalId: c.hubspotPortalId,
        appId: 1,
        occurredAt: Date.now(),
        subscriptionType: 'company.propertyChange',
        attemptNumber: 0,
        objectId: Number(companyId),
        propertyName: 'notes_last_contacted',
        propertyValue: String(at),
        changeSource: 'CRM_UI',
      },
    ]);
    const started = performance.now();
    const hook = await fetch(`${base}/webhooks/hubspot`, {
      method: 'POST',
      body,
      headers: signed('POST', '/webhooks/hubspot', body),
    });
    if (!hook.ok) throw new Error(`webhook: ${hook.status} ${await hook.text()}`);
    while ((await lastTouch(companyId)) !== at) {
      if (performance.now() - started > TIMEOUT_MS)
        throw new Error(`card of ${companyId} never showed the change`);
      await new Promise((r) => setTimeout(r, 25));
    }
    latencies.push(performance.now() - started);
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`Node ${process.version}, load average ${load} at start, ${new Date().toISOString()}`);
  console.log('| store | accounts | changes | p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ${BACKEND === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'} | ${ids.length.toLocaleString('en-US')} | ${CHANGES} | ${s(percentile(latencies, 50))} | ${s(percentile(latencies, 95))} | ${s(Math.max(...latencies))} |`,
  );
} finally {
  if (server) {
    const child = server.child;
    await new Promise<void>((r) => {
      child.on('exit', () => r());
      child.kill('SIGTERM');
    });
  }
  sandbox.disconnect();
  await rm(dir, { recursive: true, force: true });
  if (BACKEND === 'postgres') {
    await dropSchema(DATABASE_URL, SCHEMA);
  }
}
