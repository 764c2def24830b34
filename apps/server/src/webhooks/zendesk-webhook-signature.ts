import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '@csm/store';
import type { SignatureCheck } from '../http/hubspot-signature.ts';

/** Deliveries signed longer ago than this are refused (replays). */
export const MAX_ZENDESK_SIGNATURE_AGE_MS = 300_000;

/**
 * base64(HMAC-SHA256(signingSecret, timestamp + rawBody)): Zendesk's webhook signature.
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 */
export function zendeskWebhookSignature(signingSecret: string, timestamp: string, body: string): string {
  return createHmac('sha256', signingSecret).update(`${timestamp}${body}`).digest('base64');
}

/**
 * When the delivery was signed: Zendesk sends ISO 8601 (`2021-03-25T05:09:27Z`,
 * https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/); epoch
 * seconds are accepted too.
 */
function signedAt(timestamp: string): number {
  return /^\d+$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
}

/**
 * Verifies `X-Zendesk-Webhook-Signature` over `X-Zendesk-Webhook-Signature-Timestamp` and the raw
 * body, in constant time, refusing timestamps further than five minutes from now.
 *
 * @example
 * verifyZendeskWebhookSignature({ signingSecret, body, signature, timestamp, now: Date.now() }); // { ok: true }
 */
export function verifyZendeskWebhookSignature(input: {
  signingSecret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now: number;
}): SignatureCheck {
  if (!input.signature || !input.timestamp)
    return {
      ok: false,
      reason: 'missing X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp',
    };
  const at = signedAt(input.timestamp);
  if (!Number.isFinite(at))
    return { ok: false, reason: 'X-Zendesk-Webhook-Signature-Timestamp is not a time' };
  if (Math.abs(input.now - at) > MAX_ZENDESK_SIGNATURE_AGE_MS)
    return { ok: false, reason: 'stale timestamp' };
  const expected = zendeskWebhookSignature(input.signingSecret, input.timestamp, input.body);
  return constantTimeEqual(expected, input.signature)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match' };
}
