import type { SandboxCredentials } from '@csm/sandbox';

/** A bench tenant's credentials for a sandbox: its HubSpot private-app token and Zendesk API token. */
export const sandboxTenantCredentials = (c: SandboxCredentials) => ({
  hubspot: { kind: 'private-app' as const, token: c.hubspotPrivateAppToken },
  zendesk: {
    kind: 'api-token' as const,
    subdomain: c.zendeskSubdomain,
    email: c.zendeskEmail,
    token: c.zendeskApiToken,
  },
});
