/**
 * The sandbox's Zendesk account as tests switch it: which CSAT it runs (Zendesk lets an account
 * run legacy satisfaction ratings or the current CSAT's survey responses; an account that moved to
 * the current CSAT keeps answering on the legacy endpoint too, mirroring each answer as a good /
 * bad rating: `both`), its current API token (rotating it revokes the old one), the scopes an admin
 * allows its OAuth client, and its webhooks.
 */
import type { SandboxContext } from '../runtime/runtime.ts';
import type { WebhookDelivery, WebhookRegistry, WebhookRow, WebhookTransport } from './webhook-registry.ts';

export type ZendeskCsat = 'legacy' | 'current' | 'both';

export interface ZendeskAccount {
  csat: ZendeskCsat;
  apiToken: string;
  /** Scopes the OAuth client may be granted; null: any. */
  allowedScopes: ReadonlySet<string> | null;
  webhooks: WebhookRegistry;
}

/** Zendesk's answer for a feature the account has not switched on. */
export function notSwitchedOn(c: SandboxContext, feature: string): Response {
  return c.json(
    {
      error: 'Forbidden',
      description: `You do not have access to this page. ${feature} is not enabled for this account.`,
    },
    403,
  );
}

/** What tests switch on the sandbox's Zendesk account (`sandbox.setZendeskCsat(...)`, ...). */
export interface ZendeskAccountControls {
  /** Switches the account's CSAT (see `SandboxOptions.zendeskCsat`). */
  setZendeskCsat(csat: ZendeskCsat): void;
  /** A new API token for the account; the old one is refused from now on (a revoked token). */
  rotateZendeskApiToken(): string;
  /** Revokes every OAuth access and refresh token the sandbox issued for Zendesk. */
  revokeZendeskTokens(): void;
  /** The scopes an admin lets the OAuth client have (others: `invalid_scope`); null: any. */
  setZendeskAllowedScopes(scopes: readonly string[] | null): void;
  /** How webhook deliveries are sent (default: `fetch`); tests hand them to an app in-process. */
  setZendeskWebhookTransport(transport: WebhookTransport | null): void;
  /** The webhooks the account has (created through its API). */
  zendeskWebhooks(): WebhookRow[];
  /** The webhook deliveries sent so far, oldest first. */
  zendeskWebhookDeliveries(): WebhookDelivery[];
  /** Waits until every delivery sent so far has been answered. */
  flushZendeskWebhooks(): Promise<void>;
}

export function zendeskAccountControls(
  account: ZendeskAccount,
  revokeTokens: () => void,
  newApiToken: () => string,
): ZendeskAccountControls {
  return {
    setZendeskCsat(csat) {
      account.csat = csat;
    },
    rotateZendeskApiToken() {
      account.apiToken = newApiToken();
      return account.apiToken;
    },
    revokeZendeskTokens: revokeTokens,
    setZendeskAllowedScopes(scopes) {
      account.allowedScopes = scopes ? new Set(scopes) : null;
    },
    setZendeskWebhookTransport: (transport) => account.webhooks.setTransport(transport),
    zendeskWebhooks: () => account.webhooks.list().map((w) => ({ ...w })),
    zendeskWebhookDeliveries: () => account.webhooks.deliveries(),
    flushZendeskWebhooks: () => account.webhooks.flush(),
  };
}
