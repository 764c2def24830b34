import { type ApiClient, ApiError, type OAuthTokens } from '@csm/http';
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

/**
 * New tokens for a refresh token (Zendesk rotates the refresh token too). A refused grant (400,
 * `invalid_grant`: revoked, expired or already used) is the tenant's credential gone, an
 * `unauthorized` ApiError; a refused client (401, `invalid_client`) is our configuration's fault.
 *
 * @example
 * const tokens = await refreshZendeskToken(client, app, refreshToken);
 */
export async function refreshZendeskToken(
  client: ApiClient,
  app: ZendeskApp,
  refreshToken: string,
): Promise<OAuthTokens> {
  const { body } = await refreshRequest(client, app, refreshToken).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 400)
      throw new ApiError(
        'unauthorized',
        `Zendesk refused the refresh token (access revoked or expired; reconnect Zendesk): ${error.message}`,
        { status: 400, cause: error },
      );
    if (error instanceof ApiError && error.status === 401)
      throw new ApiError(
        'invalid_input',
        `Zendesk refused the OAuth client: check ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET (${error.message})`,
        { status: 401, cause: error },
      );
    throw error;
  });
  return toTokens(body);
}

function refreshRequest(client: ApiClient, app: ZendeskApp, refreshToken: string) {
  return zendeskRequest(
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
}
