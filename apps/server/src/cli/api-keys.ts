import type { ApiKeyInfo, CreatedApiKey, Store } from '@csm/store';
import { z } from 'zod';
import { requireTenant } from './context.ts';
import { CliError } from './fail.ts';

const keyName = z
  .string()
  .trim()
  .min(1, '--name: at least one character')
  .max(100, '--name: at most 100 characters')
  .optional();
const keyRef = z
  .string()
  .trim()
  .regex(
    /^(csm_live_)?[0-9a-f]{16}(_\S*)?$/,
    'key: csm_live_<16 hex digits> as `csm api-keys list` prints it',
  );

/**
 * `csm api-keys create --tenant <name> [--name <label>]`: a new ingestion API key. The key is
 * returned (and printed) once; the store keeps only its SHA-256.
 */
export async function createApiKey(store: Store, tenantName: string, name?: string): Promise<CreatedApiKey> {
  const parsed = keyName.safeParse(name);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '));
  const tenant = await requireTenant(store, tenantName);
  return store.apiKeys.create(tenant.id, parsed.data ?? null);
}

/** `csm api-keys list --tenant <name>`: the tenant's keys by prefix, never their secrets. */
export async function listApiKeys(store: Store, tenantName: string): Promise<ApiKeyInfo[]> {
  const tenant = await requireTenant(store, tenantName);
  return store.apiKeys.list(tenant.id);
}

/** `csm api-keys revoke <key> --tenant <name>`: requests with the key get 401 from now on. */
export async function revokeApiKey(store: Store, tenantName: string, key: string): Promise<void> {
  const parsed = keyRef.safeParse(key);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '));
  const tenant = await requireTenant(store, tenantName);
  if (!(await store.apiKeys.revoke(tenant.id, parsed.data)))
    throw new CliError(
      `tenant "${tenant.name}" has no API key ${parsed.data.split('_').slice(0, 3).join('_')}`,
    );
}

/** One line per key: prefix, state, name, created, last used. */
export function formatApiKeys(keys: readonly ApiKeyInfo[]): string {
  if (!keys.length) return 'no API keys; create one with: csm api-keys create --tenant <name>';
  return keys
    .map((k) =>
      [
        k.prefix,
        k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active',
        k.name ?? '-',
        `created ${k.createdAt.toISOString()}`,
        `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
      ].join('\t'),
    )
    .join('\n');
}

/** What `list --json` prints for a key. */
export const apiKeyJson = (k: ApiKeyInfo) => ({
  prefix: k.prefix,
  name: k.name,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});
