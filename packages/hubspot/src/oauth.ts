import type { ApiClient, OAuthTokens } from '@csm/http';
import { z } from 'zod';
import { hubspotSdk, rawBody } from './sdk.ts';

/**
 * HubSpot's OAuth token endpoint, the only module that knows it: HubSpot retires the v1 token API
 * on 2027-02-16 in favour of v3, and this file is where that move happens.
 * https://developers.hubspot.com/docs/api/oauth/tokens
 */
const tokenAnswer = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number(),
});

export interface HubSpotApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

function toTokens(body: unknown, now: number): OAuthTokens {
  const t = tokenAnswer.parse(body);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: new Date(now + t.expires_in * 1000).toISOString(),
  };
}

/** Authorization-code exchange at the end of an install. */
export async function exchangeHubSpotCode(
  client: ApiClient,
  app: HubSpotApp,
  code: string,
): Promise<OAuthTokens> {
  const info = await hubspotSdk(client, { anonymous: true }).oauth.tokensApi.createWithHttpInfo(
    'authorization_code',
    code,
    app.redirectUri,
    app.clientId,
    app.clientSecret,
  );
  return toTokens(rawBody(info), Date.now());
}

export async function refreshHubSpotToken(
  client: ApiClient,
  app: HubSpotApp,
  refreshToken: string,
): Promise<OAuthTokens> {
  const info = await hubspotSdk(client, { anonymous: true }).oauth.tokensApi.createWithHttpInfo(
    'refresh_token',
    undefined,
    app.redirectUri,
    app.clientId,
    app.clientSecret,
    refreshToken,
  );
  return toTokens(rawBody(info), Date.now());
}
