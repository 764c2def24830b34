import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '@csm/store';
import { z } from 'zod';

/**
 * OAuth `state` bound to the browser that started the install (RFC 6749 §10.12): the install
 * route sets an HttpOnly, SameSite=Lax cookie holding a random nonce and sends
 * `state = base64url(payload).hmac`, where the payload names that nonce, an expiry and what the
 * callback needs (the tenant and subdomain of a Zendesk connect). The callback accepts the state
 * only with a valid HMAC (keyed by the app's client secret), unexpired, and naming the nonce of
 * the cookie this browser sends; a link forged or replayed from another browser has no cookie.
 */

/** How long an install may take between the redirect and the callback. */
export const STATE_TTL_MS = 15 * 60_000;

export const stateCookieName = (api: 'hubspot' | 'zendesk') => `csm_oauth_${api}`;

/** 24 random bytes, base64url: the cookie's value. */
export const newNonce = () => randomBytes(24).toString('base64url');

const payloadSchema = z.object({
  n: z.string().min(1),
  exp: z.number().int(),
  d: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type StateData = Record<string, string | number>;

const keyOf = (secret: string) => createHmac('sha256', secret).update('csm oauth state v1').digest();
const mac = (secret: string, payload: string) =>
  createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');

/** The signed `state` for a nonce (the cookie) and what the callback needs. */
export function signState(secret: string, nonce: string, data: StateData, now: Date): string {
  const payload = Buffer.from(
    JSON.stringify({ n: nonce, exp: now.getTime() + STATE_TTL_MS, d: data }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export type StateCheck = { ok: true; data: StateData } | { ok: false; reason: string };

/** Verifies a callback's `state` against the nonce cookie of the browser that brings it. */
export function verifyState(
  secret: string,
  state: string | undefined,
  cookieNonce: string | undefined,
  now: Date,
): StateCheck {
  if (!state) return { ok: false, reason: 'the callback has no state parameter' };
  if (!cookieNonce)
    return {
      ok: false,
      reason: 'this browser did not start the install (no state cookie); start again from the install link',
    };
  const [payload = '', signature = ''] = state.split('.');
  if (!payload || !constantTimeEqual(mac(secret, payload), signature))
    return { ok: false, reason: 'the state parameter is not one we issued' };
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'the state parameter is malformed' };
  }
  if (parsed.exp < now.getTime()) return { ok: false, reason: 'the install took too long; start again' };
  if (!constantTimeEqual(parsed.n, cookieNonce))
    return {
      ok: false,
      reason: 'the state belongs to another browser session; start again from the install link',
    };
  return { ok: true, data: parsed.d };
}

/** The constant a connect grant is signed for, in place of a browser nonce. */
const GRANT = 'zendesk-connect-grant';
/** How long a "connect Zendesk" link stays valid. */
export const GRANT_TTL_MS = 60 * 60_000;

/**
 * A grant to connect Zendesk to one tenant: handed to whoever just installed the HubSpot app (its
 * success page) or holds the tenant's app token; the Zendesk install route requires it.
 */
export function signConnectGrant(secret: string, tenantId: number, now: Date): string {
  return signState(
    secret,
    GRANT,
    { p: 'grant', t: tenantId },
    new Date(now.getTime() + GRANT_TTL_MS - STATE_TTL_MS),
  );
}

/** The tenant id a grant was made for, or why it is refused. */
export function verifyConnectGrant(
  secret: string,
  grant: string | undefined,
  now: Date,
): { ok: true; tenantId: number } | { ok: false; reason: string } {
  const check = verifyState(secret, grant, GRANT, now);
  if (!check.ok || check.data.p !== 'grant' || typeof check.data.t !== 'number')
    return { ok: false, reason: 'the connect link is not valid (expired or altered); ask for a new one' };
  return { ok: true, tenantId: check.data.t };
}
