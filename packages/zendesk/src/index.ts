/**
 * @module
 * Zendesk connector: organizations, users, tickets with metric sets, and satisfaction ratings,
 * mapped to canonical records; the retry table and limits; OAuth tokens; the connector's
 * webhook. Every call goes through node-zendesk with our transport under it (`sdk.ts`).
 */
export { zendeskBaseUrl } from './base-url.ts';
export { mapOrganization, mapSatisfactionRating, mapTicket, mapUser } from './mapping.ts';
export { zendeskMe } from './me.ts';
export { exchangeZendeskCode, refreshZendeskToken, type ZendeskApp } from './oauth.ts';
export { zendeskPaths } from './paths.ts';
export { zendeskBudgets, zendeskRetryPolicy } from './policy.ts';
export { answerOf, type ZendeskSdkClient, zendeskRequest, zendeskSdk } from './sdk.ts';
export { EXPORT_PAGE_SIZE, LIST_PAGE_SIZE, zendeskStreams } from './streams.ts';
export {
  createZendeskWebhook,
  deleteZendeskWebhook,
  ZENDESK_OAUTH_SCOPES,
  ZENDESK_WEBHOOK_EVENT_TYPES,
} from './webhooks.ts';
