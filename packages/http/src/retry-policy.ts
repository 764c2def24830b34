import type { RateLimitReading } from './rate-budget.ts';

/**
 * The retry table of one API. Written once per API (HubSpot, Zendesk) and applied by the one
 * request loop in `api-client.ts`:
 * - 429: wait Retry-After (else backoff), every budget of the client held back meanwhile;
 * - 5xx and network errors: jittered exponential backoff, up to `maxAttempts`;
 * - 401: refresh the token once when `refreshOnUnauthorized` (Zendesk), else fail;
 * - 403, 400 and other 4xx: fail at once with the API's own message (`describeError`).
 */
export interface RetryPolicy {
  refreshOnUnauthorized: boolean;
  maxAttempts: number;
  max429Retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Which rate budget a path spends from (e.g. HubSpot search has its own limit). */
  budgetKey(path: string, method: string): string;
  /** Reads the limit headers of a response, if any. */
  readRateLimit(headers: Headers, budgetKey: string): RateLimitReading | undefined;
  /** A message a person can act on, from an error answer. */
  describeError(status: number, body: unknown, path: string): string;
}

/** Full-jitter exponential backoff: a random wait in [0, min(max, base * 2^attempt)). */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Parses a header as a finite number, or undefined. */
export function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
