import { describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox.ts';
import { client } from '../test-utils/client.ts';

describe('HubSpot writes', () => {
  it('creates a property group and a property, then batch-updates companies with it', async () => {
    const sandbox = createSandbox({ seed: 4, companies: 30, rateLimits: false });
    const api = client(sandbox).hubspot;
    const group = await api.post('/crm/v3/properties/companies/groups', {
      name: 'csm_metrics',
      label: 'Success Metrics',
    });
    expect(group.status).toBe(201);
    expect(
      (await api.post('/crm/v3/properties/companies/groups', { name: 'csm_metrics', label: 'again' })).status,
    ).toBe(409);
    const property = await api.post('/crm/v3/properties/companies', {
      name: 'csm_health_score',
      label: 'Health score',
      type: 'number',
      fieldType: 'number',
      groupName: 'csm_metrics',
    });
    expect(property.status).toBe(201);
    const listed = await api.get('/crm/v3/properties/companies');
    expect(listed.body.results.map((p: { name: string }) => p.name)).toContain('csm_health_score');

    const [a, b] = sandbox.data.companies;
    const before = a!.updatedAt;
    const update = await api.post('/crm/v3/objects/companies/batch/update', {
      inputs: [
        { id: a!.id, properties: { csm_health_score: 72 } },
        { id: b!.id, properties: { csm_health_score: '40' } },
      ],
    });
    expect(update.status).toBe(200);
    expect(update.body.results[0].properties.csm_health_score).toBe('72');
    expect(Date.parse(update.body.results[0].updatedAt)).toBeGreaterThan(Date.parse(before));
    const read = await api.get(`/crm/v3/objects/companies/${a!.id}?properties=csm_health_score`);
    expect(read.body.properties.csm_health_score).toBe('72');
    expect(sandbox.writes().map((w) => w.path)).toEqual([
      '/crm/v3/properties/companies/groups',
      '/crm/v3/properties/companies',
      '/crm/v3/objects/companies/batch/update',
    ]);
  });

  it('refuses a batch with an unknown property without writing any of it', async () => {
    const sandbox = createSandbox({ seed: 4, companies: 10, rateLimits: false });
    const api = client(sandbox).hubspot;
    const [a] = sandbox.data.companies;
    const answer = await api.post('/crm/v3/objects/companies/batch/update', {
      inputs: [
        { id: a!.id, properties: { name: 'Renamed' } },
        { id: a!.id, properties: { csm_unknown: '1' } },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('csm_unknown');
    expect(sandbox.data.companies[0]!.properties.name).toBe(a!.properties.name);
    expect(sandbox.writes()).toEqual([]);
    const tooMany = await api.post('/crm/v3/objects/companies/batch/update', {
      inputs: Array.from({ length: 101 }, () => ({ id: a!.id, properties: {} })),
    });
    expect(tooMany.status).toBe(400);
  });

  it('creates a task associated with a company', async () => {
    const sandbox = createSandbox({ seed: 4, companies: 10, rateLimits: false });
    const api = client(sandbox).hubspot;
    const company = sandbox.data.companies[0]!;
    const task = await api.post('/crm/v3/objects/tasks', {
      properties: {
        hs_timestamp: '2026-01-01T00:00:00Z',
        hs_task_subject: 'Call about renewal',
        hs_task_body: 'Health dropped',
        hubspot_owner_id: '50000000',
      },
      associations: [
        {
          to: { id: company.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }],
        },
      ],
    });
    expect(task.status).toBe(201);
    expect(task.body.properties.hs_task_subject).toBe('Call about renewal');
    expect(sandbox.data.tasks[0]!.associations).toEqual({
      companies: { results: [{ id: company.id, type: 'task_to_company' }] },
    });
    expect(sandbox.writes()).toHaveLength(1);
    const bad = await api.post('/crm/v3/objects/tasks', {
      properties: {},
      associations: [
        { to: { id: '1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] },
      ],
    });
    expect(bad.status).toBe(400);
    expect((await api.post('/crm/v3/objects/feedback_submissions', { properties: {} })).status).toBe(403);
  });
});
