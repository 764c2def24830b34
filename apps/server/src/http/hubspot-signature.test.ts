import { describe, expect, it } from 'vitest';
import { hubspotDecodedUri, hubspotSignatureV3, verifyHubSpotSignature } from './hubspot-signature.ts';

const secret = 'app-client-secret';
const now = 1_780_000_000_000;
const uri = 'https://csm.example.com/cards/hubspot/companies/42?portalId=7&userEmail=ann%40acme.com';

describe('HubSpot v3 signatures', () => {
  it('matches the documented construction: base64 HMAC-SHA256 of method + URI + body + timestamp', () => {
    // Computed independently: echo -n 'GEThttps://a.test/x?y=1{}1700000000000' | openssl dgst -sha256 -hmac s -binary | base64
    expect(hubspotSignatureV3('s', 'GET', 'https://a.test/x?y=1', '{}', '1700000000000')).toBe(
      'E+/RlnJFDiSMLgqgWQtTzlASAajM/VApkYClh0nlGmc=',
    );
  });

  it('accepts a signature over the URI as sent or over its decoded form', () => {
    const ts = String(now - 1000);
    for (const signedUri of [uri, hubspotDecodedUri(uri)]) {
      const signature = hubspotSignatureV3(secret, 'GET', signedUri, '', ts);
      expect(
        verifyHubSpotSignature({
          clientSecret: secret,
          method: 'GET',
          uri,
          body: '',
          signature,
          timestamp: ts,
          now,
        }),
      ).toEqual({ ok: true });
    }
    expect(hubspotDecodedUri(uri)).toContain('userEmail=ann@acme.com');
  });

  it('refuses stale, missing, tampered and wrongly keyed signatures', () => {
    const ts = String(now);
    const good = hubspotSignatureV3(secret, 'GET', uri, '', ts);
    const check = (over: Partial<Parameters<typeof verifyHubSpotSignature>[0]>) =>
      verifyHubSpotSignature({
        clientSecret: secret,
        method: 'GET',
        uri,
        body: '',
        signature: good,
        timestamp: ts,
        now,
        ...over,
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ now: now + 300_001 })).toEqual({ ok: false, reason: 'stale timestamp' });
    expect(check({ signature: undefined }).ok).toBe(false);
    expect(check({ uri: uri.replace('portalId=7', 'portalId=8') }).ok).toBe(false);
    expect(check({ body: 'x' }).ok).toBe(false);
    expect(check({ clientSecret: 'other' }).ok).toBe(false);
    expect(check({ timestamp: 'soon' }).ok).toBe(false);
  });
});
