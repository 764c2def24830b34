import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';
import { LAST_CONTACTED_DAYS, LAST_CONTACTED_SHARE } from './money-recency.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

describe('portal currency and last touch', () => {
  it('gives most companies a notes_last_contacted spread over the last 120 days, none before the company', () => {
    const { data } = createSandbox({ seed: 5, companies: 300, now: NOW });
    const touched = data.companies.filter((c) => c.properties.notes_last_contacted);
    expect(touched.length / data.companies.length).toBeGreaterThan(LAST_CONTACTED_SHARE - 0.07);
    expect(touched.length).toBeLessThan(data.companies.length);
    const ages = touched.map((c) => (NOW.getTime() - Date.parse(c.properties.notes_last_contacted!)) / DAY);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(LAST_CONTACTED_DAYS + 1);
    // Spread, not bunched: some within a week, some older than two months.
    expect(ages.some((a) => a < 7)).toBe(true);
    expect(ages.some((a) => a > 60)).toBe(true);
    for (const c of touched)
      expect(Date.parse(c.properties.notes_last_contacted!)).toBeGreaterThanOrEqual(Date.parse(c.createdAt));
  });

  it('serves the portal currency in the account details and on every deal; USD unless told', async () => {
    const usd = createSandbox({ seed: 5, companies: 20, now: NOW });
    const eur = createSandbox({ seed: 6, companies: 20, now: NOW, companyCurrency: 'EUR' });
    expect(usd.data.deals.every((d) => d.properties.deal_currency_code === 'USD')).toBe(true);
    expect(eur.data.deals.every((d) => d.properties.deal_currency_code === 'EUR')).toBe(true);
    const details = await client(eur).hubspot.get('/account-info/v3/details');
    expect(details.body).toMatchObject({ portalId: eur.credentials.hubspotPortalId, companyCurrency: 'EUR' });
    const deals = await client(eur).hubspot.get(
      '/crm/v3/objects/deals?limit=2&properties=deal_currency_code',
    );
    expect(deals.body.results[0].properties.deal_currency_code).toBe('EUR');
    expect(() => createSandbox({ companyCurrency: 'euro' })).toThrow(/ISO 4217/);
  });

  it('leaves the rest of the seed as it was (own random streams)', () => {
    const a = createSandbox({ seed: 5, companies: 30, now: NOW });
    const b = createSandbox({ seed: 5, companies: 30, now: NOW, companyCurrency: 'JPY' });
    const strip = (d: (typeof a.data.deals)[number]) => ({
      ...d,
      properties: { ...d.properties, deal_currency_code: null },
    });
    expect(b.data.deals.map(strip)).toEqual(a.data.deals.map(strip));
    expect(b.data.companies).toEqual(a.data.companies);
  });
});
