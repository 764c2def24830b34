import { numberHeader, RateBudget, type RetryPolicy } from '@csm/http';

/**
 * Zendesk's retry table and limits (https://developer.zendesk.com/api-reference/introduction/rate-limits/):
 * 200-2500 requests a minute by plan (`X-Rate-Limit`, `X-Rate-Limit-Remaining`), incremental exports
 * 10 a minute (30 with High Volume); 429 carries Retry-After. An OAuth 401 refreshes once.
 */
export const zendeskRetryPolicy: RetryPolicy = {
  refreshOnUnauthorized: true,
  maxAttempts: 6,
  max429Retries: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetKey: (path) => (path.includes('/incremental/') ? 'incremental' : 'default'),
  readRateLimit(headers, key) {
    if (key === 'incremental') return undefined;
    const max = numberHeader(headers, 'x-rate-limit') ?? numberHeader(headers, 'ratelimit-limit');
    const remaining =
      numberHeader(headers, 'x-rate-limit-remaining') ?? numberHeader(headers, 'ratelimit-remaining');
    const reset = numberHeader(headers, 'ratelimit-reset');
    if (max === undefined && remaining === undefined) return undefined;
    return { max, remaining, intervalMs: 60_000, resetInMs: reset === undefined ? undefined : reset * 1000 };
  },
  describeError(status, body, path) {
    const answer = (body ?? {}) as { error?: unknown; description?: string; details?: unknown };
    const error = typeof answer.error === 'string' ? answer.error : JSON.stringify(answer.error ?? body);
    if (status === 401)
      return `the credentials were refused (${error}); check the email and API token or reconnect`;
    if (status === 403) return `forbidden on ${path}: the user or token lacks access (${error})`;
    return `HTTP ${status} on ${path}: ${answer.description ?? error}`;
  },
};

/** Rate budgets for one Zendesk account, at 90% of the smallest plan's limits until headers say more. */
export function zendeskBudgets(options: { incrementalPerMinute?: number } = {}) {
  return {
    default: new RateBudget({ max: 200, intervalMs: 60_000, headroom: 0.1 }),
    incremental: new RateBudget({ max: options.incrementalPerMinute ?? 10, intervalMs: 61_000 }),
  };
}
