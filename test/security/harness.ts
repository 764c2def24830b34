/**
 * The bad-input suite's harness: two tenants whose HubSpot and Zendesk ids overlap, the real app
 * over one store (PGlite, or PostgreSQL when TEST_DATABASE_URL is set) answering in process, a
 * fingerprint of every stored row, and a table-driven runner that checks each case's status and
 * that the fingerprint did not move.
 *
 * Signatures are computed here from the vendors' documented algorithms, not with the server's
 * own helpers: HubSpot v3 = base64(HMAC-SHA256(client secret, method + URI + body + timestamp)),
 * Zendesk = base64(HMAC-SHA256(signing secret, timestamp + body)).
 */
import { createHmac } from 'node:crypto';
import { createSandbox, type ListeningSandbox } from '@csm/sandbox';
import { TEST_CLIENT_SECRET, TEST_PUBLIC_URL, testApp } from '@csm/server/test-utils';
import type { Store, Tenant } from '@csm/store';
import {
  aCompany,
  aContact,
  aDeal,
  aZendeskOrganization,
  aZendeskUser,
  type StoreBackend,
} from '@csm/store/test-utils';
import { expect, it } from 'vitest';

export const ADMIN_PASSWORD = 'security-suite-admin-password';
export const ZENDESK_SECRET = 'acme-zendesk-signing-secret-0123456789';
/** Where the app thinks it is; requests arrive at its internal address. */
export const INTERNAL = 'http://127.0.0.1:3000';

/** One bad request and the status it must get; nothing it does may change what is stored. */
export interface Case {
  name: string;
  request: () => Request;
  status: number;
  /** Further checks of the answer (its body names the field, ...). */
  check?: (response: Response) => Promise<void> | void;
}

export interface World {
  store: Store;
  app: ReturnType<typeof testApp>['app'];
  deps: ReturnType<typeof testApp>['deps'];
  acme: Tenant;
  other: Tenant;
  keys: { acme: string; other: string; revoked: string };
  appTokens: { acme: string; other: string };
  close(): Promise<void>;
}

const credentials = (name: string) => ({
  hubspot: { kind: 'private-app' as const, token: `pat-${name}` },
  zendesk: { kind: 'api-token' as const, subdomain: name, email: `admin@${name}.test`, token: `zd-${name}` },
});

/**
 * Two tenants, acme (portal 7) and other (portal 8), with the same HubSpot company, contact and
 * deal ids and the same Zendesk organization and user ids, plus records only one of them has
 * (company 77 is acme's, 99 is other's; organization 360099 is other's). Their API calls go to a
 * sandbox that refuses their tokens, so that the syncs webhooks start fail at once.
 */
export async function openWorld(backend: StoreBackend, env: Record<string, string> = {}): Promise<World> {
  const sandbox = createSandbox({ seed: 3, companies: 1, rateLimits: false });
  const api: ListeningSandbox = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const store = await backend.open();
  const acme = await store.tenants.upsert({
    name: 'acme',
    hubspotPortalId: 7,
    zendeskSubdomain: 'acme',
    credentials: credentials('acme'),
  });
  const other = await store.tenants.upsert({
    name: 'other',
    hubspotPortalId: 8,
    zendeskSubdomain: 'other',
    credentials: credentials('other'),
  });
  for (const [tenant, only] of [
    [acme, '77'],
    [other, '99'],
  ] as const) {
    const write = (kind: Parameters<Store['writePage']>[0]['kind'], records: unknown[]) =>
      store.writePage({ tenantId: tenant.id, stream: 'seed', kind, records } as Parameters<
        Store['writePage']
      >[0]);
    await write('companies', [
      aCompany('42', { name: `${tenant.name} 42`, domain: `${tenant.name}.test` }),
      aCompany('43', { name: `${tenant.name} 43` }),
      aCompany(only, { name: `${tenant.name} only` }),
    ]);
    await write('contacts', [aContact('601', { email: `ann@${tenant.name}.test`, primaryCompanyId: '42' })]);
    await write('deals', [aDeal('501', { companyId: '42', mrr: 100, isClosedWon: true })]);
    await write('zendeskOrganizations', [
      aZendeskOrganization('360001', { name: `${tenant.name} org`, domainNames: [`${tenant.name}.test`] }),
      ...(tenant === other ? [aZendeskOrganization('360099', { name: 'other only' })] : []),
    ]);
    await write('zendeskUsers', [
      aZendeskUser('9001', { organizationId: '360001', email: `ann@${tenant.name}.test` }),
    ]);
  }
  await store.webhooks.setZendeskSecret(acme.id, ZENDESK_SECRET);
  const keys = {
    acme: (await store.apiKeys.create(acme.id, 'acme')).key,
    other: (await store.apiKeys.create(other.id, 'other')).key,
    revoked: (await store.apiKeys.create(acme.id, 'revoked')).key,
  };
  await store.apiKeys.revoke(acme.id, keys.revoked);
  const appTokens = {
    acme: (await store.tenants.zendeskAppToken('acme'))!,
    other: (await store.tenants.zendeskAppToken('other'))!,
  };
  const { app, deps } = testApp(store, {
    env: {
      CSM_ADMIN_TOKEN: ADMIN_PASSWORD,
      HUBSPOT_API_BASE_URL: api.hubspotBaseUrl,
      ZENDESK_API_BASE_URL: api.zendeskBaseUrl,
      SYNC_INTERVAL_MINUTES: '0',
      ...env,
    },
  });
  return {
    store,
    app,
    deps,
    acme,
    other,
    keys,
    appTokens,
    async close() {
      await deps.scheduler.close();
      await store.close();
      await api.close();
      await backend.cleanup();
    },
  };
}

