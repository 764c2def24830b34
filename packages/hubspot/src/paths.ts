/**
 * Every HubSpot path the connector calls, in one place, so that a move to HubSpot's
 * date-versioned paths (`/crm/objects/2026-03/...`) is a one-file change.
 */
export const hubspotPaths = {
  accountDetails: '/account-info/v3/details',
  list: (objectType: string) => `/crm/v3/objects/${objectType}`,
  search: (objectType: string) => `/crm/v3/objects/${objectType}/search`,
  associationsBatchRead: (from: string, to: string) => `/crm/v4/associations/${from}/${to}/batch/read`,
  associationLabels: (from: string, to: string) => `/crm/v4/associations/${from}/${to}/labels`,
  batchUpdate: (objectType: string) => `/crm/v3/objects/${objectType}/batch/update`,
  create: (objectType: string) => `/crm/v3/objects/${objectType}`,
  token: '/oauth/v1/token',
} as const;
