import { ApiError, bearerAuth, createApiClient, RateBudget, zendeskTokenAuth } from '@csm/http';
import { createSandbox } from '@csm/sandbox';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeZendeskCode } from './oauth.ts';
import { zendeskRetryPolicy } from './policy.ts';
import { createZendeskWebhook, deleteZendeskWebhook, ZENDESK_WEBHOOK_EVENT_TYPES } from './webhooks.ts';

const base = 'https://acme.zendesk.test';
const sandbox = createSandbox({ seed: 9, companies: 4, rateLimits: false });
const server = setupServer(
  ...sandbox.mswHandlers({ hubspotBaseUrl: 'https://api.hubapi.test', zendeskBaseUrl: base }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const c = sandbox.credentials;
const clientWith = (auth: ReturnType<typeof bearerAuth> | undefined) =>
  createApiClient({
    name: 'Zendesk',
    baseUrl: base,
    ...(auth ? { auth } : {}),
    policy: { ...zendeskRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 },
    budgets: { default: new RateBudget({ max: 10_000, intervalMs: 1000 }) },
  });
const admin = () => clientWith(zendeskTokenAuth(c.zendeskEmail, c.zendeskApiToken));
const oauthClient = async (scopes: string[]) => {
  const app = {
    clientId: c.zendeskClientId,
    clientSecret: c.zendeskClientSecret,
    redirectUri: 'https://csm.test/cb',
  };
  const tokens = await exchangeZendeskCode(
    clientWith(undefined),
    app,
    sandbox.zendeskAuthorize({ scopes, redirectUri: app.redirectUri }),
    scopes.join(' '),
  );
  return clientWith(bearerAuth(tokens.accessToken));
};

describe('the connector’s Zendesk webhook', () => {
  it('is created active, POST / JSON, subscribed to the documented event types, with its signing secret', async () => {
    const endpoint = 'https://csm.example.com/webhooks/zendesk/acme';
    const { id, signingSecret } = await createZendeskWebhook(admin(), { name: 'Success Metrics', endpoint });
    const [stored] = sandbox.zendeskWebhooks().filter((w) => w.id === id);
    expect(stored).toMatchObject({
      name: 'Success Metrics',
      endpoint,
      http_method: 'POST',
      request_format: 'json',
      status: 'active',
      subscriptions: [...ZENDESK_WEBHOOK_EVENT_TYPES],
      secret: signingSecret,
    });
    expect(
      ZENDESK_WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith('zen:event-type:ticket.')).length,
    ).toBeGreaterThan(3);
    expect(await deleteZendeskWebhook(admin(), id)).toBe('deleted');
    expect(await deleteZendeskWebhook(admin(), id)).toBe('gone');
  });

  it('needs webhooks:write from an OAuth token, and says so when the token lacks it', async () => {
    const readOnly = await oauthClient(['read']);
    const error = await createZendeskWebhook(readOnly, {
      name: 'x',
      endpoint: 'https://csm.example.com/w',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('forbidden');
    expect((error as ApiError).message).toContain('lacks scope webhooks:write');

    const enough = await oauthClient(['read', 'webhooks:write']);
    const { id } = await createZendeskWebhook(enough, { name: 'x', endpoint: 'https://csm.example.com/w' });
    expect(await deleteZendeskWebhook(enough, id)).toBe('deleted');
  });
});
