import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed bodies, checked field by field.
type Json = any;

/** The request body of the reference's "Create or clone webhook" example, with event subscriptions. */
const webhook = (over: Record<string, unknown> = {}) => ({
  webhook: {
    name: 'Example Webhook',
    status: 'active',
    endpoint: 'https://example.com/status/200',
    http_method: 'POST',
    request_format: 'json',
    subscriptions: ['zen:event-type:ticket.status_changed', 'zen:event-type:organization.name_changed'],
    ...over,
  },
});

function setup() {
  const sandbox = createSandbox({ seed: 4, companies: 6, rateLimits: false });
  const received: Request[] = [];
  sandbox.setZendeskWebhookTransport(async (request) => {
    received.push(request);
    return new Response(null, { status: 200 });
  });
  const api = client(sandbox).zendesk;
  const basic = () =>
    `Basic ${Buffer.from(`${sandbox.credentials.zendeskEmail}/token:${sandbox.credentials.zendeskApiToken}`).toString('base64')}`;
  const send = (method: string, path: string, body?: unknown, auth: string = basic()) =>
    sandbox
      .fetch(
        new Request(`http://sandbox.test/zendesk${path}`, {
          method,
          headers: { authorization: auth, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      )
      .then(async (r) => ({ status: r.status, body: r.status === 204 ? null : ((await r.json()) as Json) }));
  return { sandbox, api, send, received };
}

describe('the Zendesk Webhooks API', () => {
  it('creates a webhook subscribed to events and gives its signing secret', async () => {
    const { send } = setup();
    const created = await send('POST', '/api/v2/webhooks', webhook());
    expect(created.status).toBe(201);
    expect(created.body.webhook).toMatchObject({
      name: 'Example Webhook',
      status: 'active',
      endpoint: 'https://example.com/status/200',
      http_method: 'POST',
      request_format: 'json',
      subscriptions: ['zen:event-type:ticket.status_changed', 'zen:event-type:organization.name_changed'],
      id: expect.stringMatching(/^01[0-9A-Z]{24}$/),
      created_at: expect.any(String),
      created_by: expect.any(String),
    });
    const id = created.body.webhook.id;
    expect((await send('GET', `/api/v2/webhooks/${id}`)).body.webhook.id).toBe(id);
    const secret = await send('GET', `/api/v2/webhooks/${id}/signing_secret`);
    expect(secret.body).toEqual({ signing_secret: { algorithm: 'SHA256', secret: expect.any(String) } });
    const reset = await send('POST', `/api/v2/webhooks/${id}/signing_secret`);
    expect(reset.body.signing_secret.secret).not.toBe(secret.body.signing_secret.secret);
    expect((await send('DELETE', `/api/v2/webhooks/${id}`)).status).toBe(204);
    expect((await send('DELETE', `/api/v2/webhooks/${id}`)).status).toBe(404);
    expect((await send('GET', `/api/v2/webhooks/${id}/signing_secret`)).status).toBe(404);
  });

  it('refuses unknown event types, events mixed with conditional_ticket_events, and events over GET', async () => {
    const { send } = setup();
    const unknown = await send(
      'POST',
      '/api/v2/webhooks',
      webhook({ subscriptions: ['zen:event-type:ticket.exploded'] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.description).toContain('subscriptions');
    const mixed = await send(
      'POST',
      '/api/v2/webhooks',
      webhook({ subscriptions: ['conditional_ticket_events', 'zen:event-type:ticket.created'] }),
    );
    expect(mixed.status).toBe(400);
    expect((await send('POST', '/api/v2/webhooks', webhook({ http_method: 'GET' }))).status).toBe(400);
    const trigger = await send(
      'POST',
      '/api/v2/webhooks',
      webhook({ subscriptions: ['conditional_ticket_events'], http_method: 'PUT' }),
    );
    expect(trigger.status).toBe(201);
  });

  it('lets an OAuth token write webhooks only with write or webhooks:write', async () => {
    const { sandbox, send } = setup();
    const token = async (scopes: string[]) => {
      const c = sandbox.credentials;
      const r = await client(sandbox).zendesk.post('/oauth/tokens', {
        grant_type: 'authorization_code',
        code: sandbox.zendeskAuthorize({ scopes }),
        client_id: c.zendeskClientId,
        client_secret: c.zendeskClientSecret,
      });
      return `Bearer ${r.body.access_token}`;
    };
    const readOnly = await send('POST', '/api/v2/webhooks', webhook(), await token(['read']));
    expect(readOnly.status).toBe(403);
    expect(
      (await send('POST', '/api/v2/webhooks', webhook(), await token(['read', 'webhooks:write']))).status,
    ).toBe(201);
    expect((await send('POST', '/api/v2/webhooks', webhook(), await token(['write']))).status).toBe(201);
  });

  it('delivers a signed event when a ticket changes, only to active webhooks subscribed to its type', async () => {
    const { sandbox, send, received } = setup();
    const { id } = (await send('POST', '/api/v2/webhooks', webhook())).body.webhook;
    await send('POST', '/api/v2/webhooks', webhook({ name: 'off', status: 'inactive' }));
    await send(
      'POST',
      '/api/v2/webhooks',
      webhook({ name: 'users', subscriptions: ['zen:event-type:user.created'] }),
    );
    const secret = (await send('GET', `/api/v2/webhooks/${id}/signing_secret`)).body.signing_secret.secret;

    const ticket = sandbox.data.tickets.find((t) => t.status === 'open')!;
    sandbox.mutate.updateTicket(ticket.id, { status: 'solved' });
    const org = sandbox.data.organizations[0]!;
    sandbox.mutate.updateOrganization(org.id, { domain_names: ['renamed.example'] }); // no event for domains
    sandbox.mutate.updateOrganization(org.id, { name: 'Renamed Org' });
    await sandbox.flushZendeskWebhooks();

    expect(received.map((r) => r.url)).toEqual([
      'https://example.com/status/200',
      'https://example.com/status/200',
    ]);
    const [status, rename] = await Promise.all(received.map(async (r) => ({ r, body: await r.text() })));
    const headers = status!.r.headers;
    expect(headers.get('x-zendesk-webhook-id')).toBe(id);
    expect(headers.get('x-zendesk-webhook-invocation-id')).toMatch(/^\d+$/);
    const timestamp = headers.get('x-zendesk-webhook-signature-timestamp')!;
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(headers.get('x-zendesk-webhook-signature')).toBe(
      createHmac('sha256', secret).update(`${timestamp}${status!.body}`).digest('base64'),
    );
    const payload = JSON.parse(status!.body);
    // The envelope of the reference's event examples.
    expect(Object.keys(payload).sort()).toEqual([
      'account_id',
      'detail',
      'event',
      'id',
      'subject',
      'time',
      'type',
      'zendesk_event_version',
    ]);
    expect(payload).toMatchObject({
      type: 'zen:event-type:ticket.status_changed',
      subject: `zen:ticket:${ticket.id}`,
      event: { previous: 'OPEN', current: 'SOLVED' },
      detail: { id: String(ticket.id), status: 'SOLVED' },
    });
    expect(JSON.parse(rename!.body)).toMatchObject({
      type: 'zen:event-type:organization.name_changed',
      subject: `zen:organization:${org.id}`,
      event: { current: 'Renamed Org' },
      detail: { id: String(org.id), name: 'Renamed Org' },
    });
    expect(sandbox.zendeskWebhookDeliveries().map((d) => [d.type, d.status])).toEqual([
      ['zen:event-type:ticket.status_changed', 200],
      ['zen:event-type:organization.name_changed', 200],
    ]);

    await send('DELETE', `/api/v2/webhooks/${id}`);
    sandbox.mutate.updateTicket(ticket.id, { status: 'open' });
    await sandbox.flushZendeskWebhooks();
    expect(received).toHaveLength(2);
  });
});

describe('the Zendesk account’s credentials', () => {
  it('refuses a rotated API token and revoked OAuth tokens', async () => {
    const { sandbox, api } = setup();
    const c = sandbox.credentials;
    const exchange = await api.post('/oauth/tokens', {
      grant_type: 'authorization_code',
      code: sandbox.zendeskAuthorize(),
      client_id: c.zendeskClientId,
      client_secret: c.zendeskClientSecret,
    });
    const bearer = `Bearer ${exchange.body.access_token}`;
    expect((await api.get('/api/v2/users/me', bearer)).status).toBe(200);
    sandbox.revokeZendeskTokens();
    expect((await api.get('/api/v2/users/me', bearer)).status).toBe(401);
    const refresh = await api.post('/oauth/tokens', {
      grant_type: 'refresh_token',
      refresh_token: exchange.body.refresh_token,
      client_id: c.zendeskClientId,
      client_secret: c.zendeskClientSecret,
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_grant');

    expect((await api.get('/api/v2/users/me')).status).toBe(200);
    const fresh = sandbox.rotateZendeskApiToken();
    expect((await api.get('/api/v2/users/me')).status).toBe(401);
    const basic = `Basic ${Buffer.from(`${c.zendeskEmail}/token:${fresh}`).toString('base64')}`;
    expect((await api.get('/api/v2/users/me', basic)).status).toBe(200);
  });

  it('redirects with invalid_scope when the admin restricted the client’s scopes', async () => {
    const { sandbox } = setup();
    sandbox.setZendeskAllowedScopes(['read']);
    const c = sandbox.credentials;
    const authorize = (scope: string) =>
      sandbox.fetch(
        new Request(
          `http://sandbox.test/zendesk/oauth/authorizations/new?response_type=code&client_id=${c.zendeskClientId}&redirect_uri=${encodeURIComponent('https://app.test/cb')}&scope=${encodeURIComponent(scope)}&state=s1`,
        ),
      );
    const refused = new URL((await authorize('read webhooks:write')).headers.get('location')!);
    expect(Object.fromEntries(refused.searchParams)).toEqual({
      error: 'invalid_scope',
      error_description: expect.stringContaining('webhooks:write'),
      state: 's1',
    });
    const granted = new URL((await authorize('read')).headers.get('location')!);
    expect(granted.searchParams.get('code')).toBeTruthy();
  });
});
