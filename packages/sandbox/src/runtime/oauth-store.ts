/**
 * OAuth grants the sandbox issued: authorization codes (single use, 10 minutes), access tokens
 * (expiring after `tokenTtlSeconds` on the sandbox clock) and refresh tokens. HubSpot keeps a
 * refresh token for the life of the install; Zendesk rotates it on every refresh and deletes the
 * previous access and refresh tokens ("A successful request will also return a refresh token and
 * delete the previous access and refresh tokens", Zendesk's OAuth refresh-token announcement, 2025).
 */
import type { SandboxClock } from '../clock.ts';
import { type Rng, randomAlnum, randomHex, randomUuid } from '../random.ts';

export type OAuthApi = 'hubspot' | 'zendesk';

export interface Grant {
  api: OAuthApi;
  clientId: string;
  scopes: string[];
  accessToken: string;
  refreshToken: string;
  /** Sandbox-clock epoch ms. */
  expiresAt: number;
  issuedAt: number;
}

interface Code {
  api: OAuthApi;
  clientId: string;
  scopes: string[];
  redirectUri: string | null;
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60_000;

export class OAuthStore {
  private readonly codes = new Map<string, Code>();
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly rng: Rng,
    readonly ttlSeconds: number,
  ) {}

  mintCode(api: OAuthApi, clientId: string, scopes: string[], redirectUri: string | null): string {
    const code = api === 'hubspot' ? randomUuid(this.rng) : randomAlnum(this.rng, 30);
    this.codes.set(code, { api, clientId, scopes, redirectUri, expiresAt: this.clock.now() + CODE_TTL_MS });
    return code;
  }

  /** Looks a code up without using it (so that a refused exchange leaves it valid). */
  peekCode(api: OAuthApi, code: string): Code | 'expired' | undefined {
    const entry = this.codes.get(code);
    if (!entry || entry.api !== api) return undefined;
    if (entry.expiresAt <= this.clock.now()) return 'expired';
    return entry;
  }

  /** Exchanges a code (single use) for a new grant. */
  redeem(api: OAuthApi, code: string): Grant {
    const entry = this.codes.get(code);
    if (!entry || entry.api !== api) throw new Error('unknown code');
    this.codes.delete(code);
    return this.issue(api, entry.clientId, entry.scopes);
  }

  private issue(api: OAuthApi, clientId: string, scopes: string[]): Grant {
    const now = this.clock.now();
    const grant: Grant = {
      api,
      clientId,
      scopes,
      accessToken: api === 'hubspot' ? `CO${randomAlnum(this.rng, 72)}` : randomHex(this.rng, 64),
      refreshToken: api === 'hubspot' ? `na1-${randomUuid(this.rng)}` : randomHex(this.rng, 64),
      expiresAt: now + this.ttlSeconds * 1000,
      issuedAt: now,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return grant;
  }

  /** Revokes every access and refresh token of an API (the admin revoked the app's tokens). */
  revokeAll(api: OAuthApi): void {
    for (const [token, grant] of this.byAccess) if (grant.api === api) this.byAccess.delete(token);
    for (const [token, grant] of this.byRefresh) if (grant.api === api) this.byRefresh.delete(token);
  }

  findRefresh(api: OAuthApi, refreshToken: string): Grant | undefined {
    const grant = this.byRefresh.get(refreshToken);
    return grant?.api === api ? grant : undefined;
  }

  /** A new access token for a refresh token; Zendesk also rotates the refresh token. */
  refresh(grant: Grant): Grant {
    const now = this.clock.now();
    if (grant.api === 'hubspot') {
      const fresh: Grant = {
        ...grant,
        accessToken: `CO${randomAlnum(this.rng, 72)}`,
        expiresAt: now + this.ttlSeconds * 1000,
        issuedAt: now,
      };
      this.byAccess.set(fresh.accessToken, fresh);
      this.byRefresh.set(fresh.refreshToken, fresh);
      return fresh;
    }
    this.byAccess.delete(grant.accessToken);
    this.byRefresh.delete(grant.refreshToken);
    return this.issue(grant.api, grant.clientId, grant.scopes);
  }

  /** The grant of an access token, `expired` past its lifetime, undefined when unknown. */
  access(api: OAuthApi, token: string): Grant | { expired: Grant } | undefined {
    const grant = this.byAccess.get(token);
    if (!grant || grant.api !== api) return undefined;
    if (grant.expiresAt <= this.clock.now()) return { expired: grant };
    return grant;
  }

  now(): number {
    return this.clock.now();
  }
}
