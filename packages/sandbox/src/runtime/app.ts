/**
 * The one hono app behind every mode (msw handlers, `sandbox.fetch`, the loopback server): HubSpot
 * under `/hubspot`, Zendesk under `/zendesk`. A first middleware counts the request, applies the
 * configured delay and decides injected faults, before anything else can change state.
 */
import { Hono } from 'hono';
import { hubspotApp } from '../hubspot/app.ts';
import { bearerToken } from '../hubspot/auth.ts';
import { hubspotRateLimited } from '../hubspot/errors.ts';
import { hubspotLimitKey, isSearchPath } from '../hubspot/rate-limit.ts';
import { zendeskApp } from '../zendesk/app.ts';
import { zendeskRateLimited } from '../zendesk/errors.ts';
import { ZENDESK_ACCOUNT_KEY } from '../zendesk/rate-limit.ts';
import { type Api, DROP_HEADER, type Runtime, type SandboxContext, type SandboxEnv } from './runtime.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function apiOf(path: string): Api | null {
  if (path === '/hubspot' || path.startsWith('/hubspot/')) return 'hubspot';
  if (path === '/zendesk' || path.startsWith('/zendesk/')) return 'zendesk';
  return null;
}

function serverError(
  c: SandboxContext,
  runtime: Runtime,
  api: Api | null,
  status: 500 | 502 | 503,
): Response {
  // A 502 comes from the edge, not the API: an HTML page, as a load balancer would send.
  if (status === 502)
    return c.html(
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
      502,
    );
  if (api === 'zendesk') {
    return c.json(
      status === 500
        ? { error: 'InternalServerError', description: 'Something went wrong' }
        : { error: 'ServiceUnavailable', description: 'Service temporarily unavailable' },
      status,
    );
  }
  return c.json(
    {
      status: 'error',
      message: status === 500 ? 'internal error' : 'Service Unavailable',
      correlationId: runtime.nextCorrelationId(),
      category: status === 500 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE',
    },
    status,
  );
}

/** An injected 429: the API's own body, and a Retry-After the sandbox then holds the client to. */
function burst(
  c: SandboxContext,
  runtime: Runtime,
  api: Api | null,
  path: string,
  seconds: number,
): Response {
  if (api === 'zendesk') {
    runtime.limiter.announce(ZENDESK_ACCOUNT_KEY, seconds);
    return zendeskRateLimited(c, seconds, 'Number of allowed API requests per minute exceeded');
  }
  const policy = isSearchPath(path) ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING';
  const token = bearerToken(c.req.header('authorization'));
  if (token) runtime.limiter.announce(hubspotLimitKey(token, policy), seconds);
  return hubspotRateLimited(c, runtime, policy, seconds);
}

export function createApp(runtime: Runtime): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const api = apiOf(path);
    runtime.stats.request(c.req.method, path);
    if (runtime.faults.slowMs > 0) await sleep(runtime.faults.slowMs);
    const fault = runtime.faults.decide();
    if (fault.kind !== 'none') runtime.stats.fault(c.req.method, path);
    switch (fault.kind) {
      case 'drop':
        return new Response(null, { status: 503, headers: { [DROP_HEADER]: '1' } });
      case 'server-error':
        return serverError(c, runtime, api, fault.status);
      case 'rate-limit':
        runtime.stats.rateLimited(false);
        return burst(c, runtime, api, path, fault.retryAfterSeconds);
      default:
        return next();
    }
  });
  app.route('/hubspot', hubspotApp(runtime));
  app.route('/zendesk', zendeskApp(runtime));
  app.notFound((c) => c.json({ error: 'Not found: sandbox paths start with /hubspot or /zendesk' }, 404));
  return app;
}
