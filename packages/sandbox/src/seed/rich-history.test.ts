import { describe, expect, it } from 'vitest';
import { DAY, type Seeded } from './context.ts';
import { generateSeed } from './generate.ts';

const anchor = Date.parse('2026-03-01T00:00:00Z');
const options = { seed: 5, companies: 120, anchor, adminEmail: 'admin@sandbox.example' };
const plain = generateSeed(options);
const rich = generateSeed({ ...options, richHistory: true });

/** Per company: its NPS answers (value, time), through the answering contacts' primary company. */
function npsByCompany(s: Seeded) {
  const companyOf = new Map(s.hubspot.contacts.map((c) => [c.id, c.links?.companies?.ids[0]]));
  const out = new Map<number, { value: number; at: number }[]>();
  for (const f of s.hubspot.feedback_submissions) {
    if (f.p.hs_survey_type !== 'NPS') continue;
    const company = companyOf.get(f.links!.contacts!.ids[0]!);
    if (company === undefined) continue;
    const list = out.get(company) ?? [];
    list.push({ value: Number(f.p.hs_value), at: Date.parse(String(f.p.hs_submission_timestamp)) });
    out.set(company, list);
  }
  return out;
}
const npsScore = (values: number[]) =>
  ((values.filter((v) => v >= 9).length - values.filter((v) => v <= 6).length) * 100) / values.length;

/** Companies by scenario, as their deals tell it: churned = every closed-won contract ended. */
function churned(s: Seeded): Map<number, number> {
  const ends = new Map<number, (number | null)[]>();
  for (const d of s.hubspot.deals) {
    if (d.p.hs_is_closed_won !== 'true') continue;
    const company = d.links?.companies?.ids[0];
    if (company === undefined) continue;
    const end = d.p.csm_contract_end_date ? Date.parse(String(d.p.csm_contract_end_date)) : null;
    ends.set(company, [...(ends.get(company) ?? []), end]);
  }
  const out = new Map<number, number>();
  for (const [company, list] of ends)
    if (list.every((e) => e !== null && e < anchor)) out.set(company, Math.max(...(list as number[])));
  return out;
}

describe('rich history (the demo’s believable portfolio)', () => {
  it('is deterministic by seed and leaves the base companies and deals as they are', () => {
    const again = generateSeed({ ...options, richHistory: true });
    expect(again).toEqual(rich);
    // Only the last touch of the souring accounts moves back.
    const withoutTouch = (s: Seeded) =>
      s.hubspot.companies.map((c) => ({ ...c, p: { ...c.p, notes_last_contacted: null } }));
    expect(withoutTouch(rich)).toEqual(withoutTouch(plain));
    expect(rich.hubspot.deals).toEqual(plain.hubspot.deals);
    expect(rich.hubspot.feedback_submissions.length).toBeGreaterThan(
      5 * plain.hubspot.feedback_submissions.length,
    );
  });

  it('gives most customers enough NPS answers in a year for a stable figure', () => {
    const byCompany = npsByCompany(rich);
    const lost = churned(rich);
    const customers = rich.hubspot.companies.filter((c) => !lost.has(c.id));
    const enough = customers.filter(
      (c) => (byCompany.get(c.id) ?? []).filter((a) => a.at >= anchor - 365 * DAY).length >= 5,
    );
    expect(enough.length / customers.length).toBeGreaterThan(0.75);
  });

  it('has churned accounts whose answers stop when they leave, and who were unhappier before', () => {
    const byCompany = npsByCompany(rich);
    const lost = churned(rich);
    expect(lost.size).toBeGreaterThan(8);
    const before: number[] = [];
    const others: number[] = [];
    for (const [company, answers] of byCompany) {
      const end = lost.get(company);
      if (end === undefined) others.push(...answers.map((a) => a.value));
      else {
        // Answers of the rich history stop at the churn; the base seed's few may come later.
        before.push(...answers.filter((a) => a.at < end).map((a) => a.value));
      }
    }
    expect(npsScore(before)).toBeLessThan(npsScore(others) - 30);
  });

  it('gives strained accounts more urgent tickets and worse ratings', () => {
    const urgent = (s: Seeded) =>
      s.zendesk.tickets.filter((t) => t.priority === 'urgent').length / s.zendesk.tickets.length;
    expect(rich.zendesk.tickets.length).toBeGreaterThan(plain.zendesk.tickets.length);
    expect(urgent(rich)).toBeGreaterThan(urgent(plain));
  });
});
