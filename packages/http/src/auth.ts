/**
 * How a request is authorized. OAuth providers refresh ahead of expiry (HubSpot asks for that
 * and says a 401 is no signal to refresh) and, where the API's policy allows, once after a 401.
 */
export interface AuthProvider {
  /** The `Authorization` header value for the next request. */
  header(): Promise<string>;
  /** Gets a fresh token after a 401; false when this provider cannot (static tokens). */
  refresh?(): Promise<boolean>;
}

/** A static bearer token (HubSpot private-app token, a Zendesk OAuth token without refresh). */
export function bearerAuth(token: string): AuthProvider {
  return { header: async () => `Bearer ${token}` };
}

/** Zendesk API-token auth: basic `{email}/token:{api_token}`. */
export function zendeskTokenAuth(email: string, apiToken: string): AuthProvider {
  const value = `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString('base64')}`;
  return { header: async () => value };
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string | undefined;
  /** ISO 8601; absent when the token does not expire. */
  expiresAt?: string | undefined;
}

export interface OAuthAuthOptions {
  tokens: OAuthTokens;
  /** Exchanges the refresh token for new tokens (one module per API owns the token endpoint). */
  refresh(refreshToken: string): Promise<OAuthTokens>;
  /** Persists new tokens (encrypted by the store) before they are used. */
  save(tokens: OAuthTokens): Promise<void>;
  /** Refresh this long before expiry. */
  marginMs?: number;
  now?: () => number;
}

/**
 * OAuth bearer auth that refreshes ahead of expiry, one refresh at a time however many requests
 * are waiting.
 */
export function oauthAuth(options: OAuthAuthOptions): AuthProvider {
  let tokens = options.tokens;
  let refreshing: Promise<boolean> | undefined;
  const now = options.now ?? Date.now;
  const margin = options.marginMs ?? 5 * 60_000;

  async function doRefresh(): Promise<boolean> {
    if (!tokens.refreshToken) return false;
    refreshing ??= (async () => {
      try {
        const next = await options.refresh(tokens.refreshToken!);
        const merged = { ...next, refreshToken: next.refreshToken ?? tokens.refreshToken };
        await options.save(merged);
        tokens = merged;
        return true;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  return {
    async header() {
      if (tokens.expiresAt && Date.parse(tokens.expiresAt) - margin <= now()) await doRefresh();
      return `Bearer ${tokens.accessToken}`;
    },
    refresh: doRefresh,
  };
}
