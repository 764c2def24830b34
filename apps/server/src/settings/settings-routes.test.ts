import { defaultSettings, type TenantSettings } from '@csm/accounts';
import { defaultHealthModel } from '@csm/metrics';
import { aCompany, addTestTenant, aSurveyResponse, forEachStore } from '@csm/store/test-utils';
import { expect, it } from 'vitest';
import { backgroundRefresher } from '../sync-jobs/background-refresh.ts';
import { signedHubSpotGet, testApp } from '../test-utils/index.ts';

const now = new Date('2026-06-15T12:00:00Z');

forEachStore('tenant settings API', (getStore) => {
  async function setup() {
    const store = getStore();
    // Two tenants with the same HubSpot company id.
    const acme = await addTestTenant(store, 'acme', 7);
    const other = await addTestTenant(store, 'other', 8);
    for (const t of [acme, other]) {
      await store.writePage({
        tenantId: t.id,
        stream: 'hubspot.companies',
        kind: 'companies',
        records: [aCompany('1')],
      });
      await store.writePage({
        tenantId: t.id,
        stream: 'ingest',
        kind: 'surveyResponses',
        records: [
          // A promoter 200 days ago and a detractor 10 days ago.
          aSurveyResponse('old', {
            source: 'ingest',
            surveyType: 'NPS',
            value: 10,
            companyId: '1',
            submittedAt: new Date('2025-11-27T00:00:00Z'),
          }),
          aSurveyResponse('new', {
            source: 'ingest',
            surveyType: 'NPS',
            value: 0,
            companyId: '1',
            submittedAt: new Date('2026-06-05T00:00:00Z'),
          }),
        ],
      });
    }
    const { key } = await store.apiKeys.create(acme.id, 'tests');
    const { key: otherKey } = await store.apiKeys.create(other.id, 'tests');
    const { app, deps } = testApp(store, { now: () => now });
    const call = (method: 'GET' | 'PUT', body?: string, auth = key) =>
      app.request('/api/v1/settings', {
        method,
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      });
    const card = async (portalId: number) => {
      const res = await app.request(
        signedHubSpotGet(`/cards/hubspot/companies/1?portalId=${portalId}`, { now }),
      );
      return (
        (await res.json()) as { card: { nps: { score: number; responses: number; windowDays: number } } }
      ).card;
    };
    return { store, call, otherKey, card, deps, acme };
  }

  it('answers the defaults, saves whole settings, and the card answers with them at once for that tenant only', async () => {
    const { call, otherKey, card, deps, store, acme } = await setup();
    expect(await (await call('GET')).json()).toEqual(defaultSettings);
    expect(await card(7)).toMatchObject({ nps: { score: 0, responses: 2, windowDays: 365 } });

    const settings: TenantSettings = {
      healthModel: {
        components: { nps: defaultHealthModel.components.nps },
        bands: { green: 90, yellow: 50 },
      },
      windows: { npsDays: 30, csatDays: 60, cesDays: 60, fcrDays: 30, firstReplyDays: 30 },
    };
    const saved = await call('PUT', JSON.stringify(settings));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(settings);
    expect(await (await call('GET')).json()).toEqual(settings);
    // The save is a version in the dashboard's history, by that key.
    const [version] = await store.settingsVersions.list(acme.id);
    expect(version).toMatchObject({
      version: 1,
      settings,
      savedBy: expect.stringMatching(/^api-key:[0-9a-f]{16}$/),
    });
    // Within 30 days only the detractor answered; the model scores NPS alone.
    expect((await card(7)).nps).toMatchObject({ score: -100, responses: 1, windowDays: 30 });
    // The other tenant keeps the defaults.
    expect(await (await call('GET', undefined, otherKey)).json()).toEqual(defaultSettings);
    expect((await card(8)).nps).toMatchObject({ score: 0, responses: 2, windowDays: 365 });
    // The save started a refresh: once it is done the stored card holds the same answer.
    await backgroundRefresher(deps).idle();
    expect((await card(7)).nps).toMatchObject({ score: -100, responses: 1, windowDays: 30 });
  });

  it('refuses bad settings naming the field, malformed JSON and a missing key, and changes nothing', async () => {
    const { call, store, acme } = await setup();
    const cases: [unknown, RegExp][] = [
      [{ ...defaultSettings, windows: { ...defaultSettings.windows, npsDays: 0 } }, /windows\.npsDays/],
      [{ ...defaultSettings, windows: { ...defaultSettings.windows, npsdays: 30 } }, /windows.*npsdays/],
      [{ healthModel: defaultSettings.healthModel }, /windows/],
      [{ ...defaultSettings, extra: true }, /extra/],
      [
        { ...defaultSettings, healthModel: { ...defaultHealthModel, bands: { green: 30, yellow: 60 } } },
        /healthModel\.bands\.yellow/,
      ],
      [
        {
          ...defaultSettings,
          healthModel: {
            ...defaultHealthModel,
            components: {
              ...defaultHealthModel.components,
              nps: { weight: 1, direction: 'lower-is-better', bad: 50, good: -20 },
            },
          },
        },
        /healthModel\.components\.nps\.direction/,
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call('PUT', JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const answer = (await res.json()) as { error: string; message: string };
      expect(answer.error).toBe('invalid_input');
      expect(answer.message).toMatch(field);
    }
    expect((await call('PUT', '{"windows": [')).status).toBe(400);
    expect((await call('GET', undefined, 'csm_live_nope')).status).toBe(401);
    expect(await (await call('GET')).json()).toEqual(defaultSettings);
    expect(await store.settingsVersions.list(acme.id)).toEqual([]);
  });
});
