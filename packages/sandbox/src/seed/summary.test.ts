import { describe, expect, it } from 'vitest';
import type { SeedData } from '../data-view.ts';
import { createSandbox } from '../sandbox.ts';
import { formatSummary, seedSummary } from './summary.ts';

describe('seedSummary', () => {
  it('counts from the tables, the same as counting the records', () => {
    const sandbox = createSandbox({ seed: 5, companies: 25 });
    const fast = seedSummary(sandbox.data);
    // A plain copy of the view has no shortcut: the slow path counts the records themselves.
    const d = sandbox.data;
    const plain: SeedData = {
      ...d,
      companies: d.companies,
      contacts: d.contacts,
      deals: d.deals,
      feedbackSubmissions: d.feedbackSubmissions,
      hubspotTickets: d.hubspotTickets,
      tasks: d.tasks,
    };
    expect(seedSummary(plain)).toEqual(fast);
    expect(fast.companies).toBe(25);
    expect(Object.values(fast.ticketsByStatus).reduce((a, b) => a + b, 0)).toBe(fast.tickets);
    expect(formatSummary(fast)).toMatch(/^HubSpot: 25 companies, \d+ contacts/);
  });
});
