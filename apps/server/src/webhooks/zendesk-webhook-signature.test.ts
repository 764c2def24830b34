import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyZendeskWebhookSignature, zendeskWebhookSignature } from './zendesk-webhook-signature.ts';

const secret = 'dGhpcy1pcy1hLXNpZ25pbmctc2VjcmV0';
const body = '{"type":"zen:event-type:ticket.status_changed","detail":{"id":"35436"}}';
const timestamp = '2026-06-15T12:00:00Z';
const now = Date.parse(timestamp) + 10_000;

describe('Zendesk webhook signature', () => {
  it('is base64 HMAC-SHA256 over timestamp + raw body, as Zendesk documents', () => {
    const expected = createHmac('sha256', secret)
      .update(timestamp + body)
      .digest('base64');
    expect(zendeskWebhookSignature(secret, timestamp, body)).toBe(expected);
  });

  it('accepts a matching signature, ISO or epoch-seconds timestamps', () => {
    const signature = zendeskWebhookSignature(secret, timestamp, body);
    expect(verifyZendeskWebhookSignature({ signingSecret: secret, body, signature, timestamp, now })).toEqual(
      {
        ok: true,
      },
    );
    const seconds = String(Math.floor(now / 1000));
    const bySeconds = zendeskWebhookSignature(secret, seconds, body);
    expect(
      verifyZendeskWebhookSignature({
        signingSecret: secret,
        body,
        signature: bySeconds,
        timestamp: seconds,
        now,
      }).ok,
    ).toBe(true);
  });

  it.each([
    ['another body', { body: `${body} ` }, 'signature does not match'],
    ['another secret', { signingSecret: 'other' }, 'signature does not match'],
    ['a stale timestamp', { now: now + 301_000 }, 'stale timestamp'],
    ['a timestamp from the future', { now: now - 400_000 }, 'stale timestamp'],
    ['no signature', { signature: undefined }, 'missing'],
    ['a timestamp that is no time', { timestamp: 'yesterday' }, 'not a time'],
  ])('refuses %s', (_, over, reason) => {
    const signature = zendeskWebhookSignature(secret, timestamp, body);
    const check = verifyZendeskWebhookSignature({
      signingSecret: secret,
      body,
      signature,
      timestamp,
      now,
      ...over,
    });
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });
});
