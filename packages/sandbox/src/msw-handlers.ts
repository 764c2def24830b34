/**
 * The sandbox as msw handlers: every request under a base URL is forwarded to the hono app, with
 * the base passed along so that links in answers (`paging.next.link`, `after_url`) point back at
 * the URL the client used. A dropped connection becomes `HttpResponse.error()`, a network error.
 */
import type { Hono } from 'hono';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { DROP_HEADER, type SandboxEnv } from './runtime/runtime.ts';

export interface SandboxBases {
  /** e.g. `https://api.hubapi.com` (what `HUBSPOT_API_BASE_URL` would be). */
  hubspotBaseUrl: string;
  /** e.g. `https://acme.zendesk.com`. */
  zendeskBaseUrl: string;
}

const trim = (url: string) => url.replace(/\/+$/, '');

export function mswHandlers(app: Hono<SandboxEnv>, bases: SandboxBases): HttpHandler[] {
  const env = { bases: { hubspot: trim(bases.hubspotBaseUrl), zendesk: trim(bases.zendeskBaseUrl) } };
  return (['hubspot', 'zendesk'] as const).map((api) => {
    const base = env.bases[api];
    return http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const rest = url.href.slice(base.length).replace(/[?#].*$/, '');
      const target = new URL(
        `/${api}${rest.startsWith('/') ? rest : `/${rest}`}${url.search}`,
        'http://sandbox.internal',
      );
      const body =
        request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      const response = await app.fetch(
        new Request(target, { method: request.method, headers: request.headers, body }),
        env,
      );
      if (response.headers.get(DROP_HEADER)) return HttpResponse.error();
      return response;
    });
  });
}
