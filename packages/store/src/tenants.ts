import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual, decrypt, encrypt, sha256 } from './crypto.ts';
import type { Db } from './db.ts';

/** What a tenant's connectors authenticate with; stored encrypted as one JSON value. */
export const tenantCredentials = z.object({
  hubspot: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('private-app'), token: z.string().min(1) }),
    z.object({
      kind: z.literal('oauth'),
      accessToken: z.string().min(1),
      refreshToken: z.string(),
      /** ISO time; '' when HubSpot did not say. */
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

export type TenantStatus = 'active' | 'paused';

/** A tenant with its credentials decrypted. */
export interface Tenant {
  id: number;
  name: string;
  hubspotPortalId: number | null;
  zendeskSubdomain: string | null;
  status: TenantStatus;
  /** The HubSpot portal's company currency (ISO 4217, `companyCurrency`); null until read. */
  currency: string | null;
  /**
   * The Zendesk side paused on its own (its credential revoked or expired): not synced, its
   * webhook deliveries ignored, until Zendesk is reconnected. Null while active.
   */
  zendeskPaused: { reason: string; since: Date } | null;
  credentials: TenantCredentials;
}

export interface TenantInput {
  name: string;
  hubspotPortalId: number | null;
  /** Defaults to the subdomain of the Zendesk credentials. */
  zendeskSubdomain?: string | null;
  credentials: TenantCredentials;
}

interface TenantRow {
  id: string | number;
  name: string;
  hubspot_portal_id: string | number | null;
  zendesk_subdomain: string | null;
  status: TenantStatus;
  currency: string | null;
  zendesk_paused_at: string | Date | null;
  zendesk_paused_reason: string | null;
  credentials: string;
  zendesk_app_token: string;
}

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR');

/** The secret the tenant's Zendesk app sends as `Authorization: Bearer`. */
const newAppToken = () => randomBytes(32).toString('base64url');

/** Tenants with their credentials and Zendesk app token encrypted at rest. */
export function tenantsApi(db: Db, key: Buffer) {
  const toTenant = (row: TenantRow): Tenant => ({
    id: Number(row.id),
    name: row.name,
    hubspotPortalId: row.hubspot_portal_id === null ? null : Number(row.hubspot_portal_id),
    zendeskSubdomain: row.zendesk_subdomain,
    status: row.status,
    currency: row.currency,
    zendeskPaused:
      row.zendesk_paused_at === null
        ? null
        : { reason: row.zendesk_paused_reason ?? '', since: new Date(row.zendesk_paused_at) },
    credentials: tenantCredentials.parse(JSON.parse(decrypt(key, row.credentials))),
  });
  const one = async (where: string, params: unknown[]) => {
    const [row] = await db.query<TenantRow>(`SELECT * FROM tenants WHERE ${where}`, params);
    return row ? toTenant(row) : null;
  };
  const sealCredentials = (credentials: TenantCredentials) =>
    encrypt(key, JSON.stringify(tenantCredentials.parse(credentials)));

  return {
    /**
     * Registers a tenant, or updates portal, subdomain and credentials of the one with that name.
     * The Zendesk app token is made on first registration and kept afterwards; status is kept.
     */
    async upsert(input: TenantInput): Promise<Tenant> {
      const token = newAppToken();
      try {
        const [row] = await db.query<TenantRow>(
          `INSERT INTO tenants (name, hubspot_portal_id, zendesk_subdomain, credentials, zendesk_app_token, zendesk_app_token_hash)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (name) DO UPDATE SET hubspot_portal_id = excluded.hubspot_portal_id,
             zendesk_subdomain = excluded.zendesk_subdomain, credentials = excluded.credentials, updated_at = now()
           RETURNING *`,
          [
            input.name,
            input.hubspotPortalId,
            input.zendeskSubdomain ?? input.credentials.zendesk?.subdomain ?? null,
            sealCredentials(input.credentials),
            encrypt(key, token),
            sha256(token),
          ],
        );
        return toTenant(row!);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          const owner = await one('hubspot_portal_id = $1 AND name <> $2', [
            input.hubspotPortalId,
            input.name,
          ]);
          if (owner) {
            throw new Error(
              `HubSpot portal ${input.hubspotPortalId} already belongs to tenant "${owner.name}"`,
            );
          }
        }
        throw error;
      }
    },
    /** The tenant of that name, or null. */
    get: (name: string) => one('name = $1', [name]),
    getById: (id: number) => one('id = $1', [id]),
    /** The tenant of a HubSpot portal (card requests and webhooks name the portal). */
    byPortalId: (portalId: number) => one('hubspot_portal_id = $1', [portalId]),
    /** Every tenant, by name. */
    async list(): Promise<Tenant[]> {
      return (await db.query<TenantRow>('SELECT * FROM tenants ORDER BY name')).map(toTenant);
    },
    /** Replaces the credentials (e.g. after an OAuth refresh). */
    async updateCredentials(id: number, credentials: TenantCredentials): Promise<void> {
      await db.query('UPDATE tenants SET credentials = $2, updated_at = now() WHERE id = $1', [
        id,
        sealCredentials(credentials),
      ]);
    },
    /** The portal's company currency, as `/account-info/v3/details` names it. */
    async setCurrency(id: number, currency: string): Promise<void> {
      await db.query(
        'UPDATE tenants SET currency = $2, updated_at = now() WHERE id = $1 AND currency IS DISTINCT FROM $2',
        [id, currencyCode.parse(currency)],
      );
    },
    /** Paused tenants keep their data but are not synced. */
    async setStatus(id: number, status: TenantStatus): Promise<void> {
      await db.query('UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1', [
        id,
        z.enum(['active', 'paused']).parse(status),
      ]);
    },
    /** Pauses the tenant's Zendesk side (its credential refused); the first pause's time is kept. */
    async pauseZendesk(id: number, reason: string): Promise<void> {
      await db.query(
        `UPDATE tenants SET zendesk_paused_at = COALESCE(zendesk_paused_at, now()),
           zendesk_paused_reason = $2, updated_at = now() WHERE id = $1`,
        [id, reason],
      );
    },
    /** Resumes the tenant's Zendesk side (Zendesk reconnected or disconnected). */
    async resumeZendesk(id: number): Promise<void> {
      await db.query(
        `UPDATE tenants SET zendesk_paused_at = NULL, zendesk_paused_reason = NULL, updated_at = now()
         WHERE id = $1 AND zendesk_paused_at IS NOT NULL`,
        [id],
      );
    },
    /** The tenant's Zendesk app token, decrypted; null when there is no such tenant. */
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
    /**
     * The tenant whose Zendesk app token this is: found by the token's hash, then confirmed against
     * the decrypted token in constant time.
     */
    async byZendeskAppToken(token: string): Promise<Tenant | null> {
      if (!token) return null;
      const [row] = await db.query<TenantRow>('SELECT * FROM tenants WHERE zendesk_app_token_hash = $1', [
        sha256(token),
      ]);
      if (!row || !constantTimeEqual(decrypt(key, row.zendesk_app_token), token)) return null;
      return toTenant(row);
    },
  };
}

export type TenantsApi = ReturnType<typeof tenantsApi>;
