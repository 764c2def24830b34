/**
 * Test helpers for installs and webhooks: a sandbox served on loopback, the real app over a store
 * with the sandbox's OAuth clients configured, and the browser's side of the OAuth dance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createSandbox,
  type ListeningSandbox,
  type Sandbox,
  type WebhooksComponentConfig,
} from '@csm/sandbox';
import type { Store } from '@csm/store';
import type { App } from '../app.ts';
import type { AppDeps } from '../app-deps.ts';
import { hubspotSignatureV3 } from '../http/hubspot-signature.ts';
import { zendeskWebhookSignature } from '../webhooks/zendesk-webhook-signature.ts';
import { TEST_PUBLIC_URL, testApp } from './index.ts';

export interface InstallEnv {
  sandbox: Sandbox;
  server: ListeningSandbox;
  store: Store;
  app: App;
  deps: AppDeps;
  close(): Promise<void>;
}

/** The sandbox (8 companies, no rate limits) served on loopback, and the app configured for it. */
export async function installEnv(
  store: Store,
  options: { env?: Record<string, string> } = {},
): Promise<InstallEnv> {
  const sandbox = createSandbox({ seed: 11, companies: 8, rateLimits: false });
  const server = await sandbox.listen({ port: 0 });
  const c = sandbox.credentials;
  const { app, deps } = testApp(store, {
    env: {
      HUBSPOT_API_BASE_URL: server.hubspotBaseUrl,
      ZENDESK_API_BASE_URL: server.zendeskBaseUrl,
      HUBSPOT_CLIENT_ID: c.hubspotClientId,
      HUBSPOT_CLIENT_SECRET: c.hubspotClientSecret,
      ZENDESK_CLIENT_ID: c.zendeskClientId,
      ZENDESK_CLIENT_SECRET: c.zendeskClientSecret,
      ...options.env,
    },
  });
  return {
    sandbox,
    server,
    store,
    app,
    deps,
    async close() {
      await deps.scheduler.close();
      await server.close();
      await store.close();
    },
  };
}

/**
 * The HubSpot project's webhooks component (apps/hubspot-app), its target set to the test
 * server's `PUBLIC_URL/webhooks/hubspot` as `set-backend-url` sets it before an upload.
 */
export function projectWebhooks(): WebhooksComponentConfig {
  const file = path.resolve(
    import.meta.dirname,
    '../../../hubspot-app/src/app/webhooks/webhooks-hsmeta.json',
  );
  const { config } = JSON.parse(readFileSync(file, 'utf8')) as { config: WebhooksComponentConfig };
  return { ...config, settings: { ...config.settings, targetUrl: `${TEST_PUBLIC_URL}/webhooks/hubspot` } };
}

/** `name=value` of a Set-Cookie header. */
export const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

/**
 * A browser installing: `/oauth/{api}/install` on our app, the vendor's consent screen (the
 * sandbox's redirect), then the callback URL it sends the browser to, as a path on our app.
 */
export async function consent(
  env: InstallEnv,
  installPath: string,
): Promise<{ install: Response; cookie: string; callbackPath: string }> {
  const install = await env.app.request(installPath);
  if (install.status !== 302) throw new Error(`install answered ${install.status}: ${await install.text()}`);
  const authorize = await fetch(install.headers.get('location')!, { redirect: 'manual' });
  if (authorize.status !== 302)
    throw new Error(`authorize answered ${authorize.status}: ${await authorize.text()}`);
  const callback = new URL(authorize.headers.get('location')!);
  if (callback.origin !== TEST_PUBLIC_URL) throw new Error(`redirected to ${callback.origin}`);
  return { install, cookie: cookieOf(install), callbackPath: `${callback.pathname}${callback.search}` };
}

/** A whole HubSpot install by a browser; the callback's answer. */
export async function installHubSpotApp(env: InstallEnv): Promise<Response> {
  const { cookie, callbackPath } = await consent(env, '/oauth/hubspot/install');
  return env.app.request(callbackPath, { headers: { cookie } });
}

/** A POST to `/webhooks/hubspot` signed as HubSpot signs deliveries (the URI is PUBLIC_URL's). */
export function signedHubSpotPost(
  secret: string,
  body: string,
  options: { timestamp?: number; path?: string } = {},
): Request {
  const path = options.path ?? '/webhooks/hubspot';
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = hubspotSignatureV3(secret, 'POST', `${TEST_PUBLIC_URL}${path}`, body, timestamp);
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
    body,
  });
}

/**
 * A Zendesk event delivery body in the envelope of the reference's examples
 * (https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/): e.g.
 * `zendeskEvent('ticket.status_changed', 'zen:ticket:35436', { id: '35436', status: 'SOLVED' },
 * { current: 'SOLVED', previous: 'OPEN' })`.
 */
export function zendeskEvent(
  type: string,
  subject: string,
  detail: Record<string, unknown>,
  event: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    account_id: 12514403,
    detail,
    event,
    id: 'cbe4028c-7239-495d-b020-f22348516046',
    subject,
    time: '2025-01-08T10:12:07.672717030Z',
    type: `zen:event-type:${type}`,
    zendesk_event_version: '2022-11-06',
  });
}

/** A Zendesk webhook delivery to `/webhooks/zendesk/{tenant}`, signed with the tenant's secret. */
export function signedZendeskPost(
  tenant: string,
  secret: string,
  body: string,
  options: { timestamp?: string; invocationId?: string } = {},
): Request {
  const timestamp = options.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return new Request(`http://127.0.0.1:3000/webhooks/zendesk/${encodeURIComponent(tenant)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': zendeskWebhookSignature(secret, timestamp, body),
      'x-zendesk-webhook-signature-timestamp': timestamp,
      ...(options.invocationId ? { 'x-zendesk-webhook-invocation-id': options.invocationId } : {}),
    },
    body,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: parsed answer bodies, checked by each test's expectations.
type Json = any;

/** A response's JSON body, for expectations. */
export const jsonOf = async (response: Response): Promise<Json> => response.json();
