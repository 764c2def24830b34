/** Test helpers: requests against a sandbox through `sandbox.fetch`, authenticated unless told otherwise. */
import type { Sandbox } from '../sandbox.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON bodies, checked by each test's expectations.
type Json = any;

export interface Answer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

async function answer<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (an HTML 502, a text error): keep the text.
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export function zendeskBasic(sandbox: Sandbox): string {
  const c = sandbox.credentials;
  return `Basic ${Buffer.from(`${c.zendeskEmail}/token:${c.zendeskApiToken}`).toString('base64')}`;
}

export function client(sandbox: Sandbox, origin = 'http://sandbox.test') {
  const hubspotAuth = `Bearer ${sandbox.credentials.hubspotPrivateAppToken}`;
  const send = async <T>(path: string, init: RequestInit = {}) =>
    answer<T>(await sandbox.fetch(new Request(`${origin}${path}`, init)));
  return {
    hubspot: {
      get: <T = Json>(path: string, token: string | null = hubspotAuth) =>
        send<T>(`/hubspot${path}`, { headers: token ? { authorization: token } : {} }),
      post: <T = Json>(path: string, body: unknown, token: string | null = hubspotAuth) =>
        send<T>(`/hubspot${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
          body: JSON.stringify(body),
        }),
      form: <T = Json>(path: string, fields: Record<string, string>) =>
        send<T>(`/hubspot${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        }),
    },
    zendesk: {
      get: <T = Json>(path: string, auth: string | null = zendeskBasic(sandbox)) =>
        send<T>(`/zendesk${path}`, { headers: auth ? { authorization: auth } : {} }),
      post: <T = Json>(path: string, body: unknown) =>
        send<T>(`/zendesk${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
    },
  };
}

/** `http://x/zendesk/api/...?cursor=c` -> `/api/...?cursor=c` (to follow an `after_url`). */
export function zendeskPathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname.replace(/^\/zendesk/, '')}${u.search}`;
}
