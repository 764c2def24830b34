/**
 * End-to-end harness: a sandbox served on loopback (real HTTP), a fresh store (PGlite or the
 * CI PostgreSQL), and the CLI's own functions wired to both, exactly as `csm` runs them.
 */

import { createSandbox } from '@csm/sandbox';
import { addTenant, type CliContext, loadConfig } from '@csm/server';
import type { Store } from '@csm/store';
import type { StoreBackend } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';

export type Sandbox = ReturnType<typeof createSandbox>;
export type SandboxOptions = NonNullable<Parameters<typeof createSandbox>[0]>;

export interface Harness {
  sandbox: Sandbox;
  ctx: CliContext;
  store: Store;
  tenantId: number;
  close(): Promise<void>;
}

const silent = createLogger({ level: 'silent' });

/** Serves a sandbox, opens a store and registers tenant `acme` against it. */
export async function startHarness(
  backend: StoreBackend,
  options: SandboxOptions,
  existing?: { sandbox: Sandbox; url?: string },
): Promise<Harness> {
  const sandbox = existing?.sandbox ?? createSandbox(options);
  const server = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const store = await backend.open();
  const ctx: CliContext = {
    config: loadConfig({}),
    store,
    logger: silent,
    endpoints: { hubspotBaseUrl: server.hubspotBaseUrl, zendeskBaseUrlTemplate: server.zendeskBaseUrl },
  };
  const c = sandbox.credentials;
  const tenant = await addTenant(ctx, {
    name: 'acme',
    hubspotToken: c.hubspotPrivateAppToken,
    zendeskSubdomain: c.zendeskSubdomain,
    zendeskEmail: c.zendeskEmail,
    zendeskToken: c.zendeskApiToken,
  });
  return {
    sandbox,
    ctx,
    store,
    tenantId: tenant.id,
    async close() {
      await store.close();
      await server.close();
    },
  };
}

/** A writable that swallows the progress output of a sync. */
export function quietOut(): NodeJS.WriteStream {
  const chunks: string[] = [];
  return {
    isTTY: false,
    write(chunk: string) {
      chunks.push(String(chunk));
      return true;
    },
    get text() {
      return chunks.join('');
    },
  } as unknown as NodeJS.WriteStream;
}

const KINDS = [
  'companies',
  'contacts',
  'deals',
  'tickets',
  'surveyResponses',
  'zendeskOrganizations',
  'zendeskUsers',
] as const;

/** Every stored record of a tenant, by kind: two stores hold the same data iff these are equal. */
export async function snapshot(store: Store, tenantId: number) {
  const out: Record<string, unknown[]> = {};
  for (const kind of KINDS) out[kind] = await store.readRecords(tenantId, kind);
  return out;
}
