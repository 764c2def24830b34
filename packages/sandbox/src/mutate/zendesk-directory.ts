/**
 * Changes to Zendesk organizations and users (a renamed org, new domains, a user moved between
 * orgs), stamped like ticket changes so the time-based and cursor exports return them.
 */
import type { OrgRow, UserRow } from '../state/model.ts';
import type { SandboxState } from '../state/state.ts';
import { RecordError } from './hubspot-records.ts';
import { requireUser } from './zendesk-records.ts';

export function updateOrganization(
  state: SandboxState,
  id: number,
  patch: { name?: string; domain_names?: string[]; tags?: string[] },
): OrgRow {
  const org = state.zendesk.orgs.byId.get(id);
  if (!org) throw new RecordError(`organization ${id} does not exist`, 'not_found');
  const stamp = state.dataClock.zendesk.next();
  state.zendesk.orgs.update(org, (o) => {
    if (patch.name !== undefined) o.name = patch.name;
    if (patch.domain_names !== undefined) o.domains = [...patch.domain_names];
    if (patch.tags !== undefined) o.tags = [...patch.tags];
    o.updated = stamp;
  });
  return org;
}

export function updateUser(
  state: SandboxState,
  id: number,
  patch: { name?: string; email?: string | null; organization_id?: number | null },
): UserRow {
  const user = requireUser(state, id);
  const stamp = state.dataClock.zendesk.next();
  state.zendesk.users.update(user, (u) => {
    if (patch.name !== undefined) u.name = patch.name;
    if (patch.email !== undefined) u.email = patch.email;
    if (patch.organization_id !== undefined) u.orgId = patch.organization_id;
    u.updated = stamp;
  });
  return user;
}
