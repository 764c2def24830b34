import type { LifecycleEvent } from '@csm/hubspot';
import type { Store } from '@csm/store';
import type { Logger } from '@csm/sync';

export type LifecycleOutcome = 'paused' | 'ignored' | 'noted';

/**
 * Applies one install or uninstall of the journal to the portal's tenant. An uninstall pauses the
 * tenant at once (data kept; no syncs, cards answer 404) and starts its grace period; an uninstall
 * older than the tenant's last install, or already known, changes nothing, so an event read twice
 * or late is harmless. An install is only noted: the reinstall's OAuth callback brings the new
 * tokens and resumes the tenant.
 */
export async function applyLifecycleEvent(
  deps: { store: Store; logger: Logger },
  event: LifecycleEvent,
): Promise<LifecycleOutcome> {
  const tenant = await deps.store.tenants.byPortalId(event.portalId);
  if (!tenant) return 'ignored';
  if (event.action === 'APP_INSTALL') {
    deps.logger.info({ tenant: tenant.name, at: event.occurredAt }, 'HubSpot app installed (journal)');
    return 'noted';
  }
  if (!(await deps.store.lifecycle.markUninstalled(tenant.id, event.occurredAt))) return 'ignored';
  deps.logger.warn(
    { tenant: tenant.name, portalId: event.portalId, at: event.occurredAt },
    'HubSpot app uninstalled: tenant paused until a reinstall or its deletion',
  );
  return 'paused';
}
