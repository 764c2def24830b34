import type { ApiClient, OAuthTokens } from '@csm/http';
import { z } from 'zod';
import { zendeskPaths } from './paths.ts';
import { zendeskRequest } from './sdk.ts';

/**
 * Zendesk's OAuth token endpoint (global OAuth clients for marketplace apps).
 * https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/
 */
const tokenAnswer = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  expires_in: z.number().nullable().optional(),
});

export interface ZendeskApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

function toTokens(body: unknown): OAuthTokens {
  const t = tokenAnswer.parse(body);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: t.expires_in ? new Date(Date.now() + t.expires_in * 1000).toISOString() : undefined,
  };
}

export async function exchangeZendeskCode(
  client: ApiClient,
  app: ZendeskApp,
  code: string,
  scope = 'read',
): Promise<OAuthTokens> {
  const { body } = await zendeskRequest(
    client,
    'oauthtokens',
    'POST',
    zendeskPaths.token,
    {},
    {
      variant: 'token',
      body: {
        grant_type: 'authorization_code',
        code,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: app.redirectUri,
        scope,
      },
    },
  );
  return toTokens(body);
}

export async function refreshZendeskToken(
  client: ApiClient,
  app: ZendeskApp,
  refreshToken: string,
): Promise<OAuthTokens> {
  const { body } = await zendeskRequest(
    client,
    'oauthtokens',
    'POST',
    zendeskPaths.token,
    {},
    {
      variant: 'token',
      body: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      },
    },
  );
  return toTokens(body);
}
