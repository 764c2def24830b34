/**
 * Where the cards fetch from: the Success Metrics backend's public origin (its PUBLIC_URL).
 * HubSpot only lets `hubspot.fetch` call origins listed in `permittedUrls.fetch` of
 * `src/app/app-hsmeta.json`; `scripts/check-project.ts` fails when the two disagree. Change both
 * (and the OAuth redirect URL) for your own deployment: see the README, "HubSpot app".
 */
export const BACKEND_URL = 'https://success-metrics.example.com';

/** The card routes (docs/card-api.md); HubSpot appends portalId, userId, userEmail and appId. */
export const cardPaths = {
  company: (id: number | string) => `/cards/hubspot/companies/${encodeURIComponent(String(id))}`,
  deal: (id: number | string) => `/cards/hubspot/deals/${encodeURIComponent(String(id))}`,
  contact: (id: number | string) => `/cards/hubspot/contacts/${encodeURIComponent(String(id))}`,
  /** POST: a short-lived sign-in link to the dashboard for the HubSpot user of the card. */
  dashboardLink: '/cards/hubspot/dashboard-link',
};
