import type { Db } from './db.ts';

/** The HubSpot objects whose deletion the store applies: where each is stored and under which id. */
const stored = {
  company: { table: 'companies', id: 'hubspot_company_id', source: null },
  contact: { table: 'contacts', id: 'hubspot_contact_id', source: null },
  deal: { table: 'deals', id: 'hubspot_deal_id', source: null },
  ticket: { table: 'tickets', id: 'external_id', source: 'hubspot' },
} as const;

export type DeletableHubSpotObject = keyof typeof stored;
export const DELETABLE_HUBSPOT_OBJECTS = Object.keys(stored) as DeletableHubSpotObject[];

/** A record deleted in HubSpot (a webhook's `*.deletion` event), and when. */
export interface HubSpotDeletion {
  object: DeletableHubSpotObject;
  id: string;
  occurredAt: Date;
}

export interface HubSpotDeletionsApi {
  /**
   * Removes records deleted in HubSpot from a tenant's store; returns how many rows went. A sync
   * cannot see a deletion (HubSpot's search and lists no longer return the record), so it is the
   * webhook's to apply. A stored version modified after the deletion is kept: events arrive in
   * any order, and a record restored since carries a later modification time. The figures of the
   * accounts concerned are recomputed by the next refresh (the deleted rows touch their keys).
   */
  apply(tenantId: number, deletions: readonly HubSpotDeletion[]): Promise<number>;
}

/** @example await store.hubspotDeletions.apply(tenant.id, [{ object: 'deal', id: '42', occurredAt }]) */
export function hubspotDeletionsApi(db: Db): HubSpotDeletionsApi {
  return {
    async apply(tenantId, deletions) {
      let removed = 0;
      await db.transaction(async (tx) => {
        for (const object of DELETABLE_HUBSPOT_OBJECTS) {
          const mine = deletions.filter((d) => d.object === object);
          if (mine.length === 0) continue;
          const { table, id, source } = stored[object];
          const rows = await tx.query(
            `DELETE FROM ${table} t
             USING jsonb_to_recordset($2::jsonb) AS d(id text, at timestamptz)
             WHERE t.tenant_id = $1 AND t.${id} = d.id AND t.updated_at <= d.at
               ${source ? `AND t.source = '${source}'` : ''}
             RETURNING 1`,
            [tenantId, JSON.stringify(mine.map((d) => ({ id: d.id, at: d.occurredAt.toISOString() })))],
          );
          removed += rows.length;
        }
      });
      return removed;
    },
  };
}
