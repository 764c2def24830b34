import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual, decrypt, encrypt, sha256 } from './crypto.ts';
import type { Db } from './db.ts';

export const tenantCredentials = z.object({
  hubspot: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('private-app'), token: z.string().min(1) }),
    z.object({
      kind: z.literal('oauth'),
      accessToken: z.string().min(1),
      refreshToken: z.string(),
      expiresAt: z.string(),
    }),
  ]),
  zendesk: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('api-token'),
        subdomain: z.string().min(1),
        email: z.string().min(1),
        token: z.string().min(1),
      }),
      z.object({
        kind: z.literal('oauth'),
        subdomain: z.string().min(1),
        accessToken: z.string().min(1),
        refreshToken: z.string().optional(),
        expiresAt: z.string().optional(),
      }),
    ])
    .optional(),
});
export type TenantCredentials = z.infer<typeof tenantCredentials>;

export interface Tenant {
  id: number;
  name: string;
  hubspotPortalId: number | null;
  zendeskSubdomain: string | null;
  status: 'active' | 'paused';
  credentials: TenantCredentials;
}

interface TenantRow {
  id: string | number;
  name: string;
  hubspot_portal_id: string | number | null;
  zendesk_subdomain: string | null;
  status: 'active' | 'paused';
  credentials: string;
  zendesk_app_token: string;
}

const newAppToken = () => randomBytes(32).toString('base64url');

/** Tenants with their credentials and Zendesk app token encrypted at rest. */
export function tenantsApi(db: Db, key: Buffer) {
  const toTenant = (row: TenantRow): Tenant => ({
    id: Number(row.id),
    name: row.name,
    hubspotPortalId: row.hubspot_portal_id === null ? null : Number(row.hubspot_portal_id),
    zendeskSubdomain: row.zendesk_subdomain,
    status: row.status,
    credentials: tenantCredentials.parse(JSON.parse(decrypt(key, row.credentials))),
  });
  const one = async (where: string, params: unknown[]) => {
    const [row] = await db.query<TenantRow>(`SELECT * FROM tenants WHERE ${where}`, params);
    return row ? toTenant(row) : null;
  };

  return {
    /** Registers a tenant, or updates the credentials of the one with that name. */
    async upsert(input: {
      name: string;
      hubspotPortalId: number | null;
      zendeskSubdomain?: string | null;
      credentials: TenantCredentials;
    }): Promise<Tenant> {
      const credentials = encrypt(key, JSON.stringify(tenantCredentials.parse(input.credentials)));
      const token = newAppToken();
      const [row] = await db.query<TenantRow>(
        `INSERT INTO tenants (name, hubspot_portal_id, zendesk_subdomain, credentials, zendesk_app_token, zendesk_app_token_hash)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO UPDATE SET hubspot_portal_id = excluded.hubspot_portal_id,
           zendesk_subdomain = excluded.zendesk_subdomain, credentials = excluded.credentials, status = 'active', updated_at = now()
         RETURNING *`,
        [
          input.name,
          input.hubspotPortalId,
          input.zendeskSubdomain ?? input.credentials.zendesk?.subdomain ?? null,
          credentials,
          encrypt(key, token),
          sha256(token),
        ],
      );
      return toTenant(row!);
    },
    get: (name: string) => one('name = $1', [name]),
    getById: (id: number) => one('id = $1', [id]),
    byPortalId: (portalId: number) => one('hubspot_portal_id = $1', [portalId]),
    async list(): Promise<Tenant[]> {
      return (await db.query<TenantRow>('SELECT * FROM tenants ORDER BY name')).map(toTenant);
    },
    async updateCredentials(id: number, credentials: TenantCredentials): Promise<void> {
      await db.query('UPDATE tenants SET credentials = $2, updated_at = now() WHERE id = $1', [
        id,
        encrypt(key, JSON.stringify(tenantCredentials.parse(credentials))),
      ]);
    },
    async setStatus(id: number, status: 'active' | 'paused'): Promise<void> {
      await db.query('UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
    },
    async zendeskAppToken(name: string): Promise<string | null> {
      const [row] = await db.query<{ zendesk_app_token: string }>(
        'SELECT zendesk_app_token FROM tenants WHERE name = $1',
        [name],
      );
      return row ? decrypt(key, row.zendesk_app_token) : null;
    },
    /** A new app token; the old one stops working at once. */
    async rotateZendeskAppToken(name: string): Promise<string> {
      const token = newAppToken();
      const rows = await db.query(
        'UPDATE tenants SET zendesk_app_token = $2, zendesk_app_token_hash = $3, updated_at = now() WHERE name = $1 RETURNING id',
        [name, encrypt(key, token), sha256(token)],
      );
      if (rows.length === 0) throw new Error(`no tenant named "${name}"`);
      return token;
    },
    /** The tenant whose Zendesk app token this is (looked up by hash, confirmed in constant time). */
    async byZendeskAppToken(token: string): Promise<Tenant | null> {
      const [row] = await db.query<TenantRow>('SELECT * FROM tenants WHERE zendesk_app_token_hash = $1', [
        sha256(token),
      ]);
      if (!row || !constantTimeEqual(decrypt(key, row.zendesk_app_token), token)) return null;
      return toTenant(row);
    },
  };
}
export type TenantsApi = ReturnType<typeof tenantsApi>;
