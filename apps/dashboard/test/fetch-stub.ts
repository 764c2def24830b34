import { vi } from 'vitest';

export interface StubbedCall {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status?: number; body: unknown };
export type Route = (call: StubbedCall) => Answer | undefined;

/**
 * Stubs the global fetch with the dashboard API: `routes` maps `METHOD /path` (query included) to an
 * answer or a function of the call. Unknown calls answer 404. Returns the calls made.
 */
export function stubApi(routes: Record<string, unknown | ((call: StubbedCall) => Answer)>) {
  const calls: StubbedCall[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const path = `${url.pathname.replace(/^\/dashboard\/api/, '')}${url.search}`;
    const call = {
      method: init.method ?? 'GET',
      path,
      body:
        typeof init.body !== 'string'
          ? undefined
          : new Headers(init.headers).get('content-type') === 'application/json'
            ? JSON.parse(init.body)
            : init.body,
    };
    calls.push(call);
    const route =
      routes[`${call.method} ${path}`] ??
      routes[`${call.method} ${url.pathname.replace(/^\/dashboard\/api/, '')}`];
    const answer: Answer =
      route === undefined
        ? { status: 404, body: { error: 'not_found', message: `no route ${call.method} ${path}` } }
        : typeof route === 'function'
          ? (route as (c: StubbedCall) => Answer)(call)
          : { body: route };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}
