import { createHmac, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { isRecordId } from '../http/ids.ts';

/**
 * The dashboard's two signed tokens (JWT, HS256, via `jose`), keyed by HUBSPOT_CLIENT_SECRET (the
 * secret that proved the card request) with a different derived key per purpose:
 *
 * - a sign-in **link** token, minted for a verified HubSpot card request: bound to the portal and
 *   the HubSpot user, valid {@link LINK_TTL_SECONDS}, usable once (its `jti` is claimed in the store);
 * - a **session** token, the value of the HttpOnly cookie that opening the link sets: the tenant,
 *   portal and user, valid {@link SESSION_TTL_SECONDS}.
 */

export const LINK_TTL_SECONDS = 300;
export const SESSION_TTL_SECONDS = 8 * 3600;
const ISSUER = 'success-metrics';
const LINK_AUDIENCE = 'csm-dashboard-link';
const SESSION_AUDIENCE = 'csm-dashboard-session';

const keyOf = (secret: string, purpose: string) =>
  new Uint8Array(createHmac('sha256', secret).update(`csm dashboard ${purpose} v1`).digest());

const claimsSchema = z.object({
  tid: z.number().int().positive(),
  pid: z.number().int().positive(),
  sub: z.string().min(1),
  cid: z.string().refine(isRecordId).optional(),
  jti: z.string().min(1),
  exp: z.number().int(),
});

/** Who a token speaks for: a HubSpot user of one portal, and so of one tenant. */
export interface DashboardIdentity {
  tenantId: number;
  portalId: number;
  userId: string;
  /** The company whose card minted the link (the dashboard opens its page). */
  companyId?: string;
}

export interface VerifiedToken extends DashboardIdentity {
  jti: string;
  expiresAt: Date;
}

async function sign(
  secret: string,
  purpose: 'link' | 'session',
  who: DashboardIdentity,
  ttlSeconds: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({
    tid: who.tenantId,
    pid: who.portalId,
    ...(who.companyId ? { cid: who.companyId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(purpose === 'link' ? LINK_AUDIENCE : SESSION_AUDIENCE)
    .setSubject(who.userId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(keyOf(secret, purpose));
  return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
}

export type TokenCheck = { ok: true; token: VerifiedToken } | { ok: false; reason: string };

async function verify(
  secret: string,
  purpose: 'link' | 'session',
  token: string,
  now: Date,
): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret, purpose), {
      issuer: ISSUER,
      audience: purpose === 'link' ? LINK_AUDIENCE : SESSION_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
      requiredClaims: ['exp', 'jti', 'sub'],
    });
    const claims = claimsSchema.parse(payload);
    return {
      ok: true,
      token: {
        tenantId: claims.tid,
        portalId: claims.pid,
        userId: claims.sub,
        ...(claims.cid ? { companyId: claims.cid } : {}),
        jti: claims.jti,
        expiresAt: new Date(claims.exp * 1000),
      },
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'the link has expired' };
    return { ok: false, reason: 'the link is not one we issued' };
  }
}

/**
 * A sign-in link token for a HubSpot user of a portal.
 *
 * @example
 * const { token } = await mintLinkToken(secret, { tenantId: 3, portalId: 123, userId: '77' }, new Date());
 */
export const mintLinkToken = (secret: string, who: DashboardIdentity, now: Date) =>
  sign(secret, 'link', who, LINK_TTL_SECONDS, now);

export const verifyLinkToken = (secret: string, token: string, now: Date) =>
  verify(secret, 'link', token, now);

/** The session cookie's value for a verified link. */
export const mintSessionToken = (secret: string, who: DashboardIdentity, now: Date) =>
  sign(
    secret,
    'session',
    { tenantId: who.tenantId, portalId: who.portalId, userId: who.userId },
    SESSION_TTL_SECONDS,
    now,
  );

export const verifySessionToken = (secret: string, token: string, now: Date) =>
  verify(secret, 'session', token, now);