/**
 * A fingerprint of every stored row: one md5 per table of the store's schema, in one statement.
 * `api_keys.last_used_at` is left out: it records that a valid key was presented, not data.
 */
export async function fingerprint(store: Store): Promise<Record<string, string>> {
  const tables = await store.db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = tables.map(({ name }) => {
    const source =
      name === 'api_keys'
        ? '(SELECT key_id, tenant_id, secret_hash, name, created_at, revoked_at FROM api_keys)'
        : `"${name}"`;
    return `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM ${source} t`;
  });
  const rows = await store.db.query<{ name: string; hash: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

/** Waits until what background work started (refreshes, failed syncs) has stopped writing. */
export async function settled(world: World): Promise<void> {
  await world.deps.scheduler.idle();
  let last = await fingerprint(world.store);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await fingerprint(world.store);
    if (JSON.stringify(now) === JSON.stringify(last)) return;
    last = now;
  }
  throw new Error('stored data kept changing');
}

/**
 * Declares one test per case: the status, the case's own checks, and an unchanged fingerprint.
 * Call inside a `describe` whose `beforeAll` opened the world.
 */
export function runCases(
  getWorld: () => World,
  cases: readonly Case[],
  /** Where each request goes: the app in process by default, or a running server. */
  deliver: (request: Request) => Response | Promise<Response> = (request) => getWorld().app.request(request),
): void {
  let baseline: Record<string, string> | undefined;
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const world = getWorld();
    baseline ??= await fingerprint(world.store);
    const response = await deliver(c.request());
    const after = await fingerprint(world.store);
    const before = baseline;
    // A case that wrote fails alone: the next ones compare against what is there now.
    baseline = after;
    expect(response.status, await response.clone().text()).toBe(c.status);
    await c.check?.(response);
    expect(after, 'stored data changed').toEqual(before);
  });
}

/** Cases from a list of inputs: one case per input, named `${label}: ${input}`. */
export const each = <T>(
  label: string,
  inputs: readonly T[],
  make: (input: T) => Omit<Case, 'name'>,
): Case[] =>
  inputs.map((input) => ({
    name: `${label}: ${typeof input === 'string' ? input.slice(0, 60) : JSON.stringify(input).slice(0, 60)}`,
    ...make(input),
  }));

// --- signing, as the vendors document it ---

/** `X-HubSpot-Signature-v3`: base64 HMAC-SHA256 over method + URI + body + timestamp. */
export function hubspotV3(
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
): string {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

/** A request as HubSpot sends it to PUBLIC_URL (it arrives at the internal address). */
export function hubspotRequest(
  method: string,
  pathAndQuery: string,
  options: {
    body?: string;
    secret?: string;
    at?: number;
    /** Sign another method, path or body than the one sent (tampering). */
    signed?: { method?: string; pathAndQuery?: string; body?: string };
    headers?: Record<string, string>;
    timestamp?: string;
    signature?: string | null;
  } = {},
): Request {
  const body = options.body ?? '';
  const timestamp = options.timestamp ?? String(options.at ?? Date.now());
  const signature =
    options.signature === null
      ? undefined
      : (options.signature ??
        hubspotV3(
          options.secret ?? TEST_CLIENT_SECRET,
          options.signed?.method ?? method,
          `${TEST_PUBLIC_URL}${options.signed?.pathAndQuery ?? pathAndQuery}`,
          options.signed?.body ?? body,
          timestamp,
        ));
  return new Request(`${INTERNAL}${pathAndQuery}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(signature ? { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp } : {}),
      ...options.headers,
    },
    ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  });
}

/** `X-Zendesk-Webhook-Signature`: base64 HMAC-SHA256 over timestamp + body. */
export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}${body}`).digest('base64');
}

/** An ISO time without milliseconds, as Zendesk sends `X-Zendesk-Webhook-Signature-Timestamp`. */
export const zendeskTime = (at = Date.now()) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A request with a JSON (or any) body. */
export function send(
  method: string,
  path: string,
  options: { body?: string | Uint8Array; type?: string | null; headers?: Record<string, string> } = {},
): Request {
  const type = options.type === undefined ? 'application/json' : options.type;
  return new Request(`${INTERNAL}${path}`, {
    method,
    headers: { ...(type && options.body !== undefined ? { 'content-type': type } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
}

/** Strings that have broken parsers and queries elsewhere; each must be refused or harmless. */
export const injections = [
  "42' OR '1'='1",
  '42; DROP TABLE companies; --',
  '42) UNION SELECT * FROM tenants --',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, meant literally.
  '${7*7}',
  '{{7*7}}',
  '\u0000',
  '42\n43',
];

/** Ids past what HubSpot or Zendesk hand out, or not ids at all. */
export const badIds = [
  '0',
  '-1',
  '9223372036854775808',
  '99999999999999999999',
  '1e3',
  '0x2a',
  '42.0',
  ' 42',
  '١٢',
  ...injections,
];
