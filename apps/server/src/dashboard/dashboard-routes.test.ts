import { addTestTenant, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { testApp } from '../test-utils/index.ts';

const password = 'dashboard-password-1234';
const auth = { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` };

forEachStore('dashboard', (getStore) => {
  const app = () => testApp(getStore(), { env: { CSM_ADMIN_TOKEN: password } }).app;

  it('asks for the admin password', async () => {
    await addTestTenant(getStore(), 'acme', 7);
    const res = await app().request('/dashboard');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('answers 400 naming the field for ids past what HubSpot hands out, never 500', async () => {
    await addTestTenant(getStore(), 'acme', 7);
    const a = app();
    for (const portalId of ['9223372036854775808', '9007199254740992', '-1', '0', '1e3', 'abc', '']) {
      const res = await a.request(`/dashboard?portalId=${encodeURIComponent(portalId)}`, { headers: auth });
      expect(res.status, portalId).toBe(400);
      expect(await res.text()).toContain('portalId');
    }
    for (const id of ['9223372036854775808', '99999999999999999999', '0', '12a']) {
      const res = await a.request(`/dashboard/accounts/${id}?portalId=7`, { headers: auth });
      expect(res.status, id).toBe(400);
      expect(await res.text()).toContain('companyId');
    }
    // In range: the tenant's page, and a 404 for an account it does not have.
    expect((await a.request('/dashboard?portalId=7', { headers: auth })).status).toBe(200);
    expect(
      (await a.request('/dashboard/accounts/9223372036854775807?portalId=7', { headers: auth })).status,
    ).toBe(404);
  });
});
