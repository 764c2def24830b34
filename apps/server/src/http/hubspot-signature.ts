import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '@csm/store';

/** HubSpot refuses to sign requests older than this, and so do we. */
export const MAX_SIGNATURE_AGE_MS = 300_000;

/**
 * The escapes HubSpot's request-validation guide decodes in the URI before hashing
 * (https://developers.hubspot.com/docs/api/webhooks/validating-requests).
 */
const decodedEscapes: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function hubspotDecodedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => decodedEscapes[m.toUpperCase()] ?? m);
}

/** base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)): HubSpot's v3 signature. */
export function hubspotSignatureV3(
  clientSecret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
): string {
  return createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies a v3-signed request. The URI is the one HubSpot called (rebuilt from PUBLIC_URL behind
 * a proxy); a match on the URI as sent or on its decoded form is accepted, since HubSpot's guide
 * and its own client library hash differently and both are computed from the request itself.
 */
export function verifyHubSpotSignature(input: {
  clientSecret: string;
  method: string;
  uri: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now: number;
}): SignatureCheck {
  if (!input.signature || !input.timestamp)
    return { ok: false, reason: 'missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp' };
  const sentAt = Number(input.timestamp);
  if (!Number.isFinite(sentAt)) return { ok: false, reason: 'X-HubSpot-Request-Timestamp is not a number' };
  if (Math.abs(input.now - sentAt) > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'stale timestamp' };
  for (const uri of new Set([input.uri, hubspotDecodedUri(input.uri)])) {
    const expected = hubspotSignatureV3(
      input.clientSecret,
      input.method.toUpperCase(),
      uri,
      input.body,
      input.timestamp,
    );
    if (constantTimeEqual(expected, input.signature)) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
}
