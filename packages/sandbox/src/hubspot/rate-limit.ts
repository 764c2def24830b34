/**
 * HubSpot's limits per token (https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details):
 * private apps 190 per rolling 10 s and 650,000 a day (Professional / Enterprise), OAuth apps 100
 * per 10 s, search 4 per second. Answers carry `X-HubSpot-RateLimit-*` headers, except search
 * answers, which carry none (as HubSpot's do). The daily headers go to private-app tokens only.
 */
import type { MiddlewareHandler } from 'hono';
import type { LimitSpec } from '../runtime/rate-limiter.ts';
import { retryAfterSeconds } from '../runtime/rate-limiter.ts';
import type { HubSpotPrincipal, Runtime, SandboxEnv } from '../runtime/runtime.ts';
import { scaled } from '../runtime/runtime.ts';
import { hubspotRateLimited } from './errors.ts';

const INTERVAL_MS = 10_000;
const DAY_MS = 86_400_000;

export function isSearchPath(path: string): boolean {
  return /\/search\/?$/.test(path);
}

/** The ledger / window key of a client's policy. */
export function hubspotLimitKey(token: string, policy: string): string {
  return `hubspot|${token}|${policy}`;
}

function specsFor(runtime: Runtime, principal: HubSpotPrincipal, search: boolean): LimitSpec[] {
  if (search) {
    return [
      {
        key: hubspotLimitKey(principal.token, 'SECONDLY'),
        max: scaled(runtime, 4),
        intervalMs: 1000,
        kind: 'rolling',
        policy: 'SECONDLY',
      },
    ];
  }
  const specs: LimitSpec[] = [
    {
      key: hubspotLimitKey(principal.token, 'TEN_SECONDLY_ROLLING'),
      max: scaled(runtime, principal.kind === 'private-app' ? 190 : 100),
      intervalMs: INTERVAL_MS,
      kind: 'rolling',
      policy: 'TEN_SECONDLY_ROLLING',
    },
  ];
  if (principal.kind === 'private-app') {
    specs.push({
      key: hubspotLimitKey(principal.token, 'DAILY'),
      max: scaled(runtime, 650_000),
      intervalMs: DAY_MS,
      kind: 'calendar',
      policy: 'DAILY',
    });
  }
  return specs;
}

export function hubspotRateLimit(runtime: Runtime): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const principal = c.get('hubspot');
    const search = isSearchPath(new URL(c.req.url).pathname);
    const specs = specsFor(runtime, principal, search);

    for (const spec of specs) {
      const left = runtime.limiter.blockedFor(spec.key);
      if (left > 0) {
        runtime.stats.rateLimited(true);
        return hubspotRateLimited(c, runtime, spec.policy, retryAfterSeconds(left));
      }
    }
    // An announced Retry-After binds whether or not windows are enforced (injected 429s announce too).
    if (!runtime.limits.enabled) return next();
    const taken = runtime.limiter.take(specs);
    if (!taken.allowed) {
      const seconds = retryAfterSeconds(taken.retryAfterMs);
      runtime.limiter.announce(taken.spec.key, seconds);
      runtime.stats.rateLimited(false);
      if (!search && taken.spec.policy === 'TEN_SECONDLY_ROLLING') {
        c.header('X-HubSpot-RateLimit-Max', String(taken.spec.max));
        c.header('X-HubSpot-RateLimit-Remaining', '0');
        c.header('X-HubSpot-RateLimit-Interval-Milliseconds', String(INTERVAL_MS));
      }
      return hubspotRateLimited(c, runtime, taken.spec.policy, seconds);
    }
    await next();
    if (search) return;
    const [ten, daily] = taken.windows;
    c.res.headers.set('X-HubSpot-RateLimit-Max', String(ten!.spec.max));
    c.res.headers.set('X-HubSpot-RateLimit-Remaining', String(Math.max(0, ten!.remaining)));
    c.res.headers.set('X-HubSpot-RateLimit-Interval-Milliseconds', String(INTERVAL_MS));
    if (daily) {
      c.res.headers.set('X-HubSpot-RateLimit-Daily', String(daily.spec.max));
      c.res.headers.set('X-HubSpot-RateLimit-Daily-Remaining', String(Math.max(0, daily.remaining)));
    }
  };
}
