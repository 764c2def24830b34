import { addTestTenant, forEachStore } from '@csm/store/test-utils';
import { createLogger } from '@csm/sync';
import { expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { adminRoutes, type CommandEvent } from './admin-routes.ts';

const secret = 'a-per-run-secret-of-at-least-32-characters';

forEachStore('admin endpoint', (getStore) => {
  const app = () =>
    adminRoutes({
      deps: { config: loadConfig({}), store: getStore(), logger: createLogger({ level: 'silent' }) },
      secret,
      leaseHolder: 'test:1:admin',
    });
  const run = async (name: string, args: unknown, token = secret) => {
    const res = await app().request(`/commands/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await res.text();
    const events =
      res.headers.get('content-type') === 'application/x-ndjson'
        ? text
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as CommandEvent)
        : [];
    return { status: res.status, events, text };
  };

  it('runs a store command on the server’s store and streams its output and end', async () => {
    await addTestTenant(getStore(), 'acme', 7);
    const listed = await run('tenants list', {});
    expect(listed.status).toBe(200);
    expect(listed.events).toEqual([{ stdout: 'acme\tportal 7\t-\tactive\n' }, { exit: 0 }]);

    const created = await run('api-keys create', { tenant: 'acme', name: 'through the server' });
    const key = (created.events[0] as { stdout: string }).stdout.trim();
    expect(await getStore().apiKeys.verify(key)).not.toBeNull();
    expect(created.events.at(-1)).toEqual({ exit: 0 });
  });

  it('ends a failing command with its one-line reason', async () => {
    const missing = await run('report', { tenant: 'nobody', json: true });
    expect(missing.status).toBe(200);
    expect(missing.events).toEqual([
      {
        exit: 1,
        error: 'no tenant named "nobody"; add it with: csm tenants add nobody --hubspot-token <token>',
      },
    ]);
    const badArgs = await run('api-keys create', { tenant: 5 });
    expect(badArgs.events).toEqual([{ exit: 1, error: expect.stringMatching(/^tenant: /) }]);
  });

  it('refuses without the per-run secret, unknown commands and bodies that are not JSON', async () => {
    expect((await run('tenants list', {}, 'wrong-secret-wrong-secret-wrong-secret')).status).toBe(401);
    const none = await app().request('/commands/tenants%20list', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect((await run('serve', {})).status).toBe(404);
    expect((await run('__proto__', {})).status).toBe(404);
    const notJson = await app().request('/commands/tenants%20list', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
      body: 'tenants',
    });
    expect(notJson.status).toBe(400);
    expect(await getStore().tenants.list()).toEqual([]);
  });
});
