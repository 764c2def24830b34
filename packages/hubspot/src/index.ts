/**
 * @module
 * HubSpot connector: streams of companies, contacts, deals, tickets, feedback submissions and
 * owners, mapped to canonical records; the retry table and limits; OAuth tokens; the portal lookup. Calls
 * go through `@hubspot/api-client` with our `@csm/http` transport under it (sdk.ts).
 */
export { type PortalDetails, readPortalDetails, readPortalId } from './account.ts';
export {
  APP_PROPERTY_GROUP,
  type AppPropertyDefinition,
  appPropertyDefinitions,
  companyAppProperties,
  createAppProperty,
  createAppPropertyGroup,
  dealAppProperties,
} from './app-properties.ts';
export {
  clientCredentialsAuth,
  downloadJournalFile,
  ensureLifecycleSubscription,
  JOURNAL_SCOPES,
  type JournalEntryRef,
  journalClient,
  LIFECYCLE_ACTIONS,
  type LifecycleEvent,
  lifecycleEventsOf,
  readJournalEntry,
} from './journal.ts';
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
export {
  mapOwner,
  OWNERS_PAGE_SIZE,
  type OwnersCheckpoint,
  ownersCheckpoint,
  ownersStream,
} from './owners.ts';
export { LIST_PAGE_SIZE, SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP } from './paginators.ts';
export { hubspotPaths } from './paths.ts';
export { hubspotBudgets, hubspotRetryPolicy } from './policy.ts';
export { answerOf, type HubSpotSdk, hubspotSdk, rawBody } from './sdk.ts';
export {
  defineObjectStream,
  type HubSpotCheckpoint,
  hubspotCheckpoint,
  hubspotObjectStreams,
  hubspotStreams,
} from './streams.ts';
export {
  createTask,
  TASK_TO_COMPANY_TYPE_ID,
  type TaskInput,
  taskCreateBody,
  taskToCompanyTypeId,
} from './tasks.ts';
export {
  BATCH_UPDATE_SIZE,
  type BatchUpdateInput,
  batchUpdateBodies,
  batchUpdateCompanies,
  type CompanyFigures,
  type CompanyPropertyValues,
  companyPropertyValues,
  writeBackRefusal,
} from './write-back.ts';
