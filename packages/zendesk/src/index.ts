/**
 * @module
 * Zendesk connector: organizations, users, tickets with metric sets, and satisfaction ratings,
 * mapped to canonical records; the retry table and limits; OAuth tokens.
 */
export { zendeskBaseUrl } from './base-url.ts';
export { mapOrganization, mapSatisfactionRating, mapTicket, mapUser } from './mapping.ts';
export { exchangeZendeskCode, refreshZendeskToken, type ZendeskApp } from './oauth.ts';
export { zendeskPaths } from './paths.ts';
export { zendeskBudgets, zendeskRetryPolicy } from './policy.ts';
export { EXPORT_PAGE_SIZE, LIST_PAGE_SIZE, zendeskStreams } from './streams.ts';
