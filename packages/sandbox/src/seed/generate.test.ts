import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const sandbox = createSandbox({ seed: 3, companies: 200, now: NOW });
const data = sandbox.data;

describe('seed data', () => {
  it('is deterministic for a seed, different for another', () => {
    const again = createSandbox({ seed: 3, companies: 200, now: NOW });
    expect(again.data.companies).toEqual(data.companies);
    expect(again.data.tickets).toEqual(data.tickets);
    expect(again.data.satisfactionRatings).toEqual(data.satisfactionRatings);
    expect(again.credentials).toEqual(sandbox.credentials);
    const other = createSandbox({ seed: 4, companies: 200, now: NOW });
    expect(other.data.companies.map((c) => c.properties.name)).not.toEqual(
      data.companies.map((c) => c.properties.name),
    );
  });

  it('keeps a company the same whatever the total (but for its owner: there are fewer owners)', () => {
    const small = createSandbox({ seed: 3, companies: 20, now: NOW });
    const strip = (c: (typeof data.companies)[number]) => ({
      ...c,
      properties: { ...c.properties, hubspot_owner_id: null },
    });
    expect(small.data.companies.map(strip)).toEqual(data.companies.slice(0, 20).map(strip));
  });

  it('has about the documented proportions', () => {
    const n = data.companies.length;
    expect(data.contacts.length / n).toBeGreaterThan(2.5);
    expect(data.contacts.length / n).toBeLessThan(3.5);
    expect(data.tickets.length / n).toBeGreaterThan(4);
    expect(data.tickets.length / n).toBeLessThan(8);
    expect(data.deals.length / n).toBeGreaterThan(1.4);
    expect(data.owners.length).toBeGreaterThanOrEqual(3);
  });

  it('puts every seeded timestamp before now', () => {
    const limit = NOW.getTime();
    const times = [
      ...data.companies.flatMap((r) => [r.createdAt, r.updatedAt]),
      ...data.contacts.flatMap((r) => [r.createdAt, r.updatedAt]),
      ...data.deals.flatMap((r) => [r.createdAt, r.updatedAt]),
      ...data.feedbackSubmissions.flatMap((r) => [
        r.createdAt,
        r.updatedAt,
        r.properties.hs_submission_timestamp!,
      ]),
      ...data.tickets.flatMap((t) => [t.created_at, t.updated_at]),
      ...data.metricSets.flatMap((m) => [m.solved_at, m.assigned_at].filter((x): x is string => x !== null)),
      ...data.organizations.flatMap((o) => [o.created_at, o.updated_at]),
      ...data.users.flatMap((u) => [u.created_at, u.updated_at]),
      ...data.satisfactionRatings.flatMap((r) => [r.created_at, r.updated_at]),
      ...data.deals.filter((d) => d.properties.hs_is_closed === 'true').map((d) => d.properties.closedate!),
    ];
    expect(times.every((t) => Date.parse(t) < limit)).toBe(true);
  });

  it('covers domains, associations and the identity-resolution edge cases', () => {
    const domains = data.companies.map((c) => c.properties.domain);
    expect(domains.filter((d) => d === null).length).toBeGreaterThan(0);
    // One email shared by contacts of two different companies.
    const byEmail = new Map<string, Set<string | null>>();
    for (const c of data.contacts) {
      const set = byEmail.get(c.properties.email!) ?? new Set();
      set.add(c.properties.associatedcompanyid ?? null);
      byEmail.set(c.properties.email!, set);
    }
    expect([...byEmail.values()].some((companies) => companies.size > 1)).toBe(true);
    expect(data.contacts.some((c) => c.properties.associatedcompanyid === null && !c.associations)).toBe(
      true,
    );
    // Contacts' primary association is their associatedcompanyid.
    for (const c of data.contacts.filter((x) => x.associations)) {
      expect(c.associations!.companies!.results[0]).toEqual({
        id: c.properties.associatedcompanyid,
        type: 'contact_to_company',
      });
    }
    // Organizations: ~70% match a company's domain, some match none, one matches two.
    const bare = new Set(
      data.companies.map((c) =>
        c.properties.domain?.replace(/^(https?:\/\/)?(www\.)?/, '').replace(/\/$/, ''),
      ),
    );
    const matching = data.organizations.map((o) => o.domain_names.filter((d) => bare.has(d)).length);
    expect(matching.filter((m) => m === 0).length).toBeGreaterThan(0);
    expect(matching.filter((m) => m === 2).length).toBeGreaterThanOrEqual(1);
    const companiesWithOrg = new Set(data.organizations.flatMap((o) => o.domain_names)).size;
    expect(companiesWithOrg / data.companies.length).toBeGreaterThan(0.6);
  });

  it('has recurring-revenue deals showing every movement', () => {
    const won = data.deals.filter((d) => d.properties.hs_is_closed_won === 'true');
    expect(
      won.every(
        (d) => d.properties.dealstage === 'closedwon' && d.properties.closedate && d.properties.amount,
      ),
    ).toBe(true);
    expect(won.filter((d) => d.properties.hs_mrr !== null).length / won.length).toBeGreaterThan(0.8);
    for (const d of won.filter((x) => x.properties.hs_mrr))
      expect(Number(d.properties.hs_mrr) * 12).toBe(Number(d.properties.amount));
    const now = NOW.getTime();
    const ended = won.filter(
      (d) => d.properties.csm_contract_end_date && Date.parse(d.properties.csm_contract_end_date) <= now,
    );
    expect(ended.length).toBeGreaterThan(0);
    expect(data.deals.some((d) => d.properties.dealstage === 'closedlost')).toBe(true);
    expect(data.deals.some((d) => d.properties.hs_is_closed === 'false')).toBe(true);
    const labels = new Set(data.deals.map((d) => d.properties.dealname!.split(' - ')[1]));
    for (const label of [
      'Add-on seats',
      'Renewal (downgrade)',
      'Win-back subscription',
      'Annual subscription',
    ])
      expect(labels).toContain(label);
  });

  it('has Zendesk tickets in every status and priority with consistent metric sets', () => {
    const statuses = new Set(data.tickets.map((t) => t.status));
    for (const s of ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'])
      expect(statuses).toContain(s);
    const priorities = new Set(data.tickets.map((t) => t.priority));
    for (const p of ['low', 'normal', 'high', 'urgent']) expect(priorities).toContain(p);
    expect(data.tickets.some((t) => t.organization_id === null)).toBe(true);
    expect(data.metricSets.map((m) => m.ticket_id)).toEqual(data.tickets.map((t) => t.id));
    for (const m of data.metricSets) {
      expect(m.replies).toBeGreaterThanOrEqual(0);
      expect(m.replies).toBeLessThanOrEqual(5);
      expect(m.reopens).toBeLessThanOrEqual(2);
      expect(m.reply_time_in_minutes.calendar === null).toBe(m.replies === 0);
    }
    const solved = data.tickets
      .filter((t) => t.status === 'solved' || t.status === 'closed')
      .map((t) => data.metricSets[t.id - 1]!);
    expect(
      solved.every((m) => m.solved_at !== null && m.full_resolution_time_in_minutes.calendar !== null),
    ).toBe(true);
    expect(solved.some((m) => m.replies === 1 && m.reopens === 0)).toBe(true);
    expect(solved.some((m) => m.reopens > 0)).toBe(true);
    // Ticket ids follow creation order, as Zendesk numbers them.
    const created = data.tickets.map((t) => Date.parse(t.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('has ratings of every kind on solved tickets and surveys in range', () => {
    const scores = new Set(data.satisfactionRatings.map((r) => r.score));
    for (const s of ['good', 'bad', 'offered', 'unoffered']) expect(scores).toContain(s);
    const tickets = new Map(data.tickets.map((t) => [t.id, t]));
    expect(
      data.satisfactionRatings.every((r) => tickets.get(r.ticket_id)?.satisfaction_rating?.id === r.id),
    ).toBe(true);
    for (const f of data.feedbackSubmissions) {
      const v = Number(f.properties.hs_value);
      const type = f.properties.hs_survey_type;
      if (type === 'NPS') {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(10);
        expect(f.properties.hs_response_group).toBe(v >= 9 ? 'PROMOTER' : v >= 7 ? 'PASSIVE' : 'DETRACTOR');
      } else if (type === 'CSAT') expect(['0', '1', '2']).toContain(f.properties.hs_value);
      else expect(v >= 1 && v <= 7).toBe(true);
      expect(f.associations?.contacts?.results[0]?.type).toBe('feedback_submission_to_contact');
    }
    expect(new Set(data.feedbackSubmissions.map((f) => f.properties.hs_survey_type))).toEqual(
      new Set(['NPS', 'CSAT', 'CES']),
    );
    const stages = new Set(data.hubspotTickets.map((t) => t.properties.hs_pipeline_stage));
    expect([...stages].every((s) => ['1', '2', '3', '4'].includes(s!))).toBe(true);
  });

  it.skipIf(!process.env.SANDBOX_BENCH)(
    'seeds 100k companies within the budget',
    () => {
      const started = performance.now();
      const big = createSandbox({ companies: 100_000, now: NOW });
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(big.data.companies.length).toBe(100_000);
    },
    60_000,
  );
});
