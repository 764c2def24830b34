import { randomBytes } from 'node:crypto';
import { constantTimeEqual, sha256 } from './crypto.ts';
import type { Db } from './db.ts';

/*
 * Per-tenant API keys for the ingestion API. A key reads `csm_live_<id>_<secret>`: the id (16 hex
 * digits) finds the row, the secret (32 random bytes, base64url) proves possession. Only the
 * SHA-256 of the whole key is stored: the secret has 256 bits of entropy, so a slow hash (scrypt)
 * would add latency without adding safety. The hash is compared in constant time.
 */

/** What every key starts with, so that secret scanners (and people) recognise one. */
export const API_KEY_PREFIX = 'csm_live_';
const keyPattern = /^csm_live_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A key as listed: never the secret. */
export interface ApiKeyInfo {
  /** `csm_live_<id>`: how the key is named in lists and in `revoke`. */
  prefix: string;
  id: string;
  tenantId: number;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A key just created: `key` is shown once and never stored. */
export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}

interface Row {
  key_id: string;
  tenant_id: string | number;
  name: string | null;
  created_at: string | Date;
  last_used_at: string | Date | null;
  revoked_at: string | Date | null;
}

const toInfo = (r: Row): ApiKeyInfo => ({
  prefix: `${API_KEY_PREFIX}${r.key_id}`,
  id: r.key_id,
  tenantId: Number(r.tenant_id),
  name: r.name,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
});

/** `csm_live_<id>` or the bare id, as the id; null when it is neither. */
function idOf(prefixOrId: string): string | null {
  const id = prefixOrId.startsWith(API_KEY_PREFIX) ? prefixOrId.slice(API_KEY_PREFIX.length) : prefixOrId;
  const bare = id.split('_')[0] ?? '';
  return /^[0-9a-f]{16}$/.test(bare) ? bare : null;
}

const columns = 'key_id, tenant_id, name, created_at, last_used_at, revoked_at';

/**
 * The tenant's API keys.
 *
 * @example
 * const { key } = await store.apiKeys.create(tenant.id, 'delighted export');
 * const auth = await store.apiKeys.verify(key); // { tenantId, keyId } or null
 */
export function apiKeysApi(db: Db) {
  return {
    /** A new key for the tenant; the returned `key` is the only copy of its secret. */
    async create(tenantId: number, name: string | null = null): Promise<CreatedApiKey> {
      const id = randomBytes(8).toString('hex');
      const key = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
      const [row] = await db.query<Row>(
        `INSERT INTO api_keys (key_id, tenant_id, secret_hash, name) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
        [id, tenantId, sha256(key), name],
      );
      return { ...toInfo(row as Row), key };
    },

    /** The tenant's keys, oldest first, revoked ones included. */
    async list(tenantId: number): Promise<ApiKeyInfo[]> {
      const rows = await db.query<Row>(
        `SELECT ${columns} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, key_id`,
        [tenantId],
      );
      return rows.map(toInfo);
    },

    /**
     * Revokes one of the tenant's keys (by `csm_live_<id>`, the id, or the whole key). False when
     * the tenant has no such key; revoking twice keeps the first revocation time.
     */
    async revoke(tenantId: number, prefixOrId: string): Promise<boolean> {
      const id = idOf(prefixOrId);
      if (!id) return false;
      const rows = await db.query(
        `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
         WHERE tenant_id = $1 AND key_id = $2 RETURNING key_id`,
        [tenantId, id],
      );
      return rows.length > 0;
    },

    /**
     * The tenant a presented key belongs to, or null when it is malformed, unknown, revoked or
     * wrong. Marks the key as used (at most once a minute, to keep reads cheap).
     */
    async verify(presented: string): Promise<{ tenantId: number; keyId: string } | null> {
      const match = keyPattern.exec(presented);
      if (!match) return null;
      const id = match[1] as string;
      const [row] = await db.query<{ tenant_id: string | number; secret_hash: string; revoked_at: unknown }>(
        'SELECT tenant_id, secret_hash, revoked_at FROM api_keys WHERE key_id = $1',
        [id],
      );
      if (!row || !constantTimeEqual(row.secret_hash, sha256(presented)) || row.revoked_at !== null)
        return null;
      await db.query(
        `UPDATE api_keys SET last_used_at = now()
         WHERE key_id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [id],
      );
      return { tenantId: Number(row.tenant_id), keyId: id };
    },
  };
}
export type ApiKeysApi = ReturnType<typeof apiKeysApi>;
