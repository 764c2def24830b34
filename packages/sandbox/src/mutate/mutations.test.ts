import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

const NOW = new Date('2026-01-15T00:00:00Z');

describe('sandbox.mutate', () => {
  it('stamps HubSpot changes at the sandbox clock, each later than the last', () => {
    const sandbox = createSandbox({ seed: 21, companies: 20, now: NOW });
    const newest = Math.max(...sandbox.data.companies.map((c) => Date.parse(c.updatedAt)));
    const before = sandbox.clock.now();
    const a = sandbox.mutate.updateCompany(sandbox.data.companies[0]!.id, { name: 'Acme Renamed' });
    const b = sandbox.mutate.updateDeal(sandbox.data.deals[0]!.id, { amount: 24000, hs_mrr: '2000' });
    expect(Date.parse(a.updatedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(b.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt));
    expect(Date.parse(a.updatedAt)).toBeGreaterThan(newest);
    expect(a.properties.name).toBe('Acme Renamed');
    expect(b.properties.amount).toBe('24000');
    expect(sandbox.data.companies[0]!.properties.name).toBe('Acme Renamed');
    expect(() => sandbox.mutate.updateCompany('1', { name: 'x' })).toThrow(/does not exist/);
    expect(() => sandbox.mutate.updateCompany(a.id, { shoe_size: '9' })).toThrow(/does not exist/);
  });

  it('deletes a HubSpot record: no longer listed, read or changed', async () => {
    const sandbox = createSandbox({ seed: 21, companies: 20, now: NOW, rateLimits: false });
    const api = client(sandbox).hubspot;
    const [first, second] = sandbox.data.companies;
    sandbox.mutate.deleteObject('companies', first!.id);
    const listed = await api.get('/crm/v3/objects/companies?limit=100');
    const ids = (listed.body.results as { id: string }[]).map((c) => c.id);
    expect(ids).not.toContain(first!.id);
    expect(ids).toContain(second!.id);
    expect(ids).toHaveLength(19);
    expect((await api.get(`/crm/v3/objects/companies/${first!.id}`)).status).toBe(404);
    expect(sandbox.data.companies.map((c) => c.id)).not.toContain(first!.id);
    expect(() => sandbox.mutate.updateCompany(first!.id, { name: 'x' })).toThrow(/does not exist/);
    expect(() => sandbox.mutate.deleteObject('companies', first!.id)).toThrow(/does not exist/);
  });

  it('makes HubSpot changes visible to an incremental search from the last checkpoint', async () => {
    const sandbox = createSandbox({ seed: 21, companies: 20, now: NOW, rateLimits: false });
    const api = client(sandbox).hubspot;
    const checkpoint = Math.max(...sandbox.data.deals.map((d) => Date.parse(d.updatedAt)));
    const search = () =>
      api.post('/crm/v3/objects/deals/search', {
        filterGroups: [
          { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(checkpoint) }] },
        ],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
        properties: ['amount', 'csm_contract_end_date'],
      });
    expect((await search()).body.total).toBe(0);
    const company = sandbox.data.companies[1]!;
    const added = sandbox.mutate.addDeal({
      companyId: company.id,
      properties: {
        dealname: 'Expansion',
        amount: '12000',
        hs_mrr: '1000',
        dealstage: 'closedwon',
        hs_is_closed_won: 'true',
        closedate: '2026-01-10T00:00:00.000Z',
      },
    });
    const churned = sandbox.mutate.updateDeal(sandbox.data.deals[0]!.id, {
      csm_contract_end_date: '2026-01-01',
    });
    const found = await search();
    expect(found.body.results.map((r: { id: string }) => r.id)).toEqual([added.id, churned.id]);
    expect(added.associations).toEqual({
      companies: {
        results: [
          { id: company.id, type: 'deal_to_company' },
          { id: company.id, type: 'deal_to_company_unlabeled' },
        ],
      },
    });

    const contact = sandbox.data.contacts[0]!;
    const nps = sandbox.mutate.addFeedbackSubmission({
      contactId: contact.id,
      surveyType: 'NPS',
      value: 3,
      comment: 'meh',
    });
    expect(nps.properties).toMatchObject({
      hs_value: '3',
      hs_response_group: 'DETRACTOR',
      hs_submission_timestamp: nps.createdAt,
    });
    expect(() =>
      sandbox.mutate.addFeedbackSubmission({ contactId: contact.id, surveyType: 'CSAT', value: 3 }),
    ).toThrow(/0-2/);
    const moved = sandbox.mutate.updateContact(contact.id, { associatedcompanyid: company.id });
    expect(moved.associations?.companies?.results[0]).toEqual({ id: company.id, type: 'contact_to_company' });
  });

  it('stamps Zendesk changes a minute in the past, a second apart, and from the anchor when it is later', () => {
    const past = createSandbox({ seed: 21, companies: 10, now: NOW });
    const ticket = past.data.tickets.find((t) => t.status === 'open')!;
    const first = Date.parse(past.mutate.updateTicket(ticket.id, { priority: 'high' }).updated_at);
    const expected = Math.ceil((past.clock.now() - 60_000) / 1000) * 1000;
    expect(Math.abs(first - expected)).toBeLessThanOrEqual(1000);
    expect(
      Date.parse(past.mutate.updateTicket(ticket.id, { priority: 'low' }).updated_at),
    ).toBeGreaterThanOrEqual(first + 1000);
    const future = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86_400_000);
    const ahead = createSandbox({ seed: 21, companies: 10, now: future });
    const stamped = ahead.mutate.updateTicket(ahead.data.tickets.find((t) => t.status === 'open')!.id, {
      priority: 'high',
    });
    expect(Date.parse(stamped.updated_at)).toBe(future.getTime() + 1000);
  });

  it('adds, changes, rates and deletes Zendesk tickets', async () => {
    const sandbox = createSandbox({ seed: 21, companies: 20, now: NOW, rateLimits: false });
    const requester = sandbox.data.users.find((u) => u.role === 'end-user' && u.organization_id !== null)!;
    const ticket = sandbox.mutate.addTicket({
      requester_id: requester.id,
      subject: 'Printer on fire',
      priority: 'urgent',
    });
    expect(ticket).toMatchObject({
      status: 'new',
      organization_id: requester.organization_id,
      priority: 'urgent',
      created_at: ticket.updated_at,
    });
    expect(ticket.id).toBe(Math.max(...sandbox.data.tickets.map((t) => t.id)));
    const solved = sandbox.mutate.updateTicket(ticket.id, {
      status: 'solved',
      metrics: { replies: 1, replyTimeMinutes: 12 },
    });
    expect(Date.parse(solved.updated_at)).toBe(Date.parse(ticket.updated_at) + 1000);
    const metrics = sandbox.data.metricSets.find((m) => m.ticket_id === ticket.id)!;
    expect(metrics).toMatchObject({
      replies: 1,
      reopens: 0,
      solved_at: solved.updated_at,
      reply_time_in_minutes: { calendar: 12, business: 12 },
    });
    const rating = sandbox.mutate.addSatisfactionRating({
      ticketId: ticket.id,
      score: 'good',
      comment: 'Thanks!',
    });
    expect(rating).toMatchObject({ ticket_id: ticket.id, score: 'good', comment: 'Thanks!' });
    expect(sandbox.data.tickets.find((t) => t.id === ticket.id)!.satisfaction_rating).toMatchObject({
      id: rating.id,
      score: 'good',
    });
    const reopened = sandbox.mutate.updateTicket(ticket.id, { status: 'open' });
    expect(sandbox.data.metricSets.find((m) => m.ticket_id === ticket.id)!.reopens).toBe(1);
    expect(sandbox.mutate.deleteTicket(ticket.id).status).toBe('deleted');
    expect(() => sandbox.mutate.updateTicket(ticket.id, { status: 'open' })).toThrow(/deleted/);
    expect(reopened.status).toBe('open');
    const org = sandbox.data.organizations[0]!;
    expect(sandbox.mutate.updateOrganization(org.id, { domain_names: ['new.example'] }).domain_names).toEqual(
      ['new.example'],
    );
    expect(sandbox.mutate.updateUser(requester.id, { organization_id: null }).organization_id).toBeNull();
  });
});
