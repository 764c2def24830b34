import type { ApiClient } from '@csm/http';
import { readPortalDetails } from '@csm/hubspot';
import type { Store, Tenant } from '@csm/store';
import type { Logger } from './logger.ts';

/**
 * Reads the portal's company currency at the start of a HubSpot sync and keeps it on the tenant
 * (an admin may change it in HubSpot's settings at any time). One request; a failure is logged and
 * the sync goes on with the currency it had.
 */
export async function refreshPortalCurrency(
  store: Store,
  tenant: Tenant,
  client: ApiClient,
  logger?: Logger,
): Promise<string | null> {
  try {
    const { portalId, currency } = await readPortalDetails(client);
    if (tenant.hubspotPortalId !== null && portalId !== tenant.hubspotPortalId) {
      logger?.warn({ tenant: tenant.name, portalId }, 'the HubSpot token belongs to another portal');
      return tenant.currency;
    }
    if (currency && currency !== tenant.currency) await store.tenants.setCurrency(tenant.id, currency);
    return currency ?? tenant.currency;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger?.warn({ tenant: tenant.name, err: reason }, 'portal currency not read');
    return tenant.currency;
  }
}
