/**
 * @module
 * HubSpot connector: streams of companies, contacts, deals, tickets and feedback submissions,
 * mapped to canonical records; the retry table and limits; OAuth tokens; the portal lookup.
 */
export { readPortalId } from './account.ts';
export {
  type HubSpotObject,
  hubspotDate,
  mapCompany,
  mapContact,
  mapDeal,
  mapFeedbackSubmission,
  mapTicket,
  normalizeDomain,
} from './mapping.ts';
export { exchangeHubSpotCode, type HubSpotApp, refreshHubSpotToken } from './oauth.ts';
export { LIST_PAGE_SIZE, SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP } from './paginators.ts';
export { hubspotPaths } from './paths.ts';
export { hubspotBudgets, hubspotRetryPolicy } from './policy.ts';
export { defineObjectStream, type HubSpotCheckpoint, hubspotCheckpoint, hubspotStreams } from './streams.ts';
