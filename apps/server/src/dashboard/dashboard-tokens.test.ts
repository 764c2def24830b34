import { describe, expect, it } from 'vitest';
import {
  LINK_TTL_SECONDS,
  mintLinkToken,
  mintSessionToken,
  verifyLinkToken,
  verifySessionToken,
} from './dashboard-tokens.ts';

const secret = 'the-app-client-secret';
const now = new Date('2026-06-15T12:00:00Z');
const who = { tenantId: 3, portalId: 123, userId: '77', companyId: '42' };

describe('dashboard tokens', () => {
  it('a link names the tenant, portal, user and company, and lapses after 5 minutes', async () => {
    const { token, expiresAt } = await mintLinkToken(secret, who, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(LINK_TTL_SECONDS * 1000);
    const check = await verifyLinkToken(secret, token, new Date(now.getTime() + 299_000));
    expect(check).toMatchObject({ ok: true, token: { ...who, expiresAt } });
    expect(await verifyLinkToken(secret, token, new Date(now.getTime() + 301_000))).toEqual({
      ok: false,
      reason: 'the link has expired',
    });
  });

  it('refuses another key, a changed claim, garbage, and a token of the other kind', async () => {
    const { token } = await mintLinkToken(secret, who, now);
    expect(await verifyLinkToken('another-secret', token, now)).toMatchObject({ ok: false });
    const [head, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const changed = Buffer.from(JSON.stringify({ ...claims, pid: 999 })).toString('base64url');
    expect(await verifyLinkToken(secret, `${head}.${changed}.${sig}`, now)).toMatchObject({ ok: false });
    expect(await verifyLinkToken(secret, 'not.a.token', now)).toMatchObject({ ok: false });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect(await verifyLinkToken(secret, unsigned, now)).toMatchObject({ ok: false });
    // A session is not a link, and a link is not a session (different keys and audiences).
    const session = await mintSessionToken(secret, who, now);
    expect(await verifyLinkToken(secret, session.token, now)).toMatchObject({ ok: false });
    expect(await verifySessionToken(secret, token, now)).toMatchObject({ ok: false });
  });

  it('a session lasts 8 hours and carries no company', async () => {
    const { token, expiresAt } = await mintSessionToken(secret, who, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(8 * 3600 * 1000);
    const check = await verifySessionToken(secret, token, now);
    expect(check.ok && check.token).toMatchObject({ tenantId: 3, portalId: 123, userId: '77' });
    expect(check.ok && check.token.companyId).toBeUndefined();
  });
});
