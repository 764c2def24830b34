/**
 * The HubSpot paths the connector calls itself, in one place. The CRM, association, property and
 * OAuth-code calls go through `@hubspot/api-client` (sdk.ts), whose generated APIs hold their
 * paths (`/crm/v3/objects/{type}`, `/crm/v4/associations/...`, `/crm/v3/properties/...`,
 * `/oauth/v1/token`); a move to HubSpot's date-versioned paths is an SDK upgrade plus this file.
 * The ones below have no generated method in the SDK.
 */
export const hubspotPaths = {
  accountDetails: '/account-info/v3/details',
  token: '/oauth/v1/token',
  journalSubscriptions: '/webhooks-journal/subscriptions/2026-03',
  journalEarliest: '/webhooks-journal/journal/2026-03/earliest',
  journalNext: (offset: string) =>
    `/webhooks-journal/journal/2026-03/offset/${encodeURIComponent(offset)}/next`,
} as const;
