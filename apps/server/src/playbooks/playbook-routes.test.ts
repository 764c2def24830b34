import { addTestTenant, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { testApp } from '../test-utils/index.ts';
import { defaultPlaybookRules } from './playbook-rules.ts';

forEachStore('playbook rules API', (getStore) => {
  async function setup() {
    const store = getStore();
    const acme = await addTestTenant(store, 'acme', 7);
    const other = await addTestTenant(store, 'other', 8);
    const { key } = await store.apiKeys.create(acme.id, 'tests');
    const { key: otherKey } = await store.apiKeys.create(other.id, 'tests');
    const { app } = testApp(store);
    const call = (method: 'GET' | 'PUT', body?: string, auth = key, type = 'application/json') =>
      app.request('/api/v1/playbooks', {
        method,
        headers: { authorization: `Bearer ${auth}`, 'content-type': type },
        ...(body === undefined ? {} : { body }),
      });
    return { call, otherKey };
  }

  it('answers the defaults, saves a whole new list, and reads it back for that tenant only', async () => {
    const { call, otherKey } = await setup();
    expect(await (await call('GET')).json()).toEqual({ rules: defaultPlaybookRules, isDefault: true });
    const rules = [
      { id: 'big-drop', kind: 'score-drop', points: 25, days: 14 },
      { id: 'angry', kind: 'detractor', maxScore: 3, enabled: false },
    ];
    const saved = await call('PUT', JSON.stringify({ rules }));
    expect(saved.status).toBe(200);
    const expected = [
      { id: 'big-drop', kind: 'score-drop', points: 25, days: 14, enabled: true },
      { id: 'angry', kind: 'detractor', maxScore: 3, enabled: false },
    ];
    expect(await saved.json()).toEqual({ rules: expected, isDefault: false });
    expect(await (await call('GET')).json()).toEqual({ rules: expected, isDefault: false });
    // Another tenant's key reads its own (default) rules.
    expect(await (await call('GET', undefined, otherKey)).json()).toMatchObject({ isDefault: true });
  });

  it('refuses a bad rule naming the field, malformed JSON and a missing key, and changes nothing', async () => {
    const { call } = await setup();
    const bad = await call(
      'PUT',
      JSON.stringify({ rules: [{ id: 'x', kind: 'score-drop', points: -5, days: 30 }] }),
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_input');
    expect(body.message).toMatch(/rules\[0\]\.points/);
    const duplicate = await call(
      'PUT',
      JSON.stringify({
        rules: [
          { id: 'a', kind: 'turned-red' },
          { id: 'a', kind: 'turned-red' },
        ],
      }),
    );
    expect(duplicate.status).toBe(400);
    expect(((await duplicate.json()) as { message: string }).message).toMatch(/rules\[1\]\.id.*duplicate/);
    expect((await call('PUT', '{"rules": [')).status).toBe(400);
    expect((await call('GET', undefined, 'csm_live_nope')).status).toBe(401);
    expect(await (await call('GET')).json()).toEqual({ rules: defaultPlaybookRules, isDefault: true });
  });

  it('refuses a body that is not application/json with 415, and changes nothing', async () => {
    const { call } = await setup();
    const rules = JSON.stringify({ rules: [{ id: 'x', kind: 'turned-red' }] });
    for (const type of ['text/plain', 'application/vnd.api+json', 'application/x-www-form-urlencoded']) {
      const refused = await call('PUT', rules, undefined, type);
      expect(refused.status, type).toBe(415);
      expect(await refused.json()).toMatchObject({
        error: 'unsupported_media_type',
        message: 'Content-Type must be application/json',
      });
    }
    expect(await (await call('GET')).json()).toEqual({ rules: defaultPlaybookRules, isDefault: true });
  });
});
