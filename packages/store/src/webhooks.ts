import { decrypt, encrypt } from './crypto.ts';
import type { Db } from './db.ts';

export type WebhookSource = 'hubspot' | 'zendesk';

/**
 * What the webhook routes remember: delivery ids already handled (deduplication; HubSpot retries
 * a batch for about a day and Zendesk retries too) and each tenant's Zendesk signing secret,
 * encrypted at rest with the credentials' key.
 */
export function webhooksApi(db: Db, key: Buffer) {
  return {
    /**
     * Records delivery ids; returns those not seen before (in input order). A concurrent
     * redelivery loses the insert race and gets nothing back, so each id is handled once.
     */
    async claimEvents(
      tenantId: number,
      source: WebhookSource,
      eventIds: readonly string[],
    ): Promise<string[]> {
      const unique = [...new Set(eventIds)];
      if (unique.length === 0) return [];
      const rows = await db.query<{ event_id: string }>(
        `INSERT INTO webhook_events (tenant_id, source, event_id)
         SELECT $1, $2, id FROM jsonb_array_elements_text($3::jsonb) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [tenantId, source, JSON.stringify(unique)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      return unique.filter((id) => fresh.has(id));
    },
    /** Forgets delivery ids received before `before` (redeliveries stop after about a day). */
    async pruneEvents(before: Date): Promise<number> {
      const rows = await db.query('DELETE FROM webhook_events WHERE received_at < $1 RETURNING 1', [before]);
      return rows.length;
    },
    /** Saves (replaces) the tenant's Zendesk webhook signing secret. */
    async setZendeskSecret(tenantId: number, secret: string, webhookId: string | null = null): Promise<void> {
      await db.query(
        `INSERT INTO zendesk_webhooks (tenant_id, webhook_id, signing_secret) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET webhook_id = excluded.webhook_id,
           signing_secret = excluded.signing_secret, updated_at = now()`,
        [tenantId, webhookId, encrypt(key, secret)],
      );
    },
    /** The tenant's Zendesk webhook (its id when we created it) and signing secret, decrypted. */
    async zendeskWebhook(tenantId: number): Promise<{ webhookId: string | null; secret: string } | null> {
      const [row] = await db.query<{ webhook_id: string | null; signing_secret: string }>(
        'SELECT webhook_id, signing_secret FROM zendesk_webhooks WHERE tenant_id = $1',
        [tenantId],
      );
      return row ? { webhookId: row.webhook_id, secret: decrypt(key, row.signing_secret) } : null;
    },
    /** Forgets the tenant's Zendesk webhook and its secret (Zendesk disconnected): deliveries are refused. */
    async forgetZendeskWebhook(tenantId: number): Promise<void> {
      await db.query('DELETE FROM zendesk_webhooks WHERE tenant_id = $1', [tenantId]);
    },
    /** The tenant's Zendesk webhook signing secret, decrypted; null when none is set. */
    async zendeskSecret(tenantId: number): Promise<string | null> {
      const [row] = await db.query<{ signing_secret: string }>(
        'SELECT signing_secret FROM zendesk_webhooks WHERE tenant_id = $1',
        [tenantId],
      );
      return row ? decrypt(key, row.signing_secret) : null;
    },
  };
}

export type WebhooksApi = ReturnType<typeof webhooksApi>;
