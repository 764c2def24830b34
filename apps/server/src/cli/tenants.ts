import { bearerAuth, createApiClient } from '@csm/http';
import { hubspotBudgets, hubspotRetryPolicy, readPortalDetails } from '@csm/hubspot';
import type { Store, Tenant, TenantCredentials } from '@csm/store';
import { z } from 'zod';
import type { CliContext } from './context.ts';
import { requireTenant } from './context.ts';
import { CliError } from './fail.ts';

export const tenantName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'name: use 1-63 letters, digits, dots, dashes or underscores');

export const addTenantInput = z
  .object({
    name: tenantName,
    hubspotToken: z.string().trim().min(1, '--hubspot-token: required'),
    zendeskSubdomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, '--zendesk-subdomain: letters, digits and dashes only')
      .optional(),
    zendeskEmail: z.email('--zendesk-email: must be an email address').optional(),
    zendeskToken: z.string().trim().min(1).optional(),
  })
  .refine(
    (v) =>
      [v.zendeskSubdomain, v.zendeskEmail, v.zendeskToken].every((x) => x === undefined) ||
      [v.zendeskSubdomain, v.zendeskEmail, v.zendeskToken].every((x) => x !== undefined),
    { message: '--zendesk-subdomain, --zendesk-email and --zendesk-token go together', path: ['zendesk'] },
  );
export type AddTenantInput = z.infer<typeof addTenantInput>;

function parseInput(raw: unknown): AddTenantInput {
  const parsed = addTenantInput.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

/**
 * Registers (or re-registers) a tenant with a private-app token and, optionally, a Zendesk API
 * token. The tenant is tied to the portal the token belongs to and keeps its company currency.
 */
export async function addTenant(ctx: CliContext, raw: unknown): Promise<Tenant> {
  const input = parseInput(raw);
  const client = createApiClient({
    name: 'HubSpot',
    baseUrl: ctx.endpoints.hubspotBaseUrl,
    auth: bearerAuth(input.hubspotToken),
    policy: hubspotRetryPolicy,
    budgets: hubspotBudgets('private-app'),
  });
  const { portalId, currency } = await readPortalDetails(client);
  const credentials: TenantCredentials = {
    hubspot: { kind: 'private-app', token: input.hubspotToken },
    ...(input.zendeskSubdomain && input.zendeskEmail && input.zendeskToken
      ? {
          zendesk: {
            kind: 'api-token',
            subdomain: input.zendeskSubdomain,
            email: input.zendeskEmail,
            token: input.zendeskToken,
          },
        }
      : {}),
  };
  const existing = await ctx.store.tenants.byPortalId(portalId);
  if (existing && existing.name !== input.name) {
    throw new CliError(`portal ${portalId} already belongs to tenant "${existing.name}"`);
  }
  const tenant = await ctx.store.tenants.upsert({
    name: input.name,
    hubspotPortalId: portalId,
    zendeskSubdomain: input.zendeskSubdomain ?? null,
    credentials,
  });
  // New Zendesk credentials resume a Zendesk side paused for a refused one.
  if (credentials.zendesk && tenant.zendeskPaused) await ctx.store.tenants.resumeZendesk(tenant.id);
  const resumed = credentials.zendesk ? { ...tenant, zendeskPaused: null } : tenant;
  if (!currency) return resumed;
  await ctx.store.tenants.setCurrency(tenant.id, currency);
  return { ...resumed, currency };
}

/**
 * `csm tenants delete <name> --yes`: the tenant and every row of it, in every table, now (the
 * same deletion an uninstall's grace period ends with). Refused without `yes`, naming what it does.
 */
export async function deleteTenant(store: Store, name: string, options: { yes?: boolean } = {}) {
  const tenant = await requireTenant(store, name);
  if (!options.yes)
    throw new CliError(
      `this deletes tenant "${name}" and all of its data (HubSpot and Zendesk records, figures, history, keys) for good; run again with --yes`,
    );
  const deleted = await store.lifecycle.deleteTenant(tenant.id);
  if (!deleted) throw new CliError(`no tenant named "${name}"`);
  return deleted;
}

/** What `csm tenants show --json` prints (a contract; README.md, the command line). */
export async function showTenant(store: Store, name: string) {
  const tenant = await requireTenant(store, name);
  return {
    name: tenant.name,
    hubspotPortalId: tenant.hubspotPortalId,
    zendeskSubdomain: tenant.zendeskSubdomain,
    zendeskAppToken: await store.tenants.zendeskAppToken(name),
  };
}
