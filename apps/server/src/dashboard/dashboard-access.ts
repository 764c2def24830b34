import { constantTimeEqual, type Store, type Tenant } from '@csm/store';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../http/errors.ts';
import { verifySessionToken } from './dashboard-tokens.ts';

/**
 * Who may use the dashboard, and as whom:
 *
 * - a HubSpot user who opened a signed link from the company card holds a session cookie for
 *   that portal's tenant only;
 * - a self-hoster's admin signs in with CSM_ADMIN_TOKEN (HTTP basic auth, user `admin`) and sees
 *   every tenant;
 * - `csm demo` on loopback opens the dashboard to whoever reaches it, as admin.
 */
export type Principal =
  | { kind: 'admin'; via: 'password' | 'open' }
  | { kind: 'hubspot-user'; tenantId: number; portalId: number; userId: string; expiresAt: Date };

export interface DashboardAccess {
  /** `csm demo` on loopback: no sign-in. */
  open: boolean;
  /** CSM_ADMIN_TOKEN: the admin's password; unset = no admin sign-in. */
  adminPassword: string | undefined;
  /** HUBSPOT_CLIENT_SECRET: keys the sign-in links and sessions; unset = no HubSpot sign-in. */
  linkSecret: string | undefined;
}

export interface DashboardEnv {
  Variables: { principal: Principal; tenant: Tenant };
}

export const SESSION_COOKIE = 'csm_dashboard';
export const BASIC_REALM = 'Success Metrics dashboard';

function adminByPassword(header: string | undefined, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  return (
    constantTimeEqual(decoded.slice(0, colon), 'admin') &&
    constantTimeEqual(decoded.slice(colon + 1), password)
  );
}

/** The request's principal, or null. A valid session wins over the admin's password. */
export async function principalOf(c: Context, access: DashboardAccess, now: Date): Promise<Principal | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie && access.linkSecret) {
    const check = await verifySessionToken(access.linkSecret, cookie, now);
    if (check.ok)
      return {
        kind: 'hubspot-user',
        tenantId: check.token.tenantId,
        portalId: check.token.portalId,
        userId: check.token.userId,
        expiresAt: check.token.expiresAt,
      };
  }
  if (access.open) return { kind: 'admin', via: 'open' };
  if (access.adminPassword && adminByPassword(c.req.header('authorization'), access.adminPassword))
    return { kind: 'admin', via: 'password' };
  return null;
}

/** Whether the refusal should ask the browser for the admin's password (not for a lapsed HubSpot session). */
export const challengeFor = (c: Context, access: DashboardAccess) =>
  Boolean(access.adminPassword) && !getCookie(c, SESSION_COOKIE);

/** Refuses requests without a principal (401, the admin's basic-auth challenge where it applies). */
export function requirePrincipal(access: DashboardAccess, now: () => Date) {
  return createMiddleware<DashboardEnv>(async (c, next) => {
    const principal = await principalOf(c, access, now());
    if (!principal) {
      if (challengeFor(c, access))
        c.header('WWW-Authenticate', `Basic realm="${BASIC_REALM}", charset="UTF-8"`);
      throw new AppError(
        'unauthorized',
        getCookie(c, SESSION_COOKIE)
          ? 'your dashboard session has ended: open the dashboard again from the HubSpot company card'
          : 'sign in: open the dashboard from the HubSpot company card, or as admin with CSM_ADMIN_TOKEN',
      );
    }
    c.set('principal', principal);
    await next();
  });
}

/** The tenants a principal may see: every tenant for the admin, its own for a HubSpot user. */
export async function visibleTenants(store: Store, principal: Principal): Promise<Tenant[]> {
  if (principal.kind === 'admin') return store.tenants.list();
  const tenant = await store.tenants.getById(principal.tenantId);
  return tenant ? [tenant] : [];
}

/**
 * `/tenants/:tenant/*`: the named tenant, refused (403) to a HubSpot user of another portal, so
 * that no dashboard route answers with another tenant's data.
 */
export function requireTenant(store: Store) {
  return createMiddleware<DashboardEnv>(async (c, next) => {
    const name = c.req.param('tenant') ?? '';
    const tenant = await store.tenants.get(name);
    const principal = c.get('principal');
    // A HubSpot user learns nothing about other tenants, not even whether the name exists.
    if (principal.kind === 'hubspot-user' && principal.tenantId !== tenant?.id)
      throw new AppError('forbidden', 'this dashboard session belongs to another HubSpot portal');
    if (!tenant) throw new AppError('not_found', `no tenant ${name}`);
    c.set('tenant', tenant);
    await next();
  });
}

/** Who saved something, for the settings history. */
export const savedBy = (p: Principal) => (p.kind === 'admin' ? 'admin' : `hubspot:${p.portalId}:${p.userId}`);
