import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

const sandbox = createSandbox({ seed: 2, companies: 60, rateLimits: false });
const api = client(sandbox).hubspot;

describe('v4 associations', () => {
  it('batch-reads primary (typeId 5, label Primary) and unlabeled (341) deal-to-company associations', async () => {
    const deals = sandbox.data.deals;
    const answer = await api.post('/crm/v4/associations/deals/companies/batch/read', {
      inputs: deals.map((d) => ({ id: d.id })),
    });
    const withCompany = deals.filter((d) => d.associations?.companies);
    expect(answer.body.results).toHaveLength(withCompany.length);
    const first = answer.body.results[0];
    const raw = deals.find((d) => d.id === first.from.id)!;
    const primaryId = raw.associations!.companies!.results[0]!.id;
    expect(first.to[0]).toEqual({
      toObjectId: Number(primaryId),
      associationTypes: [
        { category: 'HUBSPOT_DEFINED', typeId: 341, label: null },
        { category: 'HUBSPOT_DEFINED', typeId: 5, label: 'Primary' },
      ],
    });
    // Deals without a company come back as errors, with 207.
    if (withCompany.length < deals.length) {
      expect(answer.status).toBe(207);
      expect(answer.body.errors[0].subCategory).toBe('crm.associations.NO_ASSOCIATIONS_FOUND');
    }
  });

  it('answers contact-to-company (1 / 279), ticket-to-company (339 / 26) and the reverse direction', async () => {
    const contact = sandbox.data.contacts.find((c) => c.associations)!;
    const contacts = await api.post('/crm/v4/associations/contacts/companies/batch/read', {
      inputs: [{ id: contact.id }],
    });
    expect(contacts.body.results[0].to[0].associationTypes.map((t: { typeId: number }) => t.typeId)).toEqual([
      279, 1,
    ]);
    const ticket = sandbox.data.hubspotTickets.find((t) => t.associations?.companies)!;
    const tickets = await api.post('/crm/v4/associations/tickets/companies/batch/read', {
      inputs: [{ id: ticket.id }],
    });
    expect(tickets.body.results[0].to[0].associationTypes.map((t: { typeId: number }) => t.typeId)).toEqual([
      26, 339,
    ]);
    const company = contact.properties.associatedcompanyid!;
    const reverse = await api.get(`/crm/v4/objects/companies/${company}/associations/contacts`);
    expect(reverse.body.results.map((r: { toObjectId: number }) => String(r.toObjectId))).toContain(
      contact.id,
    );
    const labels = await api.get('/crm/v4/associations/tasks/companies/labels');
    expect(labels.body.results).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 192, label: null }]);
  });

  it('validates the request', async () => {
    expect((await api.post('/crm/v4/associations/deals/companies/batch/read', { inputs: [] })).status).toBe(
      400,
    );
    expect(
      (await api.post('/crm/v4/associations/deals/planets/batch/read', { inputs: [{ id: '1' }] })).status,
    ).toBe(400);
  });
});
