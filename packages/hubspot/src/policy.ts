import { numberHeader, RateBudget, type RetryPolicy } from '@csm/http';

/**
 * HubSpot's retry table and limits.
 * - Limits: https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 *   (private apps 190 / 10 s on Professional+, public OAuth apps 110 / 10 s, search 4 / s per token).
 * - HubSpot says a 401 is no signal to refresh: OAuth tokens are refreshed ahead of expiry instead.
 */
export const hubspotRetryPolicy: RetryPolicy = {
  refreshOnUnauthorized: false,
  maxAttempts: 6,
  max429Retries: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetKey: (path) => (path.endsWith('/search') ? 'search' : 'default'),
  readRateLimit(headers, key) {
    // Search answers carry no limit headers; its budget stays at the documented 4 / s.
    if (key === 'search') return undefined;
    const max = numberHeader(headers, 'x-hubspot-ratelimit-max');
    const remaining = numberHeader(headers, 'x-hubspot-ratelimit-remaining');
    const intervalMs = numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds');
    if (max === undefined && remaining === undefined) return undefined;
    return { max, remaining, intervalMs };
  },
  describeError(status, body, path) {
    const answer = (body ?? {}) as {
      message?: string;
      category?: string;
      errors?: { context?: { requiredGranularScopes?: string[]; requiredScopes?: string[] } }[];
    };
    if (status === 403 && answer.category === 'MISSING_SCOPES') {
      const scopes = answer.errors?.flatMap(
        (e) => e.context?.requiredGranularScopes ?? e.context?.requiredScopes ?? [],
      );
      return `the token lacks scope ${scopes?.length ? scopes.join(', ') : '(unknown)'} for ${path}`;
    }
    if (status === 401) return `the token was refused (${answer.message ?? 'HTTP 401'}); reconnect HubSpot`;
    return `HTTP ${status} on ${path}: ${answer.message ?? JSON.stringify(body)}`;
  },
};

/** Rate budgets for one HubSpot token, at 90% of the documented limits until headers say more. */
export function hubspotBudgets(tokenKind: 'private-app' | 'oauth') {
  return {
    default: new RateBudget({
      max: tokenKind === 'private-app' ? 190 : 100,
      intervalMs: 10_000,
      headroom: 0.1,
    }),
    // 4 per second, spaced a little wider so clock drift between us and HubSpot never trips it.
    search: new RateBudget({ max: 4, intervalMs: 1_100 }),
  };
}
