/**
 * @module
 * Outbound HTTP for the connectors: one client per tenant and API with a rate budget that
 * follows the API's limit headers, a retry table per API, and OAuth refresh ahead of expiry.
 */
export {
  type ApiClient,
  type ApiClientOptions,
  type ApiClientStats,
  type ApiEvent,
  type ApiRequest,
  type ApiResponse,
  createApiClient,
} from './api-client.ts';
export {
  type AuthProvider,
  bearerAuth,
  type OAuthAuthOptions,
  type OAuthTokens,
  oauthAuth,
  zendeskTokenAuth,
} from './auth.ts';
export { ApiError, type ApiErrorCode } from './errors.ts';
export { RateBudget, type RateBudgetOptions, type RateLimitReading } from './rate-budget.ts';
export { backoffDelay, numberHeader, type RetryPolicy, retryAfterMs } from './retry-policy.ts';
export { sleep } from './sleep.ts';
export {
  type MappedRecord,
  mapPage,
  type QuarantinedRecord,
  type Stream,
  type StreamContext,
  type StreamPage,
} from './stream.ts';
