/**
 * Zendesk's limits per account (https://developer.zendesk.com/api-reference/introduction/rate-limits/):
 * 400 requests a minute (Growth / Professional) with `X-Rate-Limit`, `X-Rate-Limit-Remaining` and
 * `ratelimit-limit/-remaining/-reset`; incremental exports 10 a minute on top. A window lasts a minute
 * from its first request ("the number of requests remaining in the current minute", with
 * `ratelimit-reset` counting down); a 429 carries Retry-After.
 */
import type { MiddlewareHandler } from 'hono';
import type { LimitSpec } from '../runtime/rate-limiter.ts';
import { retryAfterSeconds } from '../runtime/rate-limiter.ts';
import type { Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { scaled } from '../runtime/runtime.ts';
import { zendeskRateLimited } from './errors.ts';

export const ZENDESK_ACCOUNT_KEY = 'zendesk|account|ACCOUNT';
const INCREMENTAL_KEY = 'zendesk|account|INCREMENTAL';

export function isIncrementalPath(path: string): boolean {
  return path.includes('/incremental/');
}

function setHeaders(
  set: (name: string, value: string) => void,
  max: number,
  remaining: number,
  resetSeconds: number,
): void {
  set('X-Rate-Limit', String(max));
  set('X-Rate-Limit-Remaining', String(Math.max(0, remaining)));
  set('ratelimit-limit', String(max));
  set('ratelimit-remaining', String(Math.max(0, remaining)));
  set('ratelimit-reset', String(resetSeconds));
}

export function zendeskRateLimit(runtime: Runtime): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const incremental = isIncrementalPath(new URL(c.req.url).pathname);
    const specs: LimitSpec[] = [
      {
        key: ZENDESK_ACCOUNT_KEY,
        max: scaled(runtime, 400),
        intervalMs: 60_000,
        kind: 'fixed',
        policy: 'account',
      },
    ];
    if (incremental)
      specs.push({
        key: INCREMENTAL_KEY,
        max: scaled(runtime, 10),
        intervalMs: 60_000,
        kind: 'fixed',
        policy: 'incremental',
      });

    // An announced Retry-After binds whether or not windows are enforced (injected 429s announce too).
    for (const spec of specs) {
      const left = runtime.limiter.blockedFor(spec.key);
      if (left > 0) {
        runtime.stats.rateLimited(true);
        return zendeskRateLimited(
          c,
          retryAfterSeconds(left),
          'Number of allowed API requests per minute exceeded',
        );
      }
    }
    if (!runtime.limits.enabled) return next();

    const taken = runtime.limiter.take(specs);
    if (!taken.allowed) {
      const seconds = retryAfterSeconds(taken.retryAfterMs);
      runtime.limiter.announce(taken.spec.key, seconds);
      runtime.stats.rateLimited(false);
      if (taken.spec.key === ZENDESK_ACCOUNT_KEY)
        setHeaders((n, v) => c.header(n, v), taken.spec.max, 0, seconds);
      const what = taken.spec.policy === 'incremental' ? 'incremental export requests' : 'API requests';
      return zendeskRateLimited(c, seconds, `Number of allowed ${what} per minute exceeded`);
    }
    await next();
    const account = taken.windows[0]!;
    setHeaders(
      (n, v) => c.res.headers.set(n, v),
      account.spec.max,
      account.remaining,
      Math.ceil(account.resetMs / 1000),
    );
  };
}
