import { createSandbox, type ListeningSandbox, type Sandbox } from '@csm/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  downloadJournalFile,
  ensureLifecycleSubscription,
  journalClient,
  lifecycleEventsOf,
  readJournalEntry,
} from './journal.ts';

const servers: ListeningSandbox[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function setup(): Promise<{ sandbox: Sandbox; server: ListeningSandbox }> {
  const sandbox = createSandbox({ seed: 13, companies: 4, rateLimits: false });
  const server = await sandbox.listen({ port: 0 });
  servers.push(server);
  return { sandbox, server };
}

/** An admin's install: the consent code redeemed as our backend redeems it. */
async function install(sandbox: Sandbox, server: ListeningSandbox) {
  const c = sandbox.credentials;
  const response = await fetch(`${server.hubspotBaseUrl}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: c.hubspotClientId,
      client_secret: c.hubspotClientSecret,
      code: sandbox.hubspotAuthorize(),
    }),
  });
  expect(response.status).toBe(200);
}

describe('the webhooks journal over the sandbox', () => {
  it('subscribes a portal to its lifecycle once, then reads its install and uninstall in order', async () => {
    const { sandbox, server } = await setup();
    const c = sandbox.credentials;
    const journal = journalClient(server.hubspotBaseUrl, {
      clientId: c.hubspotClientId,
      clientSecret: c.hubspotClientSecret,
    });
    expect(await readJournalEntry(journal, null)).toBeNull();
    expect(await ensureLifecycleSubscription(journal, c.hubspotPortalId)).toBe('created');
    expect(await ensureLifecycleSubscription(journal, c.hubspotPortalId)).toBe('exists');
    const subscribed = sandbox.writes().filter((w) => w.path.startsWith('/webhooks-journal'));
    expect(subscribed.map((w) => w.body)).toEqual([
      {
        subscriptionType: 'APP_LIFECYCLE_EVENT',
        portalId: c.hubspotPortalId,
        actions: ['APP_INSTALL', 'APP_UNINSTALL'],
      },
    ]);

    await install(sandbox, server);
    sandbox.hubspotApp.uninstall();

    const first = await readJournalEntry(journal, null);
    if (!first || first === 'expired') throw new Error('no first entry');
    expect(lifecycleEventsOf(await downloadJournalFile(first.url))).toEqual([
      {
        portalId: c.hubspotPortalId,
        action: 'APP_INSTALL',
        occurredAt: expect.any(Date),
        eventId: expect.any(String),
      },
    ]);
    const second = await readJournalEntry(journal, first.currentOffset);
    if (!second || second === 'expired') throw new Error('no second entry');
    expect(lifecycleEventsOf(await downloadJournalFile(second.url))).toMatchObject([
      { portalId: c.hubspotPortalId, action: 'APP_UNINSTALL' },
    ]);
    expect(await readJournalEntry(journal, second.currentOffset)).toBeNull();

    // Entries live 3 days: an offset older than that is gone, and the reader must start over.
    sandbox.advanceTime(3 * 86_400_000 + 60_000);
    const fresh = journalClient(server.hubspotBaseUrl, {
      clientId: c.hubspotClientId,
      clientSecret: c.hubspotClientSecret,
    });
    expect(await readJournalEntry(fresh, second.currentOffset)).toBe('expired');
    expect(await readJournalEntry(fresh, null)).toBeNull();
    // One client-credentials token served every call of a client.
    expect(sandbox.stats().byRoute['POST /hubspot/oauth/v1/token']).toBe(3);
  });

  it('keeps lifecycle events only, oldest first, from either file shape', () => {
    const event = (action: string, occurredAt: number | string) => ({
      eventId: 1,
      portalId: 7,
      subscriptionType: 'APP_LIFECYCLE_EVENT',
      action,
      occurredAt,
    });
    const later = event('APP_INSTALL', 2000);
    const earlier = event('APP_UNINSTALL', '1970-01-01T00:00:01.000Z');
    const other = { portalId: 7, subscriptionType: 'OBJECT', action: 'CREATE', occurredAt: 5 };
    expect(lifecycleEventsOf([later, other, earlier]).map((e) => e.action)).toEqual([
      'APP_UNINSTALL',
      'APP_INSTALL',
    ]);
    expect(lifecycleEventsOf({ events: [later] })).toHaveLength(1);
    expect(lifecycleEventsOf({ results: [later, { nonsense: true }] })).toHaveLength(1);
    expect(lifecycleEventsOf('not json')).toEqual([]);
  });
});
