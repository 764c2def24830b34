import type { Store } from '@csm/store';
import { createLogger } from '@csm/sync';
import { createApp } from '../app.ts';
import type { AppDeps } from '../app-deps.ts';
import { type Config, loadConfig } from '../config.ts';
import { hubspotSignatureV3 } from '../http/hubspot-signature.ts';
import { createAppDeps } from '../server.ts';

/** The HubSpot client secret and public URL of test apps. */
export const TEST_CLIENT_SECRET = 'hubspot-app-secret';
export const TEST_PUBLIC_URL = 'https://csm.example.com';

/** The real app over a store, without a socket: tests call `app.request(...)`. */
export function testApp(
  store: Store,
  options: { now?: () => Date; env?: Record<string, string> } = {},
): { app: ReturnType<typeof createApp>; deps: AppDeps; config: Config } {
  const config = loadConfig({
    HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
    PUBLIC_URL: TEST_PUBLIC_URL,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const deps = createAppDeps({
    config,
    store,
    publicUrl: TEST_PUBLIC_URL,
    logger: createLogger({ level: 'silent' }),
    ...(options.now ? { now: options.now } : {}),
  });
  return { app: createApp(deps), deps, config };
}

/** A GET signed the way HubSpot signs `hubspot.fetch` calls (the URI as HubSpot called it: PUBLIC_URL). */
export function signedHubSpotGet(
  pathAndQuery: string,
  options: { secret?: string; timestamp?: number; now?: Date } = {},
): Request {
  const timestamp = String(options.timestamp ?? (options.now ?? new Date()).getTime());
  const signature = hubspotSignatureV3(
    options.secret ?? TEST_CLIENT_SECRET,
    'GET',
    `${TEST_PUBLIC_URL}${pathAndQuery}`,
    '',
    timestamp,
  );
  // The server sees its own (internal) host; the signed URI is rebuilt from PUBLIC_URL.
  return new Request(`http://127.0.0.1:3000${pathAndQuery}`, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  });
}
